"""Writes of the balance app: figures (never overwritten, a new row each), checklist answers, evidence, measures.

Every write is keyword-only, checks that the user manages the school (or, for county items, administers the
county) and raises PermissionDenied otherwise; views turn that into 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from zhiliang.accounts.scoping import can_manage_school
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.balance.access import administers_county
from zhiliang.balance.models import (
    AppliesTo,
    ChecklistAnswer,
    ChecklistItem,
    Evidence,
    IndicatorInput,
    InputKind,
    InputSource,
    Measure,
)
from zhiliang.core.balance.checklists import DEFAULTS
from zhiliang.org.models import County, School, SchoolYear

FigureKey = tuple[str, str]  # (input key, stage code or "" for the whole school)


def _latest(school: School, year: SchoolYear, key: str, stage: str, kind: str) -> IndicatorInput | None:
    return (
        IndicatorInput.objects.filter(school=school, school_year=year, key=key, stage=stage, kind=kind)
        .order_by("-entered_at", "-id")
        .first()
    )


def figures_save(
    *,
    user: Any,
    school: School,
    school_year: SchoolYear,
    values: dict[FigureKey, Decimal | None],
    source: str = InputSource.FORM,
    note: str = "",
    stated: dict[str, str] | None = None,
) -> int:
    """Record each figure that differs from the latest one (None = not given: nothing recorded). Returns how
    many rows were added; saving the same figures again adds none."""
    if user is not None and not can_manage_school(user, school):
        raise PermissionDenied
    now = timezone.now()
    added = 0
    with transaction.atomic():
        for (key, stage), value in values.items():
            if value is None:
                continue
            latest = _latest(school, school_year, key, stage, InputKind.FIGURE)
            if latest is not None and latest.value == value:
                continue
            IndicatorInput.objects.create(
                school=school, school_year=school_year, key=key, stage=stage, value=value, source=source,
                note=note, entered_by=user, entered_at=now,
            )  # fmt: skip
            added += 1
        for key, text in (stated or {}).items():
            latest = _latest(school, school_year, key, "", InputKind.STATED_RATIO)
            if latest is not None and latest.text == text:
                continue
            IndicatorInput.objects.create(
                school=school, school_year=school_year, key=key, stage="", kind=InputKind.STATED_RATIO,
                value=Decimal(text), text=text, source=source, note=note, entered_by=user, entered_at=now,
            )  # fmt: skip
            added += 1
    return added


def checklist_defaults_ensure(county: County) -> None:
    """Give the county the default checklist (教督〔2017〕6号 parts two to four) unless it has items already."""
    if ChecklistItem.objects.filter(county=county).exists():
        return
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            county=county,
            code=item.code,
            part=item.part,
            text=item.text,
            comparator=item.comparator,
            threshold=None if item.threshold is None else Decimal(str(item.threshold)),
            unit=item.unit,
            applies_to=item.applies_to,
            order=index,
        )
        for index, item in enumerate(DEFAULTS)
    )


def _may_answer(user: Any, item: ChecklistItem, school: School | None) -> bool:
    if item.applies_to == AppliesTo.COUNTY:
        return school is None and administers_county(user, item.county_id)
    return school is not None and school.county_id == item.county_id and can_manage_school(user, school)


def checklist_answer_save(
    *,
    user: Any,
    item: ChecklistItem,
    school_year: SchoolYear,
    school: School | None,
    value: Decimal | None,
    done: bool,
    note: str,
) -> ChecklistAnswer:
    if not _may_answer(user, item, school):
        raise PermissionDenied
    return ChecklistAnswer.objects.create(
        item=item, school_year=school_year, school=school, value=value, done=done, note=note,
        entered_by=user, entered_at=timezone.now(),
    )  # fmt: skip


def evidence_add(
    *, user: Any, item: ChecklistItem, school_year: SchoolYear, school: School | None, upload: UploadedFile
) -> Evidence:
    if not _may_answer(user, item, school):
        raise PermissionDenied
    evidence = Evidence(
        item=item, school_year=school_year, school=school, name=(upload.name or "file")[:200],
        content_type=(upload.content_type or "")[:100], uploaded_by=user, uploaded_at=timezone.now(),
    )  # fmt: skip
    evidence.file.save(upload.name or "file", upload, save=False)
    evidence.save()
    return evidence


def evidence_download_audit(*, user: Any, evidence: Evidence) -> None:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        target=evidence,
        summary=f"下载优质均衡佐证材料：{evidence.item.code} {evidence.name}",
    )


def measure_add(
    *, user: Any, school: School, school_year: SchoolYear, key: str, text: str, deadline: Any, responsible: str
) -> Measure:
    if not can_manage_school(user, school):
        raise PermissionDenied
    return Measure.objects.create(
        school=school, school_year=school_year, key=key, text=text, deadline=deadline, responsible=responsible,
        entered_by=user, entered_at=timezone.now(),
    )  # fmt: skip


def measure_delete(*, user: Any, measure: Measure) -> None:
    if not can_manage_school(user, measure.school):
        raise PermissionDenied
    measure.delete()


def checklist_item_update(*, user: Any, item: ChecklistItem, data: dict[str, Any]) -> ChecklistItem:
    """Change a county's checklist item (only its bureau administrator); answers already given keep their values
    and are judged against the new threshold."""
    if not administers_county(user, item.county_id):
        raise PermissionDenied
    for field, value in data.items():
        setattr(item, field, value)
    item.save()
    return item
