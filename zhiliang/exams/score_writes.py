"""Writing scores: validation, the comparison with what is stored, audited edits, one upsert per batch.

Every way scores reach the database (import, the entry grid, the demo data) goes through
`scores_frame_write`: it takes a column frame (`student_id, exam_subject_id, school_class_id, score, status`),
so a county import of 540,000 results is validated and compared with what is stored in a few vectorised
steps rather than half a million Python objects. `scores_bulk_write` takes `ScoreWrite` rows for callers that
have a handful.

Rules: a result is valid when a 已考 row has a score within 0..full marks and every other status has none.
One invalid row raises `ValidationError` and nothing is written. Rows equal to what is stored are left alone
(writing the same file twice changes nothing). A change to a result already recorded (any status but 未录) is
kept as a `ScoreEdit` and the batch is audited as one "score_edit" event. Every batch that changes something
bumps `Exam.scores_version`, which invalidates cached analyses and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, FloatField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.exams.models import Exam, ExamSubject, Score, ScoreEdit, ScoreEditSource, ScoreStatus

UPSERT_BATCH = 2000

# Messages of rejected score writes, asserted in tests; lazy so each is shown in the language of the request.
SCORE_ABOVE_FULL = gettext_lazy("成绩 %(score)s 超过满分 %(full)s")
SCORE_NEGATIVE = gettext_lazy("成绩不能为负数")
SCORE_WITHOUT_STATUS = gettext_lazy("状态为“%(status)s”时不能填写分数")
SCORE_REQUIRED = gettext_lazy("状态为“已考”时必须填写分数")
EXAM_LOCKED = gettext_lazy("考试成绩已发布并锁定，不能再修改。如需更正，请教导主任先撤回发布。")

STATUSES = frozenset(ScoreStatus.values)
FRAME_SCHEMA: dict[str, Any] = {
    "student_id": pl.Int64,
    "exam_subject_id": pl.Int64,
    "school_class_id": pl.Int64,
    "score": pl.Float64,
    "status": pl.String,
}


class ExamLocked(Exception):
    """Scores of a published exam cannot change (the exam must be reopened first)."""


@dataclass(frozen=True)
class ScoreWrite:
    """One result to store: student × exam subject, the class the student sat in, the score or status."""

    student_id: int
    exam_subject_id: int
    school_class_id: int
    score: Decimal | float | None
    status: str


@dataclass(frozen=True)
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    edits: int = 0
    # With dry_run: the rows with an "action" column ("create" / "update" / "unchanged").
    planned: pl.DataFrame | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, int]:
        return {"create": self.created, "update": self.updated, "unchanged": self.unchanged, "edits": self.edits}


def _plain(value: float | Decimal) -> str:
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def score_problem(score: float | Decimal | None, status: str, full_marks: float | Decimal) -> str | None:
    """Why a (score, status) pair cannot be stored, in the active language; None when it can."""
    if status not in STATUSES:
        raise ValueError(f"unknown score status {status!r}")
    if status == ScoreStatus.SCORED:
        if score is None:
            return str(SCORE_REQUIRED)
        if score < 0:
            return str(SCORE_NEGATIVE)
        if score > full_marks:
            return str(SCORE_ABOVE_FULL) % {"score": _plain(score), "full": _plain(full_marks)}
        return None
    if score is not None:
        return str(SCORE_WITHOUT_STATUS) % {"status": ScoreStatus(status).label}
    return None


def rows_frame(rows: Iterable[ScoreWrite]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            (r.student_id, r.exam_subject_id, r.school_class_id, None if r.score is None else float(r.score), r.status)
            for r in rows
        ],
        schema=FRAME_SCHEMA,
        orient="row",
    )


def _validate(frame: pl.DataFrame, full: pl.DataFrame) -> pl.DataFrame:
    """The frame with full marks joined, rounded to cents; raises ValidationError at the first bad row."""
    frame = frame.with_columns(pl.col("score").round(2)).join(full, on="exam_subject_id", how="left")
    if frame.get_column("full_marks").null_count():
        raise ValidationError(_("The subject is not part of this exam."))
    unknown = frame.filter(~pl.col("status").is_in(sorted(STATUSES)))
    if unknown.height:
        raise ValueError(f"unknown score status {unknown.get_column('status')[0]!r}")
    scored = pl.col("status") == ScoreStatus.SCORED
    score = pl.col("score")
    bad = frame.filter(
        (scored & (score.is_null() | (score < 0) | (score > pl.col("full_marks")) | score.is_nan()))
        | (~scored & score.is_not_null())
    )
    if bad.height:
        row = bad.row(0, named=True)
        raise ValidationError(score_problem(row["score"], row["status"], row["full_marks"]) or "")
    if frame.select(pl.struct("exam_subject_id", "student_id").is_duplicated().any()).item():
        raise ValidationError(_("The same student and subject appear twice."))
    return frame


STORED_SCHEMA: dict[str, Any] = {
    "pk": pl.Int64,
    "exam_subject_id": pl.Int64,
    "student_id": pl.Int64,
    "old_score": pl.Float64,
    "old_status": pl.String,
    "old_class_id": pl.Int64,
}


def frame_from_rows(rows: Iterable[tuple[Any, ...]], schema: dict[str, Any], chunk: int = 50_000) -> pl.DataFrame:
    """A frame from query rows, built a chunk at a time so half a million Python tuples never coexist."""
    parts: list[pl.DataFrame] = []
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == chunk:
            parts.append(pl.DataFrame(batch, schema=schema, orient="row"))
            batch = []
    parts.append(pl.DataFrame(batch, schema=schema, orient="row"))
    return pl.concat(parts)


def _stored(exam: Exam, student_ids: list[int] | None) -> pl.DataFrame:
    query = Score.objects.filter(exam_subject__exam=exam)
    if student_ids is not None:
        query = query.filter(student_id__in=student_ids)
    # Scores come back as floats (no Decimal per row): half a million rows at county scale.
    rows = query.annotate(score_f=Cast("score", FloatField())).values_list(
        "pk", "exam_subject_id", "student_id", "score_f", "status", "school_class_id"
    )
    return frame_from_rows(rows.iterator(chunk_size=10_000), STORED_SCHEMA)


def _plan(exam: Exam, frame: pl.DataFrame) -> pl.DataFrame:
    """Every row with its stored counterpart and what writing it means: create, update or unchanged."""
    students = frame.get_column("student_id").unique().to_list()
    stored = _stored(exam, students if len(students) < 1000 else None)
    joined = frame.join(stored, on=["exam_subject_id", "student_id"], how="left")
    same = (
        (pl.col("old_status") == pl.col("status"))
        & (pl.col("old_class_id") == pl.col("school_class_id"))
        & (pl.col("old_score").eq_missing(pl.col("score")))
    )
    changed_result = (pl.col("old_status") != pl.col("status")) | ~pl.col("old_score").eq_missing(pl.col("score"))
    return joined.with_columns(
        action=pl.when(pl.col("pk").is_null())
        .then(pl.lit("create"))
        .when(same)
        .then(pl.lit("unchanged"))
        .otherwise(pl.lit("update")),
        is_edit=pl.col("pk").is_not_null() & (pl.col("old_status") != ScoreStatus.MISSING) & changed_result,
    )


def _upsert(frame: pl.DataFrame, progress: Callable[[int, str], None] | None) -> None:
    """INSERT … ON CONFLICT (exam subject, student) DO UPDATE: through COPY and a temporary table on
    PostgreSQL (a county import is half a million rows), in batches of VALUES elsewhere (SQLite)."""
    if connection.vendor == "postgresql":
        _upsert_postgresql(frame, progress)
        return
    quote = connection.ops.quote_name
    table = quote(Score._meta.db_table)
    columns = ["exam_subject_id", "student_id", "school_class_id", "score", "status", "updated_at"]
    names = ", ".join(quote(c) for c in columns)
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns[2:])
    now = timezone.now()
    rows = frame.select("exam_subject_id", "student_id", "school_class_id", "score", "status").rows()
    total = len(rows)
    with connection.cursor() as cursor:
        for start in range(0, total, UPSERT_BATCH):
            batch = rows[start : start + UPSERT_BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch))
            params: list[Any] = []
            for exam_subject_id, student_id, class_id, score, status in batch:
                params += [
                    exam_subject_id,
                    student_id,
                    class_id,
                    None if score is None else Decimal(f"{score:.2f}"),
                    status,
                    now,
                ]
            sql = (
                f"INSERT INTO {table} ({names}) VALUES {values} "  # noqa: S608 - names are quoted identifiers
                f"ON CONFLICT ({quote('exam_subject_id')}, {quote('student_id')}) DO UPDATE SET {updates}"
            )
            cursor.execute(sql, params)
            if progress is not None:
                progress(min(99, 100 * (start + len(batch)) // total), _("正在写入成绩"))


def _upsert_postgresql(frame: pl.DataFrame, progress: Callable[[int, str], None] | None) -> None:
    table = connection.ops.quote_name(Score._meta.db_table)
    rows = frame.select("exam_subject_id", "student_id", "school_class_id", "score", "status").rows()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE zl_score_upsert (exam_subject_id bigint, student_id bigint, "
            "school_class_id bigint, score numeric(6, 2), status varchar(10)) ON COMMIT DROP"
        )
        raw = cursor.cursor
        with raw.copy("COPY zl_score_upsert FROM STDIN") as copy:
            for index, row in enumerate(rows):
                copy.write_row(row)
                if progress is not None and index % 50_000 == 0:
                    progress(min(80, 80 * index // len(rows)), _("正在写入成绩"))
        if progress is not None:
            progress(85, _("正在写入成绩"))
        cursor.execute(
            f"INSERT INTO {table} (exam_subject_id, student_id, school_class_id, score, status, updated_at) "  # noqa: S608
            "SELECT exam_subject_id, student_id, school_class_id, score, status, %s FROM zl_score_upsert "
            "ON CONFLICT (exam_subject_id, student_id) DO UPDATE SET school_class_id = excluded.school_class_id, "
            "score = excluded.score, status = excluded.status, updated_at = excluded.updated_at",
            [now],
        )
        cursor.execute("DROP TABLE zl_score_upsert")


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.2f}")


def _counts(planned: pl.DataFrame) -> dict[str, int]:
    counts = planned.group_by("action").len()
    return dict(zip(counts.get_column("action").to_list(), counts.get_column("len").to_list(), strict=True))


@transaction.atomic
def scores_frame_write(
    *,
    exam: Exam,
    frame: pl.DataFrame,
    actor: Any,
    source: str = ScoreEditSource.IMPORT,
    reason: str = "",
    progress: Callable[[int, str], None] | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Store the results in `frame` (columns of `FRAME_SCHEMA`); see the module docstring.

    With `dry_run` nothing is written and the result carries the plan (the import preview), which
    `scores_planned_write` can then write in the same transaction without comparing everything again.
    Raises `ExamLocked` for a published exam and `ValidationError` for any invalid row.
    """
    if exam.is_locked and not dry_run:
        raise ExamLocked(str(EXAM_LOCKED))
    frame = frame.select(list(FRAME_SCHEMA)).cast(FRAME_SCHEMA)
    if frame.is_empty():
        return WriteResult(planned=frame.with_columns(action=pl.lit("")) if dry_run else None)
    full = pl.DataFrame(
        [(pk, float(marks)) for pk, marks in ExamSubject.objects.filter(exam=exam).values_list("id", "full_marks")],
        schema={"exam_subject_id": pl.Int64, "full_marks": pl.Float64},
        orient="row",
    )
    planned = _plan(exam, _validate(frame, full))
    if dry_run:
        count = _counts(planned)
        return WriteResult(
            created=count.get("create", 0),
            updated=count.get("update", 0),
            unchanged=count.get("unchanged", 0),
            edits=planned.get_column("is_edit").sum(),
            planned=planned,
        )
    return scores_planned_write(
        exam=exam, planned=planned, actor=actor, source=source, reason=reason, progress=progress
    )


