"""临界生 lists per class, scholarship tiers and the top-student register (优生), from the exam analysis.

Lines are the exam's (docs/analysis.md): pass = pass_ratio·F, excellent = excellent_ratio·F, per subject (with
a subject's own lines where set) and for the total (the exam's ratios × the grade's total full marks); the
margin is the analysis' 临界 margin (5 % of full marks). The previous exam is the one the exam analysis
compares with (`previous_exam`), read against its own lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from zhiliang.accounts.scoping import visible_students
from zhiliang.core.analytics import TOTAL
from zhiliang.core.support import AwardTier, TopRule, movement, position, scholarship_tiers, top_register
from zhiliang.exams.analysis import grade_analysis, grade_subjects, previous_exam, thresholds_of
from zhiliang.exams.models import Exam, ExamScope, ExamStatus
from zhiliang.exams.selectors import exam_grades, exams_visible, scores_visible
from zhiliang.org.models import SchoolClass
from zhiliang.support.models import SupportRules
from zhiliang.support.standing import CRITICAL_MARGIN, class_students_frame, exam_order, full_marks_of

LINE_KINDS = ("pass", "excellent")


def lines_of(exam: Exam, grade: int) -> dict[tuple[str, str], tuple[float, float]]:
    """(subject, kind) → (line, margin) for every subject of the grade and the total."""
    full = full_marks_of(exam, grade)
    lines: dict[tuple[str, str], tuple[float, float]] = {}
    own = {es.subject.name: thresholds_of(exam, es) for es in grade_subjects(exam, grade)}
    base = thresholds_of(exam)
    for subject, marks in full.items():
        ratios = own.get(subject, base)
        for kind in LINE_KINDS:
            ratio = ratios.pass_ratio if kind == "pass" else ratios.excellent_ratio
            lines[(subject, kind)] = (ratio * marks, CRITICAL_MARGIN * marks)
    return lines


def visible_subjects(user: Any, exam: Exam, school_class: SchoolClass) -> list[str]:
    """Subjects of the class whose results the user may see; the total only with every subject."""
    seen = set(
        scores_visible(user, exam)
        .filter(school_class=school_class)
        .values_list("exam_subject__subject__name", flat=True)
        .distinct()
    )
    names = [es.subject.name for es in grade_subjects(exam, school_class.grade)]
    subjects = [name for name in names if name in seen]
    if subjects and len(subjects) == len(names):
        subjects.append(TOTAL)
    return subjects


@dataclass
class CriticalRow:
    student_id: str
    name: str
    subject: str
    kind: str
    score: float | None
    line: float
    gap: float | None
    before: str | None
    movement: str


def critical_rows(
    exam: Exam, school_class: SchoolClass, label: str, subjects: list[str]
) -> tuple[list[CriticalRow], Exam | None]:
    """Students of the class near the pass or excellent line now or in the previous exam, with their movement."""
    grade = school_class.grade
    school = school_class.school.name
    now = class_students_frame(exam, grade, school, label).filter(pl.col("subject").is_in(subjects))
    lines = lines_of(exam, grade)
    found = previous_exam(exam, grade)
    before_rows: dict[tuple[str, str], float | None] = {}
    before_lines: dict[tuple[str, str], tuple[float, float]] = {}
    if found is not None:
        other, cohort = found
        ids = now.get_column("student_id").unique().to_list()
        frame = grade_analysis(other, cohort, compare=False).frame("students").filter(pl.col("student_id").is_in(ids))
        before_rows = {(r["student_id"], r["subject"]): r["score"] for r in frame.iter_rows(named=True)}
        before_lines = lines_of(other, cohort)
    rows = []
    for r in now.sort("name").iter_rows(named=True):
        for kind in LINE_KINDS:
            key = (r["subject"], kind)
            if key not in lines:
                continue
            line, margin = lines[key]
            pos_now = position(r["score"], line, margin)
            pos_before = None
            if key in before_lines and (r["student_id"], r["subject"]) in before_rows:
                old_line, old_margin = before_lines[key]
                pos_before = position(before_rows[(r["student_id"], r["subject"])], old_line, old_margin)
            move = movement(pos_before, pos_now)
            if move is None:
                continue
            rows.append(
                CriticalRow(
                    student_id=r["student_id"],
                    name=r["name"] or r["student_id"],
                    subject=r["subject"],
                    kind=kind,
                    score=r["score"],
                    line=round(line, 1),
                    gap=None if r["score"] is None else round(line - r["score"], 1),
                    before=None if pos_before is None else str(pos_before),
                    movement=str(move),
                )
            )
    return rows, (found[0] if found else None)


def county_exams(user: Any) -> list[Exam]:
    """Published county exams the user sees, newest first."""
    exams = list(exams_visible(user).filter(scope=ExamScope.COUNTY, status=ExamStatus.PUBLISHED))
    return sorted(exams, key=exam_order, reverse=True)


@dataclass
class AwardRow:
    student_id: str
    name: str
    school: str
    class_label: str
    score: float | None
    rank: int
    tier: str


def tiers_of(rules: SupportRules) -> list[AwardTier]:
    return [AwardTier(rules.tier_first, "first"), AwardTier(rules.tier_second, "second")]


def award_rows(user: Any, exam: Exam, grade: int, rules: SupportRules) -> list[AwardRow]:
    """The award list of a grade of a county exam, limited to the students the user sees."""
    ranks = (
        grade_analysis(exam, grade)
        .frame("students")
        .filter(
            (pl.col("subject") == TOTAL)
            & pl.col("rank_county").is_not_null()
            & (pl.col("rank_county") <= rules.tier_second)
        )
    )
    awarded = scholarship_tiers(dict(zip(ranks["student_id"], ranks["rank_county"], strict=True)), tiers_of(rules))
    allowed = set(
        visible_students(user).filter(student_number__in=list(awarded)).values_list("student_number", flat=True)
    )
    rows = [
        AwardRow(
            r["student_id"],
            r["name"] or "",
            r["school"],
            r["class"],
            r["score"],
            r["rank_county"],
            awarded[r["student_id"]].label,
        )
        for r in ranks.sort("rank_county").iter_rows(named=True)
        if r["student_id"] in awarded and r["student_id"] in allowed
    ]
    return rows


@dataclass
class RegisterRow:
    student_id: str
    name: str
    school: str
    class_label: str
    ranks: list[int | None]


def register_rows(
    user: Any, exam: Exam, grade: int, rules: SupportRules, depth: int = 3
) -> tuple[list[Exam], list[RegisterRow]]:
    """The top-student register of the cohort: county ranks in the last `depth` county exams up to `exam`."""
    chain: list[tuple[Exam, int]] = []
    for other in county_exams(user):
        if exam_order(other) > exam_order(exam):
            continue
        cohort = grade - (exam.term.school_year.start_year - other.term.school_year.start_year)
        if cohort in exam_grades(other):
            chain.append((other, cohort))
    chain = sorted(chain[:depth], key=lambda pair: exam_order(pair[0]))
    frames = [
        grade_analysis(other, cohort)
        .frame("students")
        .filter((pl.col("subject") == TOTAL) & pl.col("rank_county").is_not_null())
        for other, cohort in chain
    ]
    history = [dict(zip(f["student_id"], f["rank_county"], strict=True)) for f in frames]
    register = top_register(history, TopRule(top_n=rules.top_n, min_times=min(rules.top_min_times, len(chain) or 1)))
    allowed = set(
        visible_students(user).filter(student_number__in=list(register)).values_list("student_number", flat=True)
    )
    latest = {r["student_id"]: r for r in frames[-1].iter_rows(named=True)} if frames else {}
    rows = []
    for sid, ranks in register.items():
        if sid not in allowed:
            continue
        info = latest.get(sid) or next(
            (r for f in frames for r in f.filter(pl.col("student_id") == sid).iter_rows(named=True)), {}
        )
        rows.append(RegisterRow(sid, info.get("name") or sid, info.get("school", ""), info.get("class", ""), ranks))
    rows.sort(key=lambda row: (row.ranks[-1] is None, row.ranks[-1] or 0, row.student_id))
    return [other for other, _cohort in chain], rows
