"""Item-score files through the generic import flow (kind "item_scores"; the paper's exam subject is the
job's `target_id`).

The file is read by `zhiliang.core.items.read_item_scores` (满分 row or the paper's max points, 答案 row or
the paper's keys, letters scored against the key). When the paper has items, the file's columns must be
those items; otherwise the file defines them (kinds from the key row). Students are matched as score files
are (`exams.matching`: 学籍号, exam number, or school + class + name) among the students of the paper's
grade in the schools the importer may import for. Apply writes every row in the flow's transaction (all or
nothing); the same file twice changes nothing.

Students whose item points do not add up to the subject score already imported are counted in the preview
("mismatch") and listed on the paper page: the item scores are still written, since marking systems deliver
them separately and the subject score may be corrected afterwards. Item scores may be imported into a
published exam: they change no subject score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhiliang.core.items import ItemSheet, ItemSpec, read_item_scores
from zhiliang.core.tabular import Problem, register_messages
from zhiliang.exams.importer import (
    AMBIGUOUS_STUDENT,
    NAME_MISMATCH,
    NOT_YOUR_SCHOOL,
    SAME_STUDENT_TWICE,
    UNKNOWN_SCHOOL,
    UNKNOWN_STUDENT,
    _file_school,
    importable_school_ids,
    may_import_scores,
)
from zhiliang.exams.matching import load_roster, match_student
from zhiliang.exams.models import ExamSubject, Score, ScoreStatus
from zhiliang.imports.registry import CheckResult, Importer, ProgressCallback
from zhiliang.items.models import Paper
from zhiliang.items.services import ResponseWrite, item_specs, paper_define, responses_plan, responses_write

KIND = "item_scores"
NO_PAPER = "items.no_paper"
register_messages(
    NO_PAPER, "找不到要导入小题分的考试科目", "the exam subject to import item scores into does not exist"
)

_MATCH_CODES = {
    "unknown_student": UNKNOWN_STUDENT,
    "ambiguous_student": AMBIGUOUS_STUDENT,
    "name_mismatch": NAME_MISMATCH,
    "unknown_school": UNKNOWN_SCHOOL,
}


def _exam_subject(job: Any) -> ExamSubject | None:
    if not job.target_id:
        return None
    return (
        ExamSubject.objects.select_related("exam__term__school_year", "exam__school", "subject")
        .filter(pk=job.target_id)
        .first()
    )


def may_import_items(user: Any, job: Any) -> bool:
    """Whoever may import the exam's scores (its managers; for a county exam each school's leadership)."""
    exam_subject = _exam_subject(job)
    if exam_subject is None:
        return False
    proxy = SimpleNamespace(target_id=exam_subject.exam_id, school_id=job.school_id)
    return bool(may_import_scores(user, proxy))


@dataclass
class Planned:
    exam_subject: ExamSubject
    items: list[ItemSpec]
    define: bool  # the file defines the paper's items
    rows: list[ResponseWrite]
    problems: list[Problem]
    summary: dict[str, int]
    sample: list[dict[str, str]]


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def plan(job: Any, exam_subject: ExamSubject) -> Planned:
    paper = Paper.objects.filter(exam_subject=exam_subject).first()
    paper_items = item_specs(paper) if paper is not None else []
    sheet: ItemSheet = read_item_scores(
        bytes(job.content), filename=job.filename, sheet=job.sheet or None, paper=paper_items or None
    )
    problems = list(sheet.problems)
    if problems:
        return Planned(exam_subject, sheet.items, False, [], problems, {}, [])
    exam = exam_subject.exam
    roster = load_roster(exam, {exam_subject.grade})
    user = getattr(job, "confirmed_by", None) or job.created_by
    allowed = importable_school_ids(user, exam, job.school_id)
    scores = dict(
        Score.objects.filter(exam_subject=exam_subject, status=ScoreStatus.SCORED).values_list("student_id", "score")
    )
    rows: list[ResponseWrite] = []
    first_row: dict[int, int] = {}
    mismatches: list[tuple[Any, float, float]] = []
    for index, student in enumerate(sheet.students):
        result = match_student(
            roster,
            student_id=student.student_id,
            name=student.name,
            school=student.school or _file_school(job, exam),
            class_text=student.class_name,
        )

        def problem(code: str, row: int = student.row, **params: object) -> None:
            problems.append(Problem(job.filename, sheet.sheet, row, None, "学籍号/姓名", code, params))

        if result.student is None:
            problem(_MATCH_CODES[result.problem], **result.params)
            continue
        enrolled = result.student
        if enrolled.school_id not in allowed:
            problem(NOT_YOUR_SCHOOL, name=enrolled.name, school=enrolled.school_name)
            continue
        if enrolled.student_id in first_row:
            problem(
                SAME_STUDENT_TWICE,
                name=enrolled.name,
                student_id=enrolled.student_number,
                first_row=first_row[enrolled.student_id],
            )
            continue
        first_row[enrolled.student_id] = student.row
        points = [None if math.isnan(v) else float(v) for v in sheet.points[index]]
        answers = {str(i): letters[index] for i, letters in sheet.answers.items() if letters[index]}
        rows.append(ResponseWrite(enrolled.student_id, enrolled.class_id, points, answers))
        subject_score = scores.get(enrolled.student_id)
        total = sum(p for p in points if p is not None)
        if subject_score is not None and not math.isclose(total, float(subject_score), abs_tol=1e-6):
            mismatches.append((enrolled, total, float(subject_score)))
    if problems:
        return Planned(exam_subject, sheet.items, False, rows, problems, {}, [])
    summary: dict[str, int] = {}
    if paper is None or not paper_items:
        summary["items"] = len(sheet.items)
        counts = {"create": len(rows), "update": 0, "unchanged": 0}
    else:
        actions = responses_plan(paper, rows)
        counts = {key: len(value) for key, value in actions.items()}
    summary.update(counts)
    summary["mismatch"] = len(mismatches)
    sample = [
        {
            "学籍号": enrolled.student_number,
            "姓名": enrolled.name,
            "班级": enrolled.class_label,
            "小题合计": _fmt(total),
            "学科成绩": _fmt(score),
            "action": "mismatch",
        }
        for enrolled, total, score in mismatches[:50]
    ]
    return Planned(exam_subject, sheet.items, not paper_items, rows, problems, summary, sample)


def check_item_scores(job: Any) -> CheckResult:
    exam_subject = _exam_subject(job)
    if exam_subject is None:
        return CheckResult([Problem(job.filename, None, None, None, None, NO_PAPER, {})])
    planned = plan(job, exam_subject)
    job._items_planned = planned  # apply runs right after, in the same transaction, on the same job object
    return CheckResult(planned.problems, planned.summary, planned.sample)


def apply_item_scores(job: Any, progress: ProgressCallback) -> dict[str, int]:
    planned: Planned | None = getattr(job, "_items_planned", None)
    if planned is None:
        exam_subject = _exam_subject(job)
        assert exam_subject is not None
        planned = plan(job, exam_subject)
    progress(10, str(_("Writing item scores")))
    if planned.define:
        paper = paper_define(exam_subject=planned.exam_subject, items=planned.items)
    else:
        paper = Paper.objects.get(exam_subject=planned.exam_subject)
    result = responses_write(paper=paper, rows=planned.rows)
    progress(100, str(_("Done")))
    return {**result, "mismatch": planned.summary.get("mismatch", 0)}


IMPORTER = Importer(
    kind=KIND,
    label=_("Item scores"),
    template_url_name=None,
    check=check_item_scores,
    apply=apply_item_scores,
    may_import=may_import_items,
    needs_school=True,
    action_labels={
        "items": _("New items"),
        "create": _("New"),
        "update": _("Changed"),
        "unchanged": _("Unchanged"),
        "mismatch": _("Items not adding up to the subject score"),
    },
    help_text=_(
        "Item-score files as marking systems export them: the student number, optionally school and class, then "
        "one column per item; a row of max points under the header, optionally a row of keys so that choice "
        "items may hold the letters chosen. Students whose items do not add up to the subject score already "
        "imported are listed."
    ),
)