@transaction.atomic
def scores_planned_write(
    *,
    exam: Exam,
    planned: pl.DataFrame,
    actor: Any,
    source: str = ScoreEditSource.IMPORT,
    reason: str = "",
    progress: Callable[[int, str], None] | None = None,
) -> WriteResult:
    """Write a plan made by `scores_frame_write(dry_run=True)` in this same transaction."""
    if exam.is_locked:
        raise ExamLocked(str(EXAM_LOCKED))
    count = _counts(planned)
    edits = planned.filter(pl.col("is_edit"))
    result = WriteResult(
        created=count.get("create", 0),
        updated=count.get("update", 0),
        unchanged=count.get("unchanged", 0),
        edits=edits.height,
    )
    changes = planned.filter(pl.col("action") != "unchanged")
    if changes.is_empty():
        return result
    _upsert(changes, progress)
    editor = actor if getattr(actor, "pk", None) else None
    ScoreEdit.objects.bulk_create(
        (
            ScoreEdit(
                score_id=row["pk"],
                old_score=_decimal(row["old_score"]),
                old_status=row["old_status"],
                new_score=_decimal(row["score"]),
                new_status=row["status"],
                source=source,
                reason=reason[:200],
                edited_by=editor,
            )
            for row in edits.iter_rows(named=True)
        ),
        batch_size=5000,
    )
    Exam.objects.filter(pk=exam.pk).update(scores_version=F("scores_version") + 1)
    exam.refresh_from_db(fields=["scores_version"])
    if edits.height:
        audit_record(
            actor=actor, action=AuditAction.SCORE_EDIT, target=exam, source=source, reason=reason, count=edits.height
        )
    return result


def scores_bulk_write(
    *,
    exam: Exam,
    rows: Iterable[ScoreWrite],
    actor: Any,
    source: str = ScoreEditSource.IMPORT,
    reason: str = "",
    progress: Callable[[int, str], None] | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """`scores_frame_write` for a list of `ScoreWrite` rows (the entry grid, the demo data)."""
    return scores_frame_write(
        exam=exam, frame=rows_frame(rows), actor=actor, source=source, reason=reason, progress=progress, dry_run=dry_run
    )
