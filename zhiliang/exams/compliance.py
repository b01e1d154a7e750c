"""Warnings when an exam is set up in a way the 2021 national exam rules restrict.

Source: 教育部办公厅《关于加强义务教育学校考试管理的通知》(2021-08-30), summarised with its citations in
`/work/shared/standards/exam-rules-2021.md` (section 1) and in docs/exams.md. The rules bind schools, and a
county may have stricter or more specific local rules, so the platform *warns* (on the exam page and when
the exam is saved) and never blocks: the academic director decides, with the rule in front of them.

Per term the notice allows at most: grades 1–2 no paper-and-pencil exam; grades 3–6 one final (期末), no
mid-term; grades 7–9 one final and at most one mid-term; grade 9 in the second term additionally 1–2 mock
exams (模拟考试). Banned outright: 周考、月考、单元考试, and regional or cross-school exams for primary grades and
non-graduating junior grades. Sampling tests (抽测) for quality monitoring are the monitoring the same notice
asks for (加强学业质量监测), so they are not counted as regional exams.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhiliang.exams.models import ExamFormat, ExamKind, ExamScope

NOTICE = "教育部办公厅《关于加强义务教育学校考试管理的通知》（2021年8月）"

PRIMARY_GRADES = frozenset(range(1, 7))
LOWER_PRIMARY = frozenset({1, 2})
MIDDLE_PRIMARY = frozenset(range(3, 7))
JUNIOR_GRADES = frozenset({7, 8, 9})
GRADUATING_JUNIOR = 9
MAX_MOCKS = 2


@dataclass(frozen=True)
class ExamFacts:
    """What the rules look at: kind, format, scope, grades and term (1 autumn, 2 spring)."""

    kind: str
    format: str
    scope: str
    grades: frozenset[int]
    term_number: int


@dataclass(frozen=True)
class RuleWarning:
    code: str
    message: str
    rule: str
    source: str = NOTICE


def _grades(grades: Iterable[int]) -> str:
    return "、".join(f"{g}" for g in sorted(grades))


def compliance_warnings(exam: ExamFacts, others: Sequence[ExamFacts] = ()) -> list[RuleWarning]:
    """Every rule `exam` would break, given the `others` exams already set for the same schools and term."""
    warnings: list[RuleWarning] = []
    grades = exam.grades

    if exam.format == ExamFormat.WRITTEN and grades & LOWER_PRIMARY:
        warnings.append(
            RuleWarning(
                "written_lower_primary",
                _("Grades %(grades)s: no paper-and-pencil exams are allowed in grades 1–2.")
                % {"grades": _grades(grades & LOWER_PRIMARY)},
                _("一、二年级不进行纸笔考试"),
            )
        )
    if exam.kind == ExamKind.UNIT:
        warnings.append(
            RuleWarning(
                "unit_or_monthly",
                _("Weekly, monthly and unit exams are not allowed in compulsory education."),
                _("不得组织周考、月考、单元考试"),
            )
        )
    if exam.kind == ExamKind.MIDTERM and grades & PRIMARY_GRADES:
        warnings.append(
            RuleWarning(
                "primary_midterm",
                _("Grades %(grades)s: primary schools hold no mid-term exam.")
                % {"grades": _grades(grades & PRIMARY_GRADES)},
                _("小学不组织期中考试"),
            )
        )
    if exam.kind == ExamKind.MOCK:
        outside = grades - {GRADUATING_JUNIOR}
        if outside or exam.term_number != 2:
            warnings.append(
                RuleWarning(
                    "mock_outside_grade9_term2",
                    _("Mock exams are allowed only for grade 9 in the second term, after teaching is complete."),
                    _("初中毕业年级第二学期复习阶段可组织1至2次模拟考试"),
                )
            )
    if exam.scope in {ExamScope.GROUP, ExamScope.COUNTY} and exam.kind != ExamKind.SAMPLING:
        restricted = grades & (PRIMARY_GRADES | {7, 8})
        if restricted:
            warnings.append(
                RuleWarning(
                    "regional_exam",
                    _(
                        "Grades %(grades)s: regional or cross-school exams are not allowed for primary grades "
                        "and non-graduating junior grades (sampling tests for quality monitoring excepted)."
                    )
                    % {"grades": _grades(restricted)},
                    _("不得面向小学各年级和初中非毕业年级组织区域性或跨校际考试"),
                )
            )
    warnings.extend(_count_warnings(exam, others))
    return warnings


def _count_warnings(exam: ExamFacts, others: Sequence[ExamFacts]) -> list[RuleWarning]:
    """Too many finals, mid-terms or mock exams for a grade in one term, counting this exam."""
    warnings: list[RuleWarning] = []

    def grades_over(kind: str, grades: frozenset[int], limit: int) -> frozenset[int]:
        if exam.kind != kind:
            return frozenset()
        over = set()
        for grade in grades & exam.grades:
            held = 1 + sum(1 for other in others if other.kind == kind and grade in other.grades)
            if held > limit:
                over.add(grade)
        return frozenset(over)

    finals = grades_over(ExamKind.FINAL, MIDDLE_PRIMARY | JUNIOR_GRADES, 1)
    if finals:
        warnings.append(
            RuleWarning(
                "extra_final",
                _("Grades %(grades)s already have a final exam this term; one final per term is allowed.")
                % {"grades": _grades(finals)},
                _("每学期只组织一次期末考试"),
            )
        )
    midterms = grades_over(ExamKind.MIDTERM, JUNIOR_GRADES, 1)
    if midterms:
        warnings.append(
            RuleWarning(
                "extra_midterm",
                _("Grades %(grades)s already have a mid-term exam this term; junior grades may hold at most one.")
                % {"grades": _grades(midterms)},
                _("初中每学期可组织一次期中考试"),
            )
        )
    mocks = grades_over(ExamKind.MOCK, frozenset({GRADUATING_JUNIOR}), MAX_MOCKS)
    if mocks:
        warnings.append(
            RuleWarning(
                "extra_mock",
                _("Grade 9 already has two mock exams this term; at most two are allowed."),
                _("初中毕业年级可组织1至2次模拟考试"),
            )
        )
    return warnings
