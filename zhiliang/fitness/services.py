"""Writes: one value entered on a phone, a results sheet applied by the importer. Both rescore the record."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.fitness import BY_KEY, MeasureError, parse_measure
from zhiliang.core.fitness.messages import describe
from zhiliang.core.fitness.sheet import MeasurementRow
from zhiliang.core.fitness.vision import parse_acuity
from zhiliang.fitness.models import MEASUREMENT_FIELDS, FitnessRecord
from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import Student

ENTRY_FIELDS: tuple[str, ...] = ("height", "weight", *MEASUREMENT_FIELDS, "left_acuity", "right_acuity")
VISION_FIELDS = ("left_acuity", "right_acuity", "left_sphere", "left_cylinder", "left_axis", "right_sphere",
                 "right_cylinder", "right_axis")  # fmt: skip
HEALTH_FIELDS = ("caries", "myopia_diagnosed", "scoliosis_suspected")


def record_get_or_new(*, student: Student, school_year: SchoolYear, school_class: SchoolClass) -> FitnessRecord:
    """The student's record of the year, or an unsaved one in the class they are tested in."""
    record = FitnessRecord.objects.filter(student=student, school_year=school_year).first()
    if record is None:
        record = FitnessRecord(
            student=student,
            school_year=school_year,
            school_class=school_class,
            grade=school_class.grade,
            sex=student.sex,
        )
    return record


@dataclass
class EntryResult:
    record: FitnessRecord
    error: str | None = None
    changed: bool = False


def parse_entry(field: str, text: str) -> Decimal | None:
    """A value typed on the phone, by the same rules as a file (raises MeasureError)."""
    if field in ("left_acuity", "right_acuity"):
        return parse_acuity(text)
    return parse_measure(BY_KEY[field], text)


def _plain(value: Decimal) -> str:
    """235.00 → "235", 9.80 → "9.8": the value as a person wrote it, for the audit log."""
    return format(value.normalize(), "f")


def record_value_enter(*, actor: Any, record: FitnessRecord, field: str, text: str, lang: str) -> EntryResult:
    """Save one value (or clear it with an empty text) and rescore; an unusable value leaves the record as it was."""
    if field not in ENTRY_FIELDS:
        raise ValueError(f"unknown field {field!r}")
    try:
        value = parse_entry(field, text.strip())
    except MeasureError as error:
        return EntryResult(record, describe(error.code, error.params, lang))
    if record.pk is not None and getattr(record, field) == value:
        return EntryResult(record)
    previous = getattr(record, field)
    with transaction.atomic():
        setattr(record, field, value)
        record.updated_by = actor if getattr(actor, "pk", None) else None
        record.rescore()
        record.save()
        if record.pk is not None and previous is not None:  # a correction, not the first entry: keep the old value
            audit_record(
                actor=actor,
                action=AuditAction.SCORE_EDIT,
                target=record,
                what="fitness",
                field=field,
                old=_plain(previous),
                new="" if value is None else _plain(value),
            )
    return EntryResult(record, changed=True)


def _row_values(row: MeasurementRow, present: set[str]) -> dict[str, Any]:
    """The fields a file row sets: only the columns the file has (a file without 视力 keeps the vision)."""
    values: dict[str, Any] = {}
    for key in ("height", "weight"):
        if key in present:
            values[key] = getattr(row, key)
    for key, value in row.values.items():
        if key in present:
            values[key] = value
    for key, value in row.vision.items():
        if key in present:
            values[key] = value
    for key, value in row.health.items():
        if key in present:
            values[key] = value
    values["exempt"] = row.exempt
    return values


def record_apply_row(
    *, record: FitnessRecord, row: MeasurementRow, present: set[str], actor: Any, dry_run: bool = False
) -> str:
    """Apply a file row to a record: "create", "update" or "unchanged" (nothing written on a dry run)."""
    values = _row_values(row, present)
    if record.pk is not None and all(_same(getattr(record, key), value) for key, value in values.items()):
        return "unchanged"
    action = "create" if record.pk is None else "update"
    if dry_run:
        return action
    for key, value in values.items():
        setattr(record, key, value)
    record.updated_by = actor if getattr(actor, "pk", None) else None
    record.rescore()
    record.save()
    return action


def _same(current: Any, new: Any) -> bool:
    if isinstance(current, Decimal) and isinstance(new, Decimal):
        return current.compare(new) == 0
    return bool(current == new)
