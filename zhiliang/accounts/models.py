"""Users and the roles they hold.

Roles come from two places:

* `RoleAssignment` rows grant the administrative roles, each with the scope it covers:
  bureau administrator and bureau analyst (a county), group leader (a group), principal and academic
  director (a school), grade leader (one grade of a school).
* Teaching roles are derived from the teaching data, not granted by hand: a user linked to a `Teacher`
  is a head teacher of the classes whose `head_teacher` they are, and a subject teacher of the classes and
  subjects of their `TeachingAssignment`s. So the timetable stays the single source of truth.

One person may hold several roles; what they may see is the union (`zhiliang/accounts/scoping.py`).
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    BUREAU_ADMIN = "bureau_admin", _("教育局管理员")
    BUREAU_ANALYST = "bureau_analyst", _("教育局分析员")
    GROUP_LEADER = "group_leader", _("集团/学区负责人")
    PRINCIPAL = "principal", _("校长")
    ACADEMIC_DIRECTOR = "academic_director", _("教导主任")
    GRADE_LEADER = "grade_leader", _("年级组长")
    # Derived from teaching data (never stored as RoleAssignment):
    HEAD_TEACHER = "head_teacher", _("班主任")
    SUBJECT_TEACHER = "subject_teacher", _("任课教师")


COUNTY_ROLES = {Role.BUREAU_ADMIN, Role.BUREAU_ANALYST}
SCHOOL_ROLES = {Role.PRINCIPAL, Role.ACADEMIC_DIRECTOR}
ASSIGNABLE_ROLES = [
    Role.BUREAU_ADMIN,
    Role.BUREAU_ANALYST,
    Role.GROUP_LEADER,
    Role.PRINCIPAL,
    Role.ACADEMIC_DIRECTOR,
    Role.GRADE_LEADER,
]  # a list, not built from the sets above: choices must keep one order for migrations


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=[(r.value, r.label) for r in ASSIGNABLE_ROLES])
    county = models.ForeignKey("org.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    group = models.ForeignKey("org.EducationGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(
                        role__in=[Role.BUREAU_ADMIN, Role.BUREAU_ANALYST],
                        county__isnull=False,
                        group=None,
                        school=None,
                    )
                    | Q(role=Role.GROUP_LEADER, group__isnull=False, school=None)
                    | Q(role__in=[Role.PRINCIPAL, Role.ACADEMIC_DIRECTOR], school__isnull=False, grade=None)
                    | Q(role=Role.GRADE_LEADER, school__isnull=False, grade__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.school or self.group or self.county
        suffix = f" {self.grade}年级" if self.grade else ""
        return f"{self.user} · {self.get_role_display()} · {scope}{suffix}"

    def clean(self) -> None:
        if self.role == Role.GRADE_LEADER and self.grade is not None and not 1 <= self.grade <= 12:
            raise ValidationError({"grade": _("Grade must be between 1 and 12.")})
