"""Writes to exams and scores (keyword-only `<entity>_<action>` functions, each inside one transaction).

`exam_create` and `scores_bulk_write` (from `score_writes.py`) are also the entry points of the demo-data
generator and of the score importer, so every way scores reach the database goes through the same
validation, the same audit of edits and the same bump of `Exam.scores_version` that invalidates cached
analyses and reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.subject_catalogue import default_full_marks
from zhiliang.curriculum.models import FullMarks, Subject
from zhiliang.exams.models import (
    Exam,
    ExamFormat,
    ExamScope,
    ExamStatus,
    ExamSubject,
    Score,
    ScoreEditSource,
    ScoreStatus,
)
from zhiliang.exams.score_writes import (
    EXAM_LOCKED,
    SCORE_ABOVE_FULL,
    SCORE_NEGATIVE,
    SCORE_REQUIRED,
    SCORE_WITHOUT_STATUS,
    ExamLocked,
    ScoreWrite,
    WriteResult,
    score_problem,
    scores_bulk_write,
    scores_frame_write,
)

__all__ = [
    "EXAM_LOCKED",
    "SCORE_ABOVE_FULL",
    "SCORE_NEGATIVE",
    "SCORE_REQUIRED",
    "SCORE_WITHOUT_STATUS",
    "ExamLocked",
    "ScoreWrite",
    "WriteResult",
    "exam_create",
    "exam_open",
    "exam_publish",
    "exam_reopen",
    "exam_roster_sync",
    "exam_update",
    "score_enter",
    "score_problem",
    "scores_bulk_write",
    "scores_frame_write",
]
from zhiliang.org.models import County, EducationGroup, School, SchoolClass, Term
from zhiliang.people.models import ClassMembership

WRITE_BATCH = 5000


# ---------------------------------------------------------------------------------------------------------
# Exams


def _default_full_marks(subject: Subject, grade: int, table: Mapping[tuple[int, int], Decimal]) -> Decimal:
    if (subject.pk, grade) in table:
        return table[(subject.pk, grade)]
    return Decimal(str(default_full_marks(subject.name, [grade])))


@transaction.atomic
def exam_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    term: Term,
    subjects: Mapping[int, Sequence[Subject]],
    scope: str = ExamScope.SCHOOL,
    school: School | None = None,
    group: EducationGroup | None = None,
    county: County | None = None,
    full_marks: Mapping[tuple[int, int], Decimal] | None = None,
    exam_format: str = ExamFormat.WRITTEN,
    held_on: Any = None,
    status: str = ExamStatus.DRAFT,
    **settings: Any,
) -> Exam:
    """Create an exam with one `ExamSubject` per grade and subject (`subjects`: grade → subjects).

    Full marks come from `full_marks[(subject_id, grade)]`, else the catalogue's `FullMarks`, else the
    documented defaults of `zhiliang.core.subject_catalogue`. `settings` are the exam's threshold, weight
    and 等级 fields (`pass_ratio=Decimal("0.6")` …). An exam created OPEN gets its roster at once.
    """
    if not subjects or not any(subjects.values()):
        raise ValidationError(_("An exam needs at least one grade and subject."))
    if county is None:
        county = school.county if school is not None else group.county if group is not None else None
    if county is None:
        raise ValidationError(_("A county exam needs its county."))
    exam = Exam(
        county=county,
        scope=scope,
        school=school if scope == ExamScope.SCHOOL else None,
        group=group if scope == ExamScope.GROUP else None,
        term=term,
        name=name,
        kind=kind,
        format=exam_format,
        held_on=held_on,
        status=ExamStatus.DRAFT,
        created_by=actor if getattr(actor, "pk", None) else None,
        **settings,
    )
    exam.full_clean()
    exam.save()
    subject_ids = {subject.pk for grade_subjects in subjects.values() for subject in grade_subjects}
    table = {
        (row.subject_id, row.grade): row.full_marks
        for row in FullMarks.objects.filter(subject_id__in=subject_ids, grade__in=list(subjects))
    }
    given = full_marks or {}
    ExamSubject.objects.bulk_create(
        ExamSubject(
            exam=exam,
            grade=grade,
            subject=subject,
            full_marks=given.get((subject.pk, grade)) or _default_full_marks(subject, grade, table),
        )
        for grade, grade_subjects in sorted(subjects.items())
        for subject in grade_subjects
    )
    if status != ExamStatus.DRAFT:
        exam_open(exam=exam, actor=actor)
        if status == ExamStatus.PUBLISHED:
            exam_publish(exam=exam, actor=actor)
    return exam


def exam_schools(exam: Exam, prefix: str = "") -> Q:
    """A filter for the schools an exam covers: its school, its group's schools, or the county's.

    `prefix` reaches School from another model, e.g. "school_class__school__".
    """
    if exam.scope == ExamScope.SCHOOL:
        return Q(**{f"{prefix}id": exam.school_id})
    if exam.scope == ExamScope.GROUP:
        return Q(**{f"{prefix}group_id": exam.group_id})
    return Q(**{f"{prefix}county_id": exam.county_id})


@transaction.atomic
def exam_roster_sync(*, exam: Exam, school_class_ids: Iterable[int] | None = None) -> int:
    """Give every student of the exam's classes a 未录 row for each of their grade's subjects.

    Students come from the class memberships of the exam's school year (classes of the covered grades in
    the covered schools; `school_class_ids` narrows it). Existing rows are left alone, so this is safe to
    run again whenever students join. Returns the number of rows created.
    """
    # One INSERT … SELECT … ON CONFLICT DO NOTHING: a county exam's roster is half a million rows, and the
    # database pairs memberships with subjects far faster than Python can (PostgreSQL and SQLite).
    quote = connection.ops.quote_name
    score, membership = Score._meta.db_table, ClassMembership._meta.db_table
    klass, school, subject = SchoolClass._meta.db_table, School._meta.db_table, ExamSubject._meta.db_table
    owner = {ExamScope.SCHOOL: ("id", exam.school_id), ExamScope.GROUP: ("group_id", exam.group_id)}.get(
        exam.scope, ("county_id", exam.county_id)
    )
    params: list[Any] = [str(ScoreStatus.MISSING), timezone.now(), exam.pk, exam.term.school_year_id, owner[1]]
    narrow = ""
    if school_class_ids is not None:
        ids = [int(i) for i in school_class_ids]
        if not ids:
            return 0
        narrow = f" AND c.{quote('id')} IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    sql = (
        f"INSERT INTO {quote(score)} (exam_subject_id, student_id, school_class_id, score, status, updated_at) "  # noqa: S608
        f"SELECT es.id, m.student_id, m.school_class_id, NULL, %s, %s FROM {quote(membership)} m "
        f"JOIN {quote(klass)} c ON c.id = m.school_class_id "
        f"JOIN {quote(school)} s ON s.id = c.school_id "
        f"JOIN {quote(subject)} es ON es.exam_id = %s AND es.grade = c.grade "
        f"WHERE m.school_year_id = %s AND m.left_on IS NULL AND s.{quote(owner[0])} = %s{narrow} "
        "ON CONFLICT (exam_subject_id, student_id) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        created = max(cursor.rowcount, 0)
    if created:
        _bump_version(exam)
    return created


def _set_status(exam: Exam, status: str, **fields: Any) -> None:
    exam.status = status
    for name, value in fields.items():
        setattr(exam, name, value)
    exam.save(update_fields=["status", *fields])


@transaction.atomic
def exam_open(*, exam: Exam, actor: Any, roster: bool = True) -> Exam:
    """Open a draft exam for entry and import, creating its roster rows.

    `roster=False` leaves the roster to the caller (an import writes its rows first and then completes the
    roster, instead of creating every row twice).
    """
    if exam.status == ExamStatus.DRAFT:
        _set_status(exam, ExamStatus.OPEN)
        if roster:
            exam_roster_sync(exam=exam)
    return exam


@transaction.atomic
def exam_publish(*, exam: Exam, actor: Any) -> Exam:
    """Publish: lock the scores (to staff only; families see 等级 through result slips). Audited."""
    if exam.status == ExamStatus.DRAFT:
        exam_open(exam=exam, actor=actor)
    if exam.status != ExamStatus.PUBLISHED:
        _set_status(exam, ExamStatus.PUBLISHED, published_at=timezone.now())
        audit_record(actor=actor, action=AuditAction.PUBLISH, target=exam, status=ExamStatus.PUBLISHED)
    return exam


@transaction.atomic
def exam_reopen(*, exam: Exam, actor: Any, reason: str) -> Exam:
    """Take a published exam back to entry so a mistake can be corrected; the reason is audited."""
    if not reason.strip():
        raise ValidationError(_("Say why the exam is reopened."))
    if exam.status == ExamStatus.PUBLISHED:
        _set_status(exam, ExamStatus.OPEN, published_at=None)
        audit_record(actor=actor, action=AuditAction.PUBLISH, target=exam, status=ExamStatus.OPEN, reason=reason)
    return exam


@transaction.atomic
def exam_update(*, exam: Exam, actor: Any, full_marks: Mapping[int, Decimal] | None = None, **fields: Any) -> Exam:
    """Change an exam's name, date, lines, weights, 等级 cut-offs or its subjects' full marks.

    New full marks must not be below a score already recorded for that subject.
    """
    for name, value in fields.items():
        setattr(exam, name, value)
    exam.full_clean()
    exam.save()
    for exam_subject in ExamSubject.objects.filter(exam=exam, pk__in=list(full_marks or {})):
        value = (full_marks or {})[exam_subject.pk]
        if value == exam_subject.full_marks:
            continue
        if Score.objects.filter(exam_subject=exam_subject, score__gt=value).exists():
            raise ValidationError(
                _("%(subject)s: some recorded scores are above the new full marks %(full)s.")
                % {"subject": exam_subject.subject.name, "full": value}
            )
        exam_subject.full_marks = value
        exam_subject.save(update_fields=["full_marks"])
        _bump_version(exam)
    return exam


def _bump_version(exam: Exam) -> None:
    Exam.objects.filter(pk=exam.pk).update(scores_version=F("scores_version") + 1)
    exam.refresh_from_db(fields=["scores_version"])


# ---------------------------------------------------------------------------------------------------------
# Scores (the writes themselves are in `score_writes.py`; re-exported here for callers)


@dataclass(frozen=True)
class CellResult:
    """The outcome of saving one cell of the entry grid."""

    score: Score | None
    error: str = ""
    changed: bool = False


def score_enter(
    *, actor: Any, exam: Exam, exam_subject: ExamSubject, student_id: int, school_class_id: int, text: str
) -> CellResult:
    """Save what a teacher typed in one cell (a number, 缺考/免考/作弊, or blank for 未录).

    Returns the error message for the cell instead of raising, so the grid can show it inline.
    """
    from zhiliang.core.scores.cells import parse_score

    parsed = parse_score(text.strip() or None)
    if parsed is None:
        return CellResult(None, _("“%(text)s”不是分数：请填写分数，或 缺考、免考、作弊，或留空") % {"text": text})
    value, status = parsed
    score = None if value is None else Decimal(str(value))
    try:
        result = scores_bulk_write(
            exam=exam,
            rows=[ScoreWrite(student_id, exam_subject.pk, school_class_id, score, status)],
            actor=actor,
            source=ScoreEditSource.ENTRY,
            reason=_("网页录入修改"),
        )
    except ExamLocked as locked:
        return CellResult(None, str(locked))
    except ValidationError as error:
        return CellResult(None, " ".join(error.messages))
    saved = Score.objects.get(exam_subject=exam_subject, student_id=student_id)
    return CellResult(saved, changed=bool(result.created or result.updated))
