"""Score files through the generic import flow (kind "scores"; the exam is `ImportJob.target_id`).

The file is read by `zhiliang.core.scores_file.read_scores` (wide, long and marking-system layouts, status
words, 总分 checked not trusted, footnotes skipped), its students are matched (`matching.py`) and every row
is checked against the exam: subjects it does not have, scores above a grade's full marks, students not in
the exam or not in a school the importer manages, the same student twice. Every problem names file, sheet,
row and column in the reader's language. Apply writes through `services.scores_bulk_write` inside the flow's
transaction: all or nothing, and the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import managed_schools
from zhiliang.core.scores_file import read_scores
from zhiliang.core.subject_catalogue import DEFAULT_SUBJECTS
from zhiliang.core.tabular import Problem, register_messages
from zhiliang.curriculum.models import Subject, SubjectAlias
from zhiliang.exams.matching import BY_NAME, Enrolled, Roster, load_roster, match_student
from zhiliang.exams.models import Exam, ExamNumber, ExamSubject, ScoreEditSource, ScoreStatus
from zhiliang.exams.score_writes import scores_frame_write, scores_planned_write
from zhiliang.exams.selectors import can_manage_exam, exam_grades, exams_visible
from zhiliang.exams.services import exam_open, exam_roster_sync, exam_schools
from zhiliang.imports.registry import CheckResult, Importer, ProgressCallback

KIND = "scores"

NO_EXAM = "exams.no_exam"
EXAM_LOCKED = "exams.exam_locked"
SUBJECT_NOT_IN_EXAM = "exams.subject_not_in_exam"
SUBJECT_NOT_FOR_GRADE = "exams.subject_not_for_grade"
ABOVE_GRADE_FULL_MARKS = "exams.above_grade_full_marks"
UNKNOWN_STUDENT = "exams.unknown_student"
NOT_IN_EXAM = "exams.not_in_exam"
AMBIGUOUS_STUDENT = "exams.ambiguous_student"
NAME_MISMATCH = "exams.name_mismatch"
UNKNOWN_SCHOOL = "exams.unknown_school"
NOT_YOUR_SCHOOL = "exams.not_your_school"
SAME_STUDENT_TWICE = "exams.same_student_twice"

for _code, _zh, _en in [
    (NO_EXAM, "找不到要导入成绩的考试", "the exam to import scores into does not exist"),
    (
        EXAM_LOCKED,
        "考试“{exam}”已发布，成绩已锁定；如需更正，请先撤回发布",
        'exam "{exam}" is published and its scores are locked; reopen it first',
    ),
    (SUBJECT_NOT_IN_EXAM, "学科“{subject}”不是本次考试的科目", 'subject "{subject}" is not part of this exam'),
    (SUBJECT_NOT_FOR_GRADE, "{grade}没有考{subject}", "{grade} does not sit {subject} in this exam"),
    (
        ABOVE_GRADE_FULL_MARKS,
        "{subject}成绩 {value} 超过{grade}的满分 {full_marks}",
        "{subject} score {value} is above the full marks {full_marks} of {grade}",
    ),
    (
        UNKNOWN_STUDENT,
        "找不到学生：学籍号/考号“{student_id}”，姓名“{name}”",
        'no such student: id "{student_id}", name "{name}"',
    ),
    (
        NOT_IN_EXAM,
        "学生 {name}（{student_id}）不在本次考试的年级或学校中",
        "student {name} ({student_id}) is not in a grade or school this exam covers",
    ),
    (
        AMBIGUOUS_STUDENT,
        "{class}有 {count} 名学生叫“{name}”，无法确定是哪一位：请填写学籍号",
        '{count} students called "{name}" in class {class}: add the student number (学籍号)',
    ),
    (
        NAME_MISMATCH,
        "学籍号 {student_id} 是学生“{expected}”的，表中姓名却是“{value}”：请核对学籍号",
        'student number {student_id} belongs to "{expected}" but the file says "{value}": check the number',
    ),
    (UNKNOWN_SCHOOL, "学校“{school}”不在本次考试范围内", 'school "{school}" is not part of this exam'),
    (
        NOT_YOUR_SCHOOL,
        "学生 {name} 属于{school}，您不能导入其他学校的成绩",
        "student {name} belongs to {school}; you cannot import another school's scores",
    ),
    (
        SAME_STUDENT_TWICE,
        "学生 {name}（{student_id}）在表中出现两次（另一次在第 {first_row} 行）",
        "student {name} ({student_id}) appears twice (also on row {first_row})",
    ),
]:
    register_messages(_code, _zh, _en)

_MATCH_CODES = {
    "unknown_student": UNKNOWN_STUDENT,
    "ambiguous_student": AMBIGUOUS_STUDENT,
    "name_mismatch": NAME_MISMATCH,
    "unknown_school": UNKNOWN_SCHOOL,
}


def _job_exam(job: Any) -> Exam | None:
    if not job.target_id:
        return None
    return (
        Exam.objects.select_related("term__school_year", "school", "county")
        .prefetch_related("exam_subjects__subject")
        .filter(pk=job.target_id)
        .first()
    )


def may_import_scores(user: Any, job: Any) -> bool:
    """The exam's managers; for a group or county exam also each covered school's leadership (own students)."""
    if not job.target_id:
        return False
    exam = exams_visible(user).filter(pk=job.target_id).first()
    if exam is None:
        return False
    if can_manage_exam(user, exam):
        return True
    schools = (
        managed_schools(user)
        .filter(exam_schools(exam))
        .filter(classes__school_year_id=exam.term.school_year_id, classes__grade__in=exam_grades(exam))
    )
    if job.school_id is not None:
        return schools.filter(pk=job.school_id).exists()
    return schools.exists()


def _catalogue() -> dict[str, list[str]]:
    catalogue: dict[str, list[str]] = {name: [name] for name in Subject.objects.values_list("name", flat=True)}
    for alias, subject in SubjectAlias.objects.values_list("alias", "subject__name"):
        catalogue.setdefault(subject, [subject]).append(alias)
    # The built-in catalogue too, so a known subject the exam does not have is reported as such rather than
    # as an unknown column.
    for name, aliases in DEFAULT_SUBJECTS.items():
        catalogue.setdefault(name, [name]).extend(a for a in aliases if a not in catalogue[name])
    return catalogue


@dataclass
class Planned:
    exam: Exam
    rows: pl.DataFrame  # FRAME_SCHEMA of score_writes
    exam_numbers: list[tuple[int, str]]
    problems: list[Problem]
    summary: dict[str, int]
    sample: list[dict[str, str]]
    plan: pl.DataFrame | None = None  # the comparison with the database, made by the check


def _file_school(job: Any, exam: Exam) -> str | None:
    if job.school_id is not None:
        return str(job.school.name)
    if exam.school is not None:
        return str(exam.school.name)
    return None


def plan(job: Any, exam: Exam) -> Planned:
    """Read, match and check the file; what apply would write and every problem found."""
    subjects = list(exam.exam_subjects.all())
    by_key = {(es.grade, es.subject.name): es for es in subjects}
    highest: dict[str, float] = {}
    for es in subjects:
        highest[es.subject.name] = max(highest.get(es.subject.name, 0.0), float(es.full_marks))
    sheet = read_scores(
        bytes(job.content),
        filename=job.filename,
        sheet=job.sheet or None,
        subjects_catalogue=_catalogue(),
        full_marks=highest,
        school=_file_school(job, exam),
    )
    problems = list(sheet.problems)

    def problem(row: int | None, header: str | None, code: str, **params: object) -> None:
        problems.append(Problem(job.filename, sheet.sheet, row, None, header, code, params))

    exam_names = {es.subject.name for es in subjects}
    for spec in sheet.subjects:
        if spec.name not in exam_names:
            problem(None, spec.name, SUBJECT_NOT_IN_EXAM, subject=spec.name)

    roster = load_roster(exam, {es.grade for es in subjects})
    user = getattr(job, "confirmed_by", None) or job.created_by
    allowed_schools = importable_school_ids(user, exam, job.school_id)
    matched: dict[str, Enrolled] = {}
    first_row: dict[int, int] = {}
    exam_numbers: list[tuple[int, str]] = []
    for student in sheet.students.iter_rows(named=True):
        row, file_id = student["row"], student["student_id"] or ""
        result = match_student(
            roster, student_id=file_id, name=student["name"], school=student["school"], class_text=student["class"]
        )
        if result.student is None:
            code = _MATCH_CODES[result.problem]
            if code == UNKNOWN_STUDENT and file_id and _in_county(exam, file_id):
                code = NOT_IN_EXAM
                result.params.setdefault("name", student["name"] or "")
            problem(row, "学籍号/姓名", code, **result.params)
            continue
        enrolled = result.student
        if enrolled.school_id not in allowed_schools:
            problem(row, "学校", NOT_YOUR_SCHOOL, name=enrolled.name, school=enrolled.school_name)
            continue
        if enrolled.student_id in first_row:
            problem(
                row,
                "学籍号/姓名",
                SAME_STUDENT_TWICE,
                name=enrolled.name,
                student_id=enrolled.student_number,
                first_row=first_row[enrolled.student_id],
            )
            continue
        first_row[enrolled.student_id] = row
        matched[file_id] = enrolled
        if result.how == BY_NAME and file_id and file_id != enrolled.student_number:
            exam_numbers.append((enrolled.student_id, file_id))

    rows, not_for_grade = _score_frame(sheet.scores, matched, by_key, problem)
    for grade, subject in sorted(not_for_grade):
        problem(None, subject, SUBJECT_NOT_FOR_GRADE, grade=_grade_label(grade), subject=subject)
    if exam.is_locked:
        problems.insert(0, Problem(job.filename, sheet.sheet, None, None, None, EXAM_LOCKED, {"exam": exam.name}))
    summary: dict[str, int] = {}
    sample: list[dict[str, str]] = []
    counts = None
    if not problems:
        counts = scores_frame_write(exam=exam, frame=rows, actor=None, dry_run=True)
        summary = counts.as_dict()
        if counts.planned is not None:
            sample = _sample(counts.planned, roster, by_key)
    return Planned(exam, rows, exam_numbers, problems, summary, sample, counts.planned if counts else None)


def _grade_label(grade: int) -> str:
    from zhiliang.org.models import grade_name

    return grade_name(grade)


def _in_county(exam: Exam, student_number: str) -> bool:
    from zhiliang.people.models import Student

    return Student.objects.filter(county_id=exam.county_id, student_number=student_number).exists()


def importable_school_ids(user: Any, exam: Exam, school_id: int | None = None) -> set[int]:
    """Schools of the exam whose scores `user` may import (`school_id` narrows to the one chosen on upload)."""
    from zhiliang.org.models import School

    covered = School.objects.filter(exam_schools(exam))
    if school_id is not None:
        covered = covered.filter(pk=school_id)
    if not can_manage_exam(user, exam):
        covered = covered.filter(pk__in=managed_schools(user).values("pk"))
    return set(covered.values_list("id", flat=True))


def _score_frame(
    scores: pl.DataFrame,
    matched: dict[str, Enrolled],
    by_key: dict[tuple[int, str], ExamSubject],
    problem: Callable[..., None],
) -> tuple[pl.DataFrame, set[tuple[int, str]]]:
    """The file's long frame joined to the matched students and the exam's subjects (vectorised: a county
    file has half a million rows); scores above a grade's full marks are reported row by row."""
    students = pl.DataFrame(
        [(file_id, e.student_id, e.class_id, e.grade) for file_id, e in matched.items()],
        schema={"file_id": pl.String, "db_student": pl.Int64, "school_class_id": pl.Int64, "grade": pl.Int64},
        orient="row",
    )
    subjects = pl.DataFrame(
        [(grade, name, es.pk, float(es.full_marks)) for (grade, name), es in by_key.items()],
        schema={"grade": pl.Int64, "subject": pl.String, "exam_subject_id": pl.Int64, "full_marks": pl.Float64},
        orient="row",
    )
    rows = (
        scores.select(pl.col("student_id").alias("file_id"), "subject", "score", "status", "source_row")
        .join(students, on="file_id", how="inner")
        .join(subjects, on=["grade", "subject"], how="left")
    )
    exam_subject_names = set(subjects.get_column("subject").to_list())
    missing = rows.filter(pl.col("exam_subject_id").is_null() & pl.col("subject").is_in(sorted(exam_subject_names)))
    not_for_grade = set(missing.select("grade", "subject").unique().rows())
    rows = rows.filter(pl.col("exam_subject_id").is_not_null())
    above = rows.filter(pl.col("score") > pl.col("full_marks"))
    for row in above.iter_rows(named=True):
        problem(
            row["source_row"],
            row["subject"],
            ABOVE_GRADE_FULL_MARKS,
            subject=row["subject"],
            value=_plain(Decimal(str(row["score"]))),
            grade=_grade_label(row["grade"]),
            full_marks=_plain(Decimal(str(row["full_marks"]))),
        )
    frame = rows.filter(~(pl.col("score") > pl.col("full_marks")).fill_null(False)).select(
        pl.col("db_student").alias("student_id"),
        "exam_subject_id",
        "school_class_id",
        "score",
        pl.col("status").fill_null(ScoreStatus.MISSING),
    )
    return frame, not_for_grade


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _sample(planned: pl.DataFrame, roster: Roster, by_key: dict[tuple[int, str], ExamSubject]) -> list[dict[str, str]]:
    """The first rows that change something (then unchanged ones), as the preview shows them."""
    names = {es.pk: es.subject.name for es in by_key.values()}
    changing = planned.filter(pl.col("action") != "unchanged").head(50)
    shown = pl.concat([changing, planned.filter(pl.col("action") == "unchanged").head(50 - changing.height)])
    out = []
    for row in shown.iter_rows(named=True):
        enrolled = roster.by_id[row["student_id"]]
        score = row["score"]
        out.append(
            {
                "学籍号": enrolled.student_number,
                "姓名": enrolled.name,
                "学校": enrolled.school_name,
                "班级": enrolled.class_label,
                "科目": names[row["exam_subject_id"]],
                "成绩": _plain(Decimal(str(score))) if score is not None else str(ScoreStatus(row["status"]).label),
                "action": row["action"],
            }
        )
    return out


