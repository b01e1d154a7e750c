"""The .xlsx files of the balance pages: county table (schools × indicators, CVs), one school, the template."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhiliang.balance.picture import Picture
from zhiliang.balance.presenters import label, stage_label
from zhiliang.core.balance import INDICATORS, KEYS, SOURCE, STAGES
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.org.models import School

TEMPLATE_HEADER = (
    "学校代码",
    "学校",
    "学生数",
    "教学及辅助用房面积",
    "体育运动场馆面积",
    "教学仪器设备值",
    "网络多媒体教室数",
)


def _verdict(met: bool | None) -> str:
    return "—" if met is None else (str(_("Met")) if met else str(_("Not met")))


def county_workbook(picture: Picture, visible: set[int]) -> bytes:
    by_name = {item.school.name: item.school for item in picture.data}
    columns = [
        ColumnSpec(str(_("School"))),
        ColumnSpec(str(_("Stage"))),
        ColumnSpec(str(_("Students")), kind="int"),
        *[ColumnSpec(label(i), kind="number") for i in INDICATORS],
        ColumnSpec(str(_("Indicators met")), kind="int"),
        ColumnSpec(str(_("Verdict"))),
    ]
    rows = [
        [
            part.school,
            stage_label(part.stage),
            part.students,
            *[part.indicators[key].value for key in KEYS],
            part.met_count,
            _verdict(part.meets_standard),
        ]
        for part in picture.evaluation.schools
        if by_name[part.school].pk in visible
    ]
    cv_rows = []
    for stage in STAGES:
        for indicator in INDICATORS:
            item = picture.evaluation.county[stage][indicator.key]
            cv_rows.append(
                [
                    stage_label(stage),
                    label(indicator),
                    item.cv.mean,
                    item.cv.sd,
                    item.cv.cv,
                    item.limit,
                    _verdict(item.met),
                ]
            )
    return workbook_bytes(
        [
            SheetSpec(
                str(_("Schools")), columns, rows, title=f"{picture.county.name} {picture.year} " + str(_("resource indicators")),
                notes=[f"注：{SOURCE}。一贯制学校设施按在校生加权拆分（九年一贯制 1 : 1.1）。"],
            ),
            SheetSpec(
                str(_("County CV")),
                [
                    ColumnSpec(str(_("Stage"))), ColumnSpec(str(_("Indicator"))),
                    ColumnSpec(str(_("Weighted mean")), kind="number"), ColumnSpec(str(_("Weighted SD")), kind="number"),
                    ColumnSpec(str(_("CV")), kind="number", decimals=3), ColumnSpec(str(_("Limit")), kind="number"),
                    ColumnSpec(str(_("Verdict"))),
                ],
                cv_rows,
                notes=["注：差异系数 = 按在校生加权的标准差 ÷ 加权平均值（教督〔2012〕3号计算方法）。"],
            ),
        ]
    )  # fmt: skip


def school_workbook(picture: Picture, school: School) -> bytes:
    sheets = []
    for part in picture.parts_of(school.name):
        rows = [
            [
                label(indicator), part.indicators[indicator.key].quantity, indicator.unit, part.students,
                part.indicators[indicator.key].value, part.indicators[indicator.key].standard,
                _verdict(part.indicators[indicator.key].met), part.indicators[indicator.key].shortfall,
            ]
            for indicator in INDICATORS
        ]  # fmt: skip
        sheets.append(
            SheetSpec(
                stage_label(part.stage),
                [
                    ColumnSpec(str(_("Indicator"))),
                    ColumnSpec(str(_("Quantity")), kind="number"),
                    ColumnSpec(str(_("Unit"))),
                    ColumnSpec(str(_("Students")), kind="int"),
                    ColumnSpec(str(_("Value")), kind="number"),
                    ColumnSpec(str(_("Standard")), kind="number"),
                    ColumnSpec(str(_("Status"))),
                    ColumnSpec(str(_("Shortfall")), kind="number"),
                ],
                rows,
                title=f"{school.name} {picture.year} {stage_label(part.stage)}",
                notes=[f"注：{SOURCE}；设施占全校 {part.share:.2%}。"],
            )
        )
    if not sheets:
        sheets.append(SheetSpec(str(_("School")), [ColumnSpec(str(_("Note")))], [[str(_("No figures yet."))]]))
    return workbook_bytes(sheets)


def template_workbook() -> bytes:
    columns = [ColumnSpec(header) for header in TEMPLATE_HEADER]
    return workbook_bytes(
        [
            SheetSpec(
                "设施数据", columns, [["QH01", "清河县实验小学", "", 6000, 9000, 2500000, 30]],
                notes=["注：每校一行；面积为平方米，设备值为元（不是万元）；学生数可不填（按学籍统计）。"
                       "可选列：每百名学生拥有…、生均…（学校自报的比值，用于一致性检查）。"],
            )
        ]
    )  # fmt: skip
