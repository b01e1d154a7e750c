"""The JSON form of an analysis printed by `zhiliang analyze --json` (contract in docs/cli.md).

`{"subjects": [...], "summary": [...], "students": [...]}`: 总分 is a subject, rates are fractions, and a value
that does not apply is null (NaN never appears). The two large arrays are serialised by polars, which is
several times faster than building Python dicts for 600,000 student rows.
"""

from __future__ import annotations

import io
import json

import polars as pl

from zhiliang.core.analytics import ExamAnalysis

SUMMARY_LEVELS = ("county", "school", "class")
SUMMARY_FIELDS = (
    "level",
    "grade",
    "school",
    "class",
    "subject",
    "enrolled",
    "sat",
    "absent",
    "mean",
    "sd",
    "median",
    "max",
    "min",
    "pass_rate",
    "excellent_rate",
    "low_rate",
    "over_mean_rate",
    "rank",
)
STUDENT_FIELDS = (
    "student_id",
    "school",
    "class",
    "subject",
    "score",
    "status",
    "rank_class",
    "rank_school",
    "rank_county",
    "z",
    "t",
)


def _finite(frame: pl.DataFrame) -> pl.DataFrame:
    """Floats without NaN or infinity: both become null, which JSON can say."""
    floats = [name for name, dtype in frame.schema.items() if dtype.is_float()]
    return frame.with_columns(
        pl.when(pl.col(name).is_finite()).then(pl.col(name)).otherwise(None).alias(name) for name in floats
    )


def summary_records(analysis: ExamAnalysis) -> pl.DataFrame:
    frame = analysis.summary.filter(pl.col("level").is_in(SUMMARY_LEVELS)).select(SUMMARY_FIELDS)
    return _finite(frame)


def student_records(analysis: ExamAnalysis) -> pl.DataFrame:
    return _finite(analysis.students.select(STUDENT_FIELDS))


def write_analysis_json(analysis: ExamAnalysis, stream: io.BufferedIOBase) -> None:
    """Write the analysis as one UTF-8 JSON object to a binary stream, piece by piece: at county scale the
    students array alone is 140 MB, and building it as one string would need several times that."""
    subjects = [{"name": spec.name, "full_marks": spec.full_marks} for spec in analysis.subjects]
    stream.write(b'{"subjects": ' + json.dumps(subjects, ensure_ascii=False).encode("utf-8"))
    stream.write(b', "summary": ')
    summary_records(analysis).write_json(stream)
    stream.write(b', "students": ')
    student_records(analysis).write_json(stream)
    stream.write(b"}")


def analysis_json(analysis: ExamAnalysis) -> bytes:
    """The whole analysis as one UTF-8 JSON object."""
    buffer = io.BytesIO()
    write_analysis_json(analysis, buffer)
    return buffer.getvalue()
