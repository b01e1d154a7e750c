"""Writes of teacher development: records with their evidence, confirmations, pairs, groups, criteria versions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.core.development import parse_rules
from zhiliang.development.models import (
    Achievement,
    Confirmation,
    Evidence,
    GroupActivity,
    LadderCriteria,
    MentoringMeeting,
    MentoringPair,
    SubjectGroup,
    TrainingRecord,
)
from zhiliang.org.models import County, School
from zhiliang.people.models import Teacher

# Certificates are photos or scans; papers are PDFs or Word files. Nothing that a browser would run.
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _check_evidence(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    if not name.endswith(EVIDENCE_EXTENSIONS):
        raise ValidationError(_("Evidence must be a PDF, JPEG, PNG or Word file."))
    if (upload.size or 0) > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Evidence files may be at most 10 MB."))


def _attach(upload: UploadedFile | None, user: Any, **record: Any) -> None:
    if upload is None:
        return
    _check_evidence(upload)
    Evidence.objects.create(
        file=upload, original_name=(upload.name or "")[:200], size=upload.size or 0, uploaded_by=user, **record
    )


@transaction.atomic
def training_record_add(
    *, user: Any, teacher: Teacher, evidence: UploadedFile | None = None, confirmed: bool = False, **fields: Any
) -> TrainingRecord:
    """A course, with its certificate if given; confirmed at once when the school leadership records it."""
    record = TrainingRecord(teacher=teacher, recorded_by=user, **fields)
    if confirmed:
        record.status, record.confirmed_by, record.confirmed_at = Confirmation.CONFIRMED, user, timezone.now()
    record.full_clean()
    record.save()
    _attach(evidence, user, training=record)
    return record


@transaction.atomic
def achievement_add(
    *, user: Any, teacher: Teacher, evidence: UploadedFile | None = None, confirmed: bool = False, **fields: Any
) -> Achievement:
    record = Achievement(teacher=teacher, recorded_by=user, **fields)
    if confirmed:
        record.status, record.confirmed_by, record.confirmed_at = Confirmation.CONFIRMED, user, timezone.now()
    record.full_clean()
    record.save()
    _attach(evidence, user, achievement=record)
    return record


def record_confirm(*, user: Any, record: TrainingRecord | Achievement, accept: bool) -> None:
    """The leadership confirms (or rejects) a record; only confirmed records count on the ladder."""
    record.status = Confirmation.CONFIRMED if accept else Confirmation.REJECTED
    record.confirmed_by = user
    record.confirmed_at = timezone.now()
    record.save(update_fields=["status", "confirmed_by", "confirmed_at"])


def pair_create(*, user: Any, mentor: Teacher, mentee: Teacher, started_on: datetime.date, goals: str) -> MentoringPair:
    if mentor.pk == mentee.pk:
        raise ValidationError(_("A teacher cannot mentor themselves."))
    if mentor.school_id != mentee.school_id:
        raise ValidationError(_("Mentor and mentee must be teachers of the same school."))
    return MentoringPair.objects.create(
        school_id=mentee.school_id, mentor=mentor, mentee=mentee, started_on=started_on, goals=goals, created_by=user
    )


def meeting_add(*, user: Any, pair: MentoringPair, **fields: Any) -> MentoringMeeting:
    meeting = MentoringMeeting(pair=pair, recorded_by=user, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def group_create(
    *, school: School, name: str, leader: Teacher, subjects: Iterable[Any], members: Iterable[Teacher]
) -> SubjectGroup:
    member_list = list(members)
    if any(m.school_id != school.pk for m in [leader, *member_list]):
        raise ValidationError(_("The leader and members must be teachers of the group's school."))
    group = SubjectGroup.objects.create(school=school, name=name, leader=leader)
    group.subjects.set(subjects)
    group.members.set({leader, *member_list})
    return group


@transaction.atomic
def activity_add(*, user: Any, group: SubjectGroup, attendees: Iterable[Teacher], **fields: Any) -> GroupActivity:
    present = list(attendees)
    member_ids = set(group.members.values_list("pk", flat=True))
    if any(t.pk not in member_ids for t in present):
        raise ValidationError(_("Attendance lists members of the group only."))
    activity = GroupActivity(group=group, recorded_by=user, **fields)
    activity.full_clean(exclude=["attendees"])
    activity.save()
    activity.attendees.set(present)
    return activity


@transaction.atomic
def criteria_save(
    *, user: Any, county: County, school: School | None, rules: dict[str, Any], note: str = ""
) -> LadderCriteria:
    """A new version of the ladder criteria; earlier versions stay as they were (old reviews keep their meaning)."""
    parsed = parse_rules(rules)
    stored = {stage: {metric: _number(v) for metric, v in conditions.items()} for stage, conditions in parsed.items()}
    versions = LadderCriteria.objects.select_for_update().filter(county=county, school=school)
    version = (versions.aggregate(v=Max("version"))["v"] or 0) + 1
    return LadderCriteria.objects.create(
        county=county, school=school, version=version, rules=stored, note=note, created_by=user
    )


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
