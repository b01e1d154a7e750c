"""Class lists as an .xlsx workbook: a summary sheet of the balance, then one sheet per class.

The class sheets carry what a head teacher needs on the first day (学籍号, name, sex, birth date, primary
school) and nothing more: no entry scores, no ranks, no special-needs or left-behind flags. Those stay in the
school's records (docs/placement.md). The summary shows per-class figures only, never a student's score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zhiliang.core.placement.model import IntakeStudent, Placement
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes

SEX_LABELS = {"M": "男", "F": "女"}


def class_label(number: int, names: Mapping[int, str] | None = None) -> str:
    return (names or {}).get(number) or f"{number}班"


def class_lists_xlsx(
    students: Sequence[IntakeStudent],
    placement: Placement,
    *,
    title: str,
    class_names: Mapping[int, str] | None = None,
    head_teachers: Mapping[int, str] | None = None,
    notes: Sequence[str] = (),
) -> bytes:
    """The workbook: 分班汇总 (one row per class) and one sheet per class, in class order."""
    head_teachers = head_teachers or {}
    summary_columns = [
        ColumnSpec("班级"),
        ColumnSpec("班主任"),
        ColumnSpec("人数", kind="int"),
        ColumnSpec("男", kind="int"),
        ColumnSpec("女", kind="int"),
        ColumnSpec("平均分", kind="number"),
        ColumnSpec("标准差", kind="number"),
        ColumnSpec("特殊需要", kind="int"),
        ColumnSpec("留守", kind="int"),
    ]
    summary_rows = [
        (
            class_label(stats.number, class_names),
            head_teachers.get(stats.number, ""),
            stats.size,
            stats.male,
            stats.female,
            stats.mean,
            stats.sd,
            stats.special_needs,
            stats.left_behind,
        )
        for stats in placement.classes
    ]
    sheets = [SheetSpec("分班汇总", summary_columns, summary_rows, title=title, notes=notes)]
    members: dict[int, list[IntakeStudent]] = {stats.number: [] for stats in placement.classes}
    for student in students:
        number = placement.assignment.get(student.student_id)
        if number in members:
            members[number].append(student)
    class_columns = [
        ColumnSpec("序号", kind="int"),
        ColumnSpec("学籍号"),
        ColumnSpec("姓名"),
        ColumnSpec("性别"),
        ColumnSpec("出生日期", kind="date"),
        ColumnSpec("毕业学校"),
    ]
    for number, group in members.items():
        group.sort(key=lambda s: (s.sex != "M", s.student_id))
        rows = [
            (i, s.student_id, s.name, SEX_LABELS[s.sex], s.birth_date, s.feeder_school or "")
            for i, s in enumerate(group, start=1)
        ]
        label = class_label(number, class_names)
        teacher = head_teachers.get(number)
        sheet_title = f"{title} {label}" + (f"（班主任：{teacher}）" if teacher else "")
        sheets.append(SheetSpec(label, class_columns, rows, title=sheet_title))
    return workbook_bytes(sheets)


# What each column of the intake means, for the template's second sheet (docs/placement.md says the same).
INTAKE_GUIDE: tuple[tuple[str, str, str, str], ...] = (
    ("学籍号", "必填", "全国学籍号；新入学还没有学籍号的，可先填临时编号", "G110101201301010017"),
    ("姓名", "必填", "学生姓名", "王小明"),
    ("性别", "必填", "男 / 女", "男"),
    ("成绩", "选填", "入学前的成绩（如小学毕业成绩）；一年级不填。只用于使各班成绩分布相同", "268.5"),
    ("语文、数学、英语…", "选填", "各科成绩；有“成绩”列时另作均衡，无“成绩”列时以各科之和为成绩", "90"),
    ("出生日期", "选填", "如 2013-05-01；用于均衡各班出生季度（一年级尤其需要）", "2013-05-01"),
    ("特殊需要", "选填", "是 / 否（随班就读等需要更多关爱的学生）", "否"),
    ("留守", "选填", "是 / 否（留守儿童）", "是"),
    ("毕业学校", "选填", "原就读的小学（一年级填幼儿园）；各校学生在各班人数均衡", "城关中心小学"),
    ("同胞组", "选填", "同胞（双胞胎等）填相同的组名，分在不同班", "王家双胞胎"),
    ("同班组", "选填", "家长申请同班的学生填相同的组名，分在同一班", "申请1"),
    ("指定班级", "选填", "必须在某个班的学生（如教师子女不在父母任教的班），填班号", "3"),
)


def intake_template_bytes() -> bytes:
    """An empty intake workbook: the header on the first sheet, what each column means on the second."""
    header = [ColumnSpec(label, width=14) for label, _required, _meaning, _example in INTAKE_GUIDE]
    header[4] = ColumnSpec("语文", width=8)
    extra = [ColumnSpec("数学", width=8), ColumnSpec("英语", width=8)]
    columns = [*header[:5], *extra, *header[5:]]
    guide_columns = [ColumnSpec("列名"), ColumnSpec("是否必填"), ColumnSpec("说明", width=60), ColumnSpec("示例")]
    return workbook_bytes(
        [
            SheetSpec("新生名单", columns, []),
            SheetSpec("填写说明", guide_columns, list(INTAKE_GUIDE), title="新生分班名单填写说明"),
        ]
    )
