"""The result slip (成绩告知单) a head teacher prints for a student's family: 等级 and growth, nothing else.

The 2021 notice (教育部办公厅《关于加强义务教育学校考试管理的通知》) requires results to be given to students
and families as 等级 (graded levels), privately, and forbids ranking students or publishing their results;
《未成年人学校保护规定》 (2021) forbids disclosing students' scores and rankings (sources in
`/work/shared/standards/exam-rules-2021.md`, docs/exams.md).

The rule is enforced by construction: the slip's template receives only a `ResultSlip`, whose fields are
listed in `SLIP_FIELDS`, and the builder copies from the analysis only the 等级 (`level`) and the change of
the standard score (`change_t`, turned into a growth word). No score, rank, percentile or T value is ever
put into the object, so no template mistake can show one; tests check the fields and the rendered page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from zhiliang.core.analytics import TOTAL, Status
from zhiliang.exams.analysis import GradeAnalysis
from zhiliang.exams.models import Exam

# A change of the T score by at least this much (0.3 of a standard deviation) counts as progress or a drop;
# smaller changes are within the normal wobble between two exams.
GROWTH_STEP = 3.0


@dataclass(frozen=True)
class SlipLine:
    subject: str
    level: str  # A/B/C/D, or what stands in for it (缺考, 免考 …)
    previous_level: str
    growth: str


@dataclass(frozen=True)
class ResultSlip:
    school: str
    class_name: str
    student_name: str
    exam_name: str
    term: str
    lines: tuple[SlipLine, ...]
    level_rule: str
    strengths: str
    previous_exam_name: str
    notice: str


SLIP_FIELDS = frozenset(f.name for f in dataclasses.fields(ResultSlip)) | frozenset(
    f.name for f in dataclasses.fields(SlipLine)
)


def _status_word(status: str) -> str:
    return {
        Status.ABSENT: _("缺考"),
        Status.EXEMPT: _("免考"),
        Status.CHEATING: _("无等级"),
        Status.MISSING: _("未录入"),
        Status.INCOMPLETE: _("—"),
    }.get(status, "—")


def growth_word(change_t: float | None) -> str:
    """Growth since the previous exam, in words a family reads (never a number)."""
    if change_t is None:
        return ""
    if change_t >= GROWTH_STEP:
        return _("进步")
    if change_t <= -GROWTH_STEP:
        return _("有所下降")
    return _("保持稳定")


def level_rule(exam: Exam) -> str:
    def pct(value: Any) -> str:
        return f"{float(value) * 100:g}%"

    return _("等级：A 得分率≥%(a)s，B≥%(b)s，C≥%(c)s，D 低于%(c)s") % {
        "a": pct(exam.level_a_ratio),
        "b": pct(exam.level_b_ratio),
        "c": pct(exam.level_c_ratio),
    }


def _level(row: dict[str, Any]) -> str:
    if row["status"] == Status.SCORED:
        return str(row["level"] or "—")
    return _status_word(row["status"])


def build_slip(
    *,
    exam: Exam,
    analysis: GradeAnalysis,
    student_number: str,
    previous: GradeAnalysis | None = None,
) -> ResultSlip | None:
    """The slip of one student from a grade's analysis; None when the student is not in it."""
    students = analysis.frame("students").filter(pl.col("student_id") == student_number)
    if students.is_empty():
        return None
    before: dict[str, str] = {}
    if previous is not None:
        old = previous.frame("students").filter(pl.col("student_id") == student_number)
        before = {row["subject"]: _level(row) for row in old.select("subject", "status", "level").iter_rows(named=True)}
    lines = []
    best: list[str] = []
    for row in students.select("subject", "status", "level", "change_t").iter_rows(named=True):
        level = _level(row)
        lines.append(
            SlipLine(
                subject=row["subject"] if row["subject"] != TOTAL else _("总体"),
                level=level,
                previous_level=before.get(row["subject"], ""),
                growth=growth_word(row["change_t"]),
            )
        )
        if row["subject"] != TOTAL and row["level"] == "A" and row["status"] == Status.SCORED:
            best.append(row["subject"])
    first = students.row(0, named=True)
    return ResultSlip(
        school=first["school"],
        class_name=first["class"],
        student_name=first["name"],
        exam_name=exam.name,
        term=f"{exam.term}",
        lines=tuple(lines),
        level_rule=level_rule(exam),
        strengths="、".join(best),
        previous_exam_name=(previous.exam.name if previous is not None else ""),
        notice=_(
            "本告知单只向学生本人及家长提供，按国家规定以等级呈现学业结果，不公布分数与排名。"
            "“进步/保持稳定/有所下降”是与上一次考试相比在全体同年级学生中的相对变化。"
        ),
    )


def slip_context(slip: ResultSlip) -> dict[str, ResultSlip]:
    """The whole template context of a slip: the slip, nothing else."""
    return {"slip": slip}
