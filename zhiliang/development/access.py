"""Who sees and does what in teacher development, built only on `zhiliang.accounts.scoping`.

* A teacher sees and adds their own training records and achievements, their mentoring pairs, the subject
  groups they lead or belong to, and their own growth archive.
* A mentor and a mentee see their pair and both record meetings in it.
* A subject-group leader records the group's activities; members see them.
* Principals and academic directors see their school (every archive, pair and group), confirm training hours
  and achievements, set up pairs and groups and may set the school's own ladder criteria.
* Bureau roles and group leaders see the aggregates of their schools; individual archives only as far as
  `visible_teachers` lets them see teachers at all (whole schools: bureau administrator, analyst, group
  leader). The bureau administrator sets the county's ladder criteria.

Grade leaders, head teachers and subject teachers see colleagues on the teacher list, but a colleague's
development records are personal: they are not listed here. Everything else answers 404.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import (
    Scope,
    can_manage_school,
    managed_schools,
    scope_for,
    visible_teachers,
    whole_school_ids,
)
from zhiliang.development.models import Achievement, Evidence, MentoringPair, SubjectGroup, TrainingRecord
from zhiliang.org.models import County, School
from zhiliang.people.models import Teacher


def own_teacher(user: Any) -> Teacher | None:
    teacher_id = scope_for(user).teacher_id
    return Teacher.objects.select_related("school").get(pk=teacher_id) if teacher_id else None


def archive_teachers(user: Any) -> QuerySet[Teacher]:
    """Teachers whose development records and archive the user may open: whole-school roles, and oneself."""
    scope = scope_for(user)
    mine = Q(pk=scope.teacher_id) if scope.teacher_id else Q(pk__in=[])
    return visible_teachers(user).filter(Q(school__in=whole_school_ids(user)) | mine)


NAV_LABEL = _("Teacher development")


def shows_development(scope: Scope, user: Any) -> bool:
    """The menu entry: teachers (their own records) and the whole-school roles (county, group, school)."""
    return scope.teacher_id is not None or bool(scope.county_ids or scope.group_ids or scope.school_ids)


def has_development_pages(user: Any) -> bool:
    """The index opens for teachers (their own records) and for whole-school roles."""
    return shows_development(scope_for(user), user)


def training_visible(user: Any) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(teacher__in=archive_teachers(user))


def achievements_visible(user: Any) -> QuerySet[Achievement]:
    return Achievement.objects.filter(teacher__in=archive_teachers(user))


def evidence_visible(user: Any) -> QuerySet[Evidence]:
    return Evidence.objects.filter(
        Q(training__in=training_visible(user).values("pk")) | Q(achievement__in=achievements_visible(user).values("pk"))
    )


def can_confirm(user: Any, teacher: Teacher) -> bool:
    """Confirming hours and awards is the school leadership's (and the bureau administrator's)."""
    return can_manage_school(user, teacher.school)


def pairs_visible(user: Any) -> QuerySet[MentoringPair]:
    scope = scope_for(user)
    own = Q(mentor_id=scope.teacher_id) | Q(mentee_id=scope.teacher_id) if scope.teacher_id else Q(pk__in=[])
    return MentoringPair.objects.filter(Q(school__in=whole_school_ids(user)) | own)


def can_record_meeting(user: Any, pair: MentoringPair) -> bool:
    teacher_id = scope_for(user).teacher_id
    return teacher_id in (pair.mentor_id, pair.mentee_id) or can_manage_school(user, pair.school)


def groups_visible(user: Any) -> QuerySet[SubjectGroup]:
    scope = scope_for(user)
    own = Q(pk__in=[])
    if scope.teacher_id:
        member_of = SubjectGroup.members.through.objects.filter(teacher_id=scope.teacher_id).values("subjectgroup_id")
        own = Q(leader_id=scope.teacher_id) | Q(pk__in=member_of)
    return SubjectGroup.objects.filter(Q(school__in=whole_school_ids(user)) | own)


def can_record_activity(user: Any, group: SubjectGroup) -> bool:
    return scope_for(user).teacher_id == group.leader_id or can_manage_school(user, group.school)


def school_managed(user: Any) -> QuerySet[School]:
    """Schools whose pairs and groups the user sets up and whose records they confirm."""
    return managed_schools(user)


def reviewable_schools(user: Any) -> QuerySet[School]:
    """Schools whose eligible list and training overview the user sees (whole-school roles)."""
    return whole_school_ids(user)


def criteria_counties(user: Any) -> QuerySet[County]:
    """Counties whose ladder criteria the user may change: the bureau administrator's."""
    return County.objects.filter(id__in=scope_for(user).county_admin_ids)


def criteria_schools(user: Any) -> QuerySet[School]:
    """Schools that may override the county's criteria: their principal and academic director."""
    return School.objects.filter(id__in=scope_for(user).school_ids)
