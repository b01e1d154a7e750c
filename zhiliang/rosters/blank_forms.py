"""Downloadable roster templates (导入模板): the columns with Chinese headers, one example row, drop-down
lists for columns with fixed values, and a sheet explaining every column.

Written with xlsxwriter directly rather than `zhiliang.core.xlsx_export`, because a template must format the
*empty* cells people will type into: every column is Text, so an 18-digit ID number or a 学籍号 keeps its
digits instead of turning into 1.10101E+17.
"""

import io

import xlsxwriter

from zhiliang.core.rosters import ROSTERS, RosterSpec
from zhiliang.core.rosters.columns import BACKBONE_LEVELS, EDUCATION, GROWTH_STAGES, LOCATIONS, SCHOOL_KINDS, TITLES

TEMPLATE_ROWS = 2000  # rows formatted as text and given drop-down lists

# The values offered in drop-down lists (the importer accepts more spellings, listed in the notes).
DROPDOWNS: dict[str, list[str]] = {
    "sex": ["男", "女"],
    "kind": ["小学", "初级中学", "九年一贯制", "完全中学", "高级中学", "十二年一贯制", "教学点"],
    "location": ["城区", "镇区", "乡村"],
    "education": ["博士研究生", "硕士研究生", "本科", "专科", "中专/高中", "其他"],
    "title": ["正高级教师", "高级教师", "一级教师", "二级教师", "三级教师", "未定级"],
    "backbone_level": ["无", "县级骨干", "市级骨干", "省级骨干"],
    "growth_stage": ["达标教师", "骨干教师", "学科带头人", "教学名师", "专家型教师"],
    "pe_arts": ["是", "否"],
    "term": ["第一学期", "第二学期"],
}
_ACCEPTED = {
    "kind": SCHOOL_KINDS,
    "location": LOCATIONS,
    "education": EDUCATION,
    "title": TITLES,
    "backbone_level": BACKBONE_LEVELS,
    "growth_stage": GROWTH_STAGES,
}

GENERAL_NOTES = (
    "第一行是列名，请不要修改；第二行是示例，导入前请删除（留着会被提示）。",
    "列的顺序可以调整，不需要的非必填列可以删除，多出来的列（如备注）会被忽略。",
    "上面可以有标题行（如“2025年秋季学生名册”），表格下面的“制表人：”“注：”等说明行会被忽略。",
    "也可以上传 .xls 或 CSV（UTF-8 或 GBK 编码）文件，列名用下表中“也可写作”的任何一个均可。",
    "导入前系统会逐行检查并显示预览，有任何问题都不会写入；同一个文件导入两次不会产生重复数据。",
)


def template_bytes(kind: str) -> bytes:
    spec = ROSTERS[kind]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False})
    try:
        _data_sheet(workbook, spec)
        _notes_sheet(workbook, spec)
    finally:
        workbook.close()
    return buffer.getvalue()


def _data_sheet(workbook: xlsxwriter.Workbook, spec: RosterSpec) -> None:
    sheet = workbook.add_worksheet(spec.title)
    text = workbook.add_format({"num_format": "@"})
    header = workbook.add_format(
        {"bold": True, "border": 1, "bg_color": "#DDEBF7", "align": "center", "num_format": "@"}
    )
    required = workbook.add_format(
        {"bold": True, "border": 1, "bg_color": "#FCE4D6", "align": "center", "num_format": "@"}
    )
    example = workbook.add_format({"num_format": "@", "font_color": "#808080", "italic": True})
    for index, column in enumerate(spec.columns):
        width = max(10, 2 * len(column.label) + 4, len(column.example) + 4)
        sheet.set_column(index, index, width, text)
        sheet.write_string(0, index, column.label, required if column.required else header)
        if column.example:
            sheet.write_string(1, index, column.example, example)
        if column.note:
            sheet.write_comment(0, index, column.note, {"x_scale": 2, "y_scale": 1.5})
        options = DROPDOWNS.get(column.key)
        if options:
            sheet.data_validation(
                1,
                index,
                TEMPLATE_ROWS,
                index,
                {"validate": "list", "source": options, "error_type": "information", "show_error": False},
            )
    sheet.freeze_panes(1, 0)


def _notes_sheet(workbook: xlsxwriter.Workbook, spec: RosterSpec) -> None:
    sheet = workbook.add_worksheet("填写说明")
    bold = workbook.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    title = workbook.add_format({"bold": True, "font_size": 14})
    sheet.write_string(0, 0, f"{spec.title}填写说明", title)
    headers = ("列名", "是否必填", "说明", "也可写作", "可以填写的值")
    for index, label in enumerate(headers):
        sheet.write_string(2, index, label, bold)
    for width_index, width in enumerate((16, 10, 60, 30, 40)):
        sheet.set_column(width_index, width_index, width)
    row = 3
    for column in spec.columns:
        needed = "必填" if column.required else "选填"
        if column.key == "school":
            needed = "必填（上传时选择了学校的可不填）"
        accepted = _ACCEPTED.get(column.key)
        values = "、".join(accepted) if accepted else "、".join(DROPDOWNS.get(column.key, []))
        cells = (column.label, needed, column.note, "、".join(column.synonyms), values)
        for index, value in enumerate(cells):
            sheet.write_string(row, index, value, wrap)
        row += 1
    row += 1
    sheet.write_string(row, 0, "注意事项", title)
    for note in (*spec.notes, *GENERAL_NOTES):
        row += 1
        sheet.write_string(row, 0, f"· {note}")
