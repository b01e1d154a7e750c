"""Who opens the balanced-development pages: the bureau (all schools), the group leader (their group's schools,
read-only), the principal and academic director (their school, and they edit it), the central school's principal
(城关中心小学 and its teaching point). Teachers and grade leaders get 404 everywhere. Objects below belong to
第一初级中学 (junior1) unless a comment says otherwise; the county report and county checklist are the bureau's
(the group leader reads the county checklist)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.balance.factories import fill
from zhiliang.balance.models import ChecklistItem, Evidence, Measure
from zhiliang.balance.services import checklist_defaults_ensure

BALANCE = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director", "central_principal"}
JUNIOR1_READERS = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director"}
JUNIOR1_EDITORS = {"bureau_admin", "principal", "academic_director"}
BUREAU = {"bureau_admin", "bureau_analyst"}
COUNTY_READERS = {"bureau_admin", "bureau_analyst", "group_leader"}


def _junior1(cast):
    if not cast.junior1.balance_inputs.exists():
        fill(cast)
    return {"pk": cast.junior1.pk}


def _item(code):
    def kwargs(cast):
        checklist_defaults_ensure(cast.county)
        return {"pk": ChecklistItem.objects.get(county=cast.county, code=code).pk}

    return kwargs


def _measure(cast):
    measure = Measure.objects.create(
        school=cast.junior1, school_year=cast.year, key="sports_area", text="租用运动场",
        deadline=datetime.date(2026, 9, 1), entered_at=timezone.now(),
    )  # fmt: skip
    return {"pk": measure.pk}


def _evidence(cast):
    checklist_defaults_ensure(cast.county)
    item = ChecklistItem.objects.get(county=cast.county, code="Q3")
    evidence = Evidence(
        item=item, school_year=cast.year, school=cast.junior1, name="章程.pdf", uploaded_at=timezone.now()
    )
    evidence.file.save("章程.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {"pk": evidence.pk}


ENTRIES: dict[str, dict] = {
    "balance:index": {"allowed": BALANCE},
    "balance:county_xlsx": {"allowed": BALANCE},
    "balance:county_report": {"kwargs": lambda cast: {"fmt": "docx"}, "allowed": BUREAU},
    "balance:template": {"allowed": BALANCE},
    "balance:checklist": {"allowed": COUNTY_READERS},
    "balance:school": {"kwargs": _junior1, "allowed": JUNIOR1_READERS},
    "balance:school_xlsx": {"kwargs": _junior1, "allowed": JUNIOR1_READERS},
    "balance:school_report": {"kwargs": lambda cast: {**_junior1(cast), "fmt": "docx"}, "allowed": JUNIOR1_READERS},
    "balance:school_checklist": {"kwargs": _junior1, "allowed": JUNIOR1_READERS},
    "balance:figures": {"kwargs": _junior1, "allowed": JUNIOR1_EDITORS},
    "balance:what_if": {
        "kwargs": _junior1,
        "allowed": JUNIOR1_READERS,
        "method": "post",
        "data": lambda cast: {"year": cast.year.pk, "teaching_area": "3000"},
    },
    "balance:measure_add": {
        "kwargs": _junior1,
        "allowed": JUNIOR1_EDITORS,
        "method": "post",
        "data": lambda cast: {"year": cast.year.pk, "key": "sports_area", "text": "租用", "deadline": "2026-09-01"},
        "ok": {302},
    },
    "balance:measure_delete": {"kwargs": _measure, "allowed": JUNIOR1_EDITORS, "method": "post", "ok": {302}},
    # A school item answered for 第一初级中学: its managers only.
    "balance:answer": {
        "kwargs": _item("Q2"),
        "allowed": JUNIOR1_EDITORS,
        "method": "post",
        "data": lambda cast: {"year": cast.year.pk, "value": "96", "school": cast.junior1.pk},
        "ok": {302},
    },
    "balance:evidence_upload": {
        "kwargs": _item("Q3"),
        "allowed": JUNIOR1_EDITORS,
        "method": "post",
        "data": lambda cast: {"year": cast.year.pk, "school": cast.junior1.pk, "file": ContentFile(b"x", name="a.txt")},
        "ok": {302},
    },
    # Configuring the county's checklist: its bureau administrator only.
    "balance:item_update": {
        "kwargs": _item("S1"),
        "allowed": {"bureau_admin"},
        "method": "post",
        "data": lambda cast: {
            "year": cast.year.pk,
            "text": "社会认可度",
            "comparator": ">=",
            "threshold": "90",
            "unit": "%",
            "is_active": "on",
        },
        "ok": {302},
    },
    "balance:evidence_download": {"kwargs": _evidence, "allowed": JUNIOR1_READERS},
}
