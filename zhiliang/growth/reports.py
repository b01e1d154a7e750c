"""The value-added chapter of the exam's printed report (hooked in by `zhiliang.exams.reports.REPORT_CHAPTERS`).

For the exam's default pair (its previous exam, `pairs.pair_for`): the county report lists every school
(总分 and each subject); a school report its classes (总分 and each subject) and its own school row; a class
report the class's row per subject. Teachers are not in printed reports: results on individual teachers stay
on the pages whose access rules decide who sees them. The report's unit was already checked against the
requester's visibility by the exams app.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from zhiliang.core.analytics import TOTAL
from zhiliang.core.value_added.report import ChapterRow, ChapterSection, value_added_chapter
from zhiliang.growth.models import county_context
from zhiliang.growth.pairs import pair_for
from zhiliang.growth.value_added import CLASS, SCHOOL, fit_or_none, pair_frame


def _rows(groups: pl.DataFrame, name_column: str) -> list[ChapterRow]:
    return [
        ChapterRow(row[name_column], row["n"], row["effect"], row["ci_low"], row["ci_high"], row["category"])
        for row in groups.iter_rows(named=True)
    ]


def report_chapters(exam: Any, grade: int, unit: tuple[str, str | None, str | None]) -> list[str]:
    level, school, class_name = unit
    pair = pair_for(exam, grade)
    if pair is None:
        return []
    frame = pair_frame(pair)
    context = county_context(exam.county_id)
    subjects = [TOTAL, *(es.subject.name for es in exam.exam_subjects.all() if es.grade == grade)]
    sections: list[ChapterSection] = []
    class_rows: list[ChapterRow] = []
    for subject in subjects:
        if level == "county":
            result = fit_or_none(pair, subject, SCHOOL, context=context, frame=frame)
            if result is not None:
                sections.append(ChapterSection(f"各校 · {subject}", _rows(result.groups, "school")))
            continue
        result = fit_or_none(pair, subject, CLASS, context=context, frame=frame)
        if result is None:
            continue
        mine = result.groups.filter(pl.col("school") == school)
        if class_name is None:
            sections.append(ChapterSection(f"各班 · {subject}", _rows(mine, "unit")))
        else:
            by_subject = mine.filter(pl.col("unit") == class_name).with_columns(pl.lit(subject).alias("subject"))
            class_rows.extend(_rows(by_subject, "subject"))
    if class_name is not None:
        sections.append(ChapterSection(f"{class_name} · 各学科", class_rows))
    if level == "school":
        own = fit_or_none(pair, TOTAL, SCHOOL, context=context, frame=frame)
        if own is not None:
            sections.insert(
                0, ChapterSection(f"本校 · {TOTAL}", _rows(own.groups.filter(pl.col("school") == school), "school"))
            )
    chapter = value_added_chapter(pair.label, sections)
    return [chapter] if chapter else []
