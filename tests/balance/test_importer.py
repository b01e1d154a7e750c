"""The facility import (generic import flow): rows by school code or name, scoped to managed schools,
stated ratios kept as written, idempotent."""

import io

import openpyxl
import pytest

from zhiliang.balance.importer import apply, check
from zhiliang.balance.models import IndicatorInput, InputKind
from zhiliang.imports.models import ImportJob

pytestmark = pytest.mark.django_db

HEADER = [
    "学校代码",
    "学校",
    "教学及辅助用房面积",
    "体育运动场馆面积",
    "教学仪器设备值",
    "网络多媒体教室数",
    "生均教学及辅助用房面积",
]


def job(cast, user, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return ImportJob(
        kind="balance_facilities", created_by=cast.user(user), county=cast.county, target_id=cast.year.pk,
        filename="设施.xlsx", content=output.getvalue(), sha256="x",
    )  # fmt: skip


def test_import_records_figures_once(cast):
    rows = [["J01", "", 2500, 4000, 1000000, 12, "5.00"], ["", "城关中心小学", 1500, 2400, "64万", 7, None]]
    bad = check(job(cast, "bureau_admin", rows))
    assert [p.code for p in bad.problems] == ["cell.not_a_number"]  # 64万: a number, please
    rows[1][4] = 640000
    imported = job(cast, "bureau_admin", rows)
    assert check(imported).ok
    assert apply(imported, lambda *_: None) == {"update": 2, "figures": 9}
    stated = IndicatorInput.objects.get(school=cast.junior1, kind=InputKind.STATED_RATIO)
    assert stated.text == "5.00" and stated.key == "teaching_area"
    assert apply(imported, lambda *_: None)["figures"] == 0  # the same file again changes nothing
    assert IndicatorInput.objects.filter(school=cast.central, key="equipment_value").get().value == 640000


def test_principal_imports_only_their_school(cast):
    result = check(job(cast, "principal", [["J02", "", 1, 1, 1, 1, None]]))
    assert [p.code for p in result.problems] == ["balance.unknown_school"]
