"""Turning analysis tables into what the pages show: formatted rows and chart data for `json_script`.

Numbers are formatted with the report formatters of the core (`zhiliang.core.reports.labels`), so a page,
its Excel export and the PDF say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhiliang.core.analytics import TOTAL
from zhiliang.core.reports.labels import STATUS_LABELS, fmt_int, fmt_number, fmt_percent, fmt_signed_percent

__all__ = [
    "LINE_KIND_NAMES",
    "STATUS_LABELS",
    "band_chart",
    "box_chart",
    "fmt_int",
    "fmt_number",
    "fmt_percent",
    "fmt_signed_percent",
    "line_chart",
    "radar_chart",
    "rank_change",
    "subject_label",
    "summary_row",
    "tier_name",
]

# The core names cut lines and critical-student lines in Chinese (`zhiliang.core.reports.labels`, shared with
# the Excel and PDF reports) and may not import Django, so the pages translate them here.
LINE_KIND_NAMES = {
    "pass": gettext_lazy("Pass line"),
    "good": gettext_lazy("Good line"),
    "excellent": gettext_lazy("Excellent line"),
}
TIER_NAMES = (
    gettext_lazy("Line 1"),
    gettext_lazy("Line 2"),
    gettext_lazy("Line 3"),
    gettext_lazy("Line 4"),
    gettext_lazy("Line 5"),
    gettext_lazy("Line 6"),
)


def tier_name(line: int) -> str:
    """一档, 二档 … (Line 1, Line 2 … in English) for cut lines 1, 2 …"""
    if 1 <= line <= len(TIER_NAMES):
        return str(TIER_NAMES[line - 1])
    return _("Line %(number)s") % {"number": line}


def subject_label(name: str) -> str:
    """A subject as shown: the core's 总分 key in the user's language, other subjects (data) as they are."""
    return _("总分") if name == TOTAL else name


def rank_change(value: object) -> str:
    """+2 (moved up two places), −1, or "" when there is nothing to compare with."""
    if value is None:
        return ""
    number = int(value)  # type: ignore[call-overload]
    if number > 0:
        return f"↑{number}"
    if number < 0:
        return f"↓{-number}"
    return "="


def summary_row(row: dict[str, Any]) -> dict[str, Any]:
    """A summary row (any level) with every figure formatted for a table."""
    return {
        **row,
        "enrolled_f": fmt_int(row.get("enrolled")),
        "sat_f": fmt_int(row.get("sat")),
        "absent_f": fmt_int(row.get("absent")),
        "mean_f": fmt_number(row.get("mean"), 2),
        "sd_f": fmt_number(row.get("sd"), 2),
        "median_f": fmt_number(row.get("median")),
        "max_f": fmt_number(row.get("max")),
        "min_f": fmt_number(row.get("min")),
        "score_rate_f": fmt_percent(row.get("score_rate")),
        "pass_rate_f": fmt_percent(row.get("pass_rate")),
        "excellent_rate_f": fmt_percent(row.get("excellent_rate")),
        "good_rate_f": fmt_percent(row.get("good_rate")),
        "low_rate_f": fmt_percent(row.get("low_rate")),
        "all_pass_rate_f": fmt_percent(row.get("all_pass_rate")),
        "composite_f": fmt_number(row.get("composite"), 2),
        "over_mean_rate_f": fmt_signed_percent(row.get("over_mean_rate")),
        "rank_f": fmt_int(row.get("rank")),
        "rank_composite_f": fmt_int(row.get("rank_composite")),
        "rank_change_f": rank_change(row.get("rank_change")),
        "rank_composite_change_f": rank_change(row.get("rank_composite_change")),
    }


def summary_rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [summary_row(row) for row in frame.iter_rows(named=True)]


def band_chart(bands: pl.DataFrame, *, unit: str) -> dict[str, Any]:
    """Score-band histogram data (分数段): one bar per band of the unit's rows in `bands`.

    `unit` names what is counted ("数学", "一中 总分"); the title and the axis name come translated from here
    because the chart script has no catalogue.
    """
    rows = bands.sort("band").iter_rows(named=True)
    labels, counts, shares = [], [], []
    for row in rows:
        labels.append(f"{fmt_number(row['band_low'])}–{fmt_number(row['band_high'])}")
        counts.append(row["count"])
        shares.append(round(100 * (row["share"] or 0), 1))
    return {
        "title": _("%(unit)s score bands") % {"unit": unit},
        "count_label": _("人数"),
        "labels": labels,
        "counts": counts,
        "shares": shares,
    }


def box_chart(students: pl.DataFrame, *, by: str, subject: str, order: Sequence[str] | None = None) -> dict[str, Any]:
    """Box-plot data (min, Q1, median, Q3, max) of the scores of `subject` per `by` (school or class)."""
    sat = students.filter((pl.col("subject") == subject) & pl.col("score").is_not_null())
    stats = sat.group_by(by, maintain_order=True).agg(
        pl.col("score").min().alias("min"),
        pl.col("score").quantile(0.25, "linear").alias("q1"),
        pl.col("score").median().alias("median"),
        pl.col("score").quantile(0.75, "linear").alias("q3"),
        pl.col("score").max().alias("max"),
        pl.len().alias("n"),
    )
    if order is not None:
        position = {name: i for i, name in enumerate(order)}
        stats = stats.with_columns(pl.col(by).replace_strict(position, default=len(position)).alias("_o")).sort("_o")
    return {
        "subject": subject_label(subject),
        "categories": stats.get_column(by).to_list(),
        "boxes": [
            [round(v, 2) for v in (row["min"], row["q1"], row["median"], row["q3"], row["max"])]
            for row in stats.iter_rows(named=True)
        ],
        "counts": stats.get_column("n").to_list(),
    }


def line_chart(
    categories: Sequence[str],
    series: Iterable[tuple[str, Sequence[float | None]]],
    *,
    inverse: bool = False,
    y_name: str = "",
) -> dict[str, Any]:
    """Lines across exams: ranks (`inverse`: 1 at the top) or T scores."""
    return {
        "categories": list(categories),
        "series": [
            {"name": name, "data": [None if v is None else round(float(v), 2) for v in values]}
            for name, values in series
        ],
        "inverse": inverse,
        "y_name": y_name,
    }


def radar_chart(values: dict[str, float | None], *, name: str, reference: float = 50.0) -> dict[str, Any]:
    """A radar of T scores per subject (50 = county mean), the student against the mean."""
    subjects = [s for s in values if s != TOTAL and values[s] is not None]
    top = max([80.0, *(float(values[s]) + 5 for s in subjects)])  # type: ignore[arg-type]
    low = min([20.0, *(float(values[s]) - 5 for s in subjects)])  # type: ignore[arg-type]
    return {
        "indicators": [{"name": s, "max": round(top), "min": round(low)} for s in subjects],
        "series": [
            {"name": name, "value": [round(float(values[s]), 1) for s in subjects]},  # type: ignore[arg-type]
            {"name": _("County mean"), "value": [reference for _s in subjects]},
        ],
    }