def check_scores(job: Any) -> CheckResult:
    exam = _job_exam(job)
    if exam is None:
        return CheckResult([Problem(job.filename, None, None, None, None, NO_EXAM, {})])
    planned = plan(job, exam)
    job._exams_planned = planned  # apply runs right after, in the same transaction, on the same job object
    return CheckResult(planned.problems, planned.summary, planned.sample)


def apply_scores(job: Any, progress: ProgressCallback) -> dict[str, int]:
    planned: Planned | None = getattr(job, "_exams_planned", None)
    if planned is None:
        exam = _job_exam(job)
        assert exam is not None
        planned = plan(job, exam)
    exam = planned.exam
    actor = getattr(job, "confirmed_by", None) or job.created_by
    # Scores first, then the 未录 rows of students the file does not list: every row is written once.
    exam_open(exam=exam, actor=actor, roster=False)
    progress(10, str(_("正在写入成绩")))
    write = {
        "actor": actor,
        "source": ScoreEditSource.IMPORT,
        "reason": str(_("导入文件 %(name)s")) % {"name": job.filename},
        "progress": lambda percent, message: progress(10 + percent * 85 // 100, message),
    }
    # The check ran in this transaction a moment ago: write its comparison instead of redoing it.
    if planned.plan is not None:
        result = scores_planned_write(exam=exam, planned=planned.plan, **write)
    else:
        result = scores_frame_write(exam=exam, frame=planned.rows, **write)
    progress(96, str(_("正在补全学生名单")))
    exam_roster_sync(exam=exam)
    ExamNumber.objects.bulk_create(
        [ExamNumber(exam=exam, student_id=student_id, number=number) for student_id, number in planned.exam_numbers],
        ignore_conflicts=True,
    )
    progress(100, str(_("完成")))
    _warm_after_commit(exam)
    return result.as_dict()


def _warm_after_commit(exam: Exam) -> None:
    from django.db import transaction

    from zhiliang.exams.tasks import analysis_warm

    transaction.on_commit(lambda: analysis_warm.enqueue(exam.pk))


IMPORTER = Importer(
    kind=KIND,
    label=_("考试成绩"),
    template_url_name=None,
    check=check_scores,
    apply=apply_scores,
    may_import=may_import_scores,
    needs_school=True,
    action_labels={"create": _("新增"), "update": _("修改"), "unchanged": _("不变"), "edits": _("其中更正已录成绩")},
    help_text=_(
        "宽表（每名学生一行、每科一列）、长表（学生、科目、成绩）或阅卷系统导出的成绩表均可直接上传；"
        "学生按学籍号匹配，没有学籍号时按学校、班级和姓名匹配。缺考、免考、作弊可直接写在成绩格中。"
    ),
)


def user_may_import_any(user: Any, exam: Exam) -> bool:
    """Whether the exam page offers the import button to this user."""
    from zhiliang.imports.models import ImportJob

    return not exam.is_locked and may_import_scores(user, ImportJob(kind=KIND, created_by=user, target_id=exam.pk))
