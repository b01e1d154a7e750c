"""Chart data and table rows of the growth pages (read by `growth/growth-charts.js` from `json_script`)."""

from __future__ import annotations

import datetime
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from zhiliang.core.analytics import TOTAL
from zhiliang.core.reports.labels import fmt_number
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec
from zhiliang.exams.presenters import subject_label
from zhiliang.growth.value_added import OUTCOME, PRIOR, PRIOR_TOTAL, SCHOOL, PairResult

SCATTER_POINTS = 3000
"""At most this many student points in a scatter (a county grade has more; the sample is systematic)."""


def category_label(category: str) -> str:
    return {"above": _("Above expected"), "expected": _("As expected"), "below": _("Below expected")}[category]


def level_label(level: str) -> str:
    return {"class": _("Classes"), "teacher": _("Teachers"), "school": _("Schools")}[level]


def unit_name(row: dict[str, Any], level: str) -> str:
    return row["school"] if level == SCHOOL else f"{row['school']} {row['unit']}"


def group_rows(groups: pl.DataFrame, level: str) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "name": unit_name(row, level),
            "effect_f": fmt_number(row["effect"], 2),
            "se_f": fmt_number(row["se"], 2),
            "interval_f": f"[{fmt_number(row['ci_low'], 2)}, {fmt_number(row['ci_high'], 2)}]",
            "reliability_f": fmt_number(row["reliability"], 2),
            "mean_prior_f": fmt_number(row["mean_prior"], 1),
            "mean_outcome_f": fmt_number(row["mean_outcome"], 1),
            "category_label": category_label(row["category"]),
        }
        for row in groups.iter_rows(named=True)
    ]


def caterpillar(groups: pl.DataFrame, level: str) -> dict[str, Any]:
    """Effects with their 95% intervals, ranked from the lowest to the highest (drawn bottom to top)."""
    ranked = groups.sort("effect")
    rows = list(ranked.iter_rows(named=True))
    return {
        "names": [unit_name(row, level) for row in rows],
        "effects": [round(row["effect"], 3) for row in rows],
        "low": [round(row["ci_low"], 3) for row in rows],
        "high": [round(row["ci_high"], 3) for row in rows],
        "categories": [row["category"] for row in rows],
        "x_name": _("Value added (T points)"),
    }


def scatter(result: PairResult, students: pl.DataFrame, groups: pl.DataFrame) -> dict[str, Any]:
    """Students' prior T against outcome T, the fitted line at average other priors, and the group means."""
    prior = PRIOR if PRIOR in result.priors else PRIOR_TOTAL
    points = students.drop_nulls([OUTCOME, prior])
    step = max(1, points.height // SCATTER_POINTS)
    sample = points.gather_every(step) if step > 1 else points
    coefficients = result.model.coefficients
    used = result.model.used_rows
    low, high = used.get_column(prior).min(), used.get_column(prior).max()
    others = sum(
        coefficients[name] * float(used.get_column(name).mean() or 0.0)  # type: ignore[arg-type]
        for name in result.priors
        if name != prior
    )
    line = [
        [round(x, 2), round(coefficients["intercept"] + coefficients[prior] * x + others, 2)]
        for x in (float(low or 0), float(high or 0))  # type: ignore[arg-type]
    ]
    return {
        "students": [[round(x, 2), round(y, 2)] for x, y in sample.select(prior, OUTCOME).iter_rows()],
        "groups": [
            {
                "name": unit_name(row, result.level),
                "value": [round(row["mean_prior"], 2), round(row["mean_outcome"], 2), row["n"]],
            }
            for row in groups.iter_rows(named=True)
        ],
        "line": line,
        "x_name": _("Earlier T score"),
        "y_name": _("Later T score"),
        "students_label": _("Students"),
        "groups_label": _("Group means"),
        "line_label": _("Expected"),
    }


def growth_chart(
    records: pl.DataFrame, events: list[dict[str, Any]], *, value: str = "t", y_name: str | None = None
) -> dict[str, Any]:
    """Lines of one student's (or a unit's mean) T score by subject over time, enrolment events marked."""
    series = []
    if not records.is_empty():
        for subject in _subjects_in_order(records):
            rows = records.filter(pl.col("subject") == subject).sort("held_on")
            data = [
                [held.isoformat(), None if v is None else round(float(v), 2), exam]
                for held, v, exam in rows.select("held_on", value, "exam").iter_rows()
            ]
            series.append({"name": subject_label(subject), "data": data})
    return {
        "series": series,
        "events": [{"date": e["date"].isoformat(), "label": e["label"]} for e in events],
        "y_name": y_name or _("T score (50 = average of the exam's grade)"),
    }


def _subjects_in_order(records: pl.DataFrame) -> list[str]:
    subjects = records.select("subject").unique(maintain_order=True).get_column("subject").to_list()
    return [TOTAL, *(s for s in subjects if s != TOTAL)] if TOTAL in subjects else subjects


def event_rows(events: Any) -> list[dict[str, Any]]:
    return [
        {
            "date": event.date,
            "label": f"{event.get_kind_display()} · {event.school.name}"
            + (f"（{event.other_school}）" if event.other_school else ""),
            "kind": event.get_kind_display(),
            "school": event.school.name,
            "other_school": event.other_school,
        }
        for event in events
    ]


def groups_sheet(result: PairResult, groups: pl.DataFrame, title: str) -> SheetSpec:
    level = result.level
    return SheetSpec(
        name=level_label(level)[:28],
        title=title,
        columns=[
            ColumnSpec(_("School"), width=24),
            ColumnSpec(level_label(level) if level != SCHOOL else _("School"), width=16),
            ColumnSpec(_("Students"), kind="int"),
            ColumnSpec(_("Mean earlier T"), kind="number", decimals=1),
            ColumnSpec(_("Mean later T"), kind="number", decimals=1),
            ColumnSpec(_("Value added"), kind="number", decimals=2),
            ColumnSpec(_("Standard error"), kind="number", decimals=2),
            ColumnSpec(_("Interval from"), kind="number", decimals=2),
            ColumnSpec(_("Interval to"), kind="number", decimals=2),
            ColumnSpec(_("Reliability"), kind="number", decimals=2),
            ColumnSpec(_("Judgement"), width=14),
        ],
        rows=[
            (
                r["school"],
                r["unit"],
                r["n"],
                r["mean_prior"],
                r["mean_outcome"],
                r["effect"],
                r["se"],
                r["ci_low"],
                r["ci_high"],
                r["reliability"],
                category_label(r["category"]),
            )
            for r in groups.iter_rows(named=True)
        ],
        notes=model_notes(result),
    )


def coefficient_rows(result: PairResult) -> list[tuple[str, float]]:
    names = {
        "intercept": _("intercept"),
        PRIOR: _("earlier T, same subject"),
        PRIOR_TOTAL: _("earlier T, total"),
        "sex=M": _("boys (against girls)"),
    }
    return [(names.get(k, k), v) for k, v in result.model.coefficients.items()]


def model_notes(result: PairResult) -> list[str]:
    model = result.model
    coefficients = "; ".join(f"{name} {value:.3f}" for name, value in coefficient_rows(result))
    return [
        _(
            "Model: REML random-intercept model; effects are empirical-Bayes (shrunken) with comparative standard errors."
        ),
        _("Coefficients: %(c)s. Between-group variance %(g).3f, within-group variance %(r).3f.")
        % {"c": coefficients, "g": model.group_variance, "r": model.residual_variance},
        _("Students in the model: %(n)d; left out for a missing score: %(m)d.")
        % {"n": model.n_students, "m": model.missing.left_out},
        _("Above or below expected only when the whole 95%% interval lies above or below 0.") % {},
    ]


def student_sheet(records: pl.DataFrame, title: str) -> SheetSpec:
    return SheetSpec(
        name=_("Growth record")[:28],
        title=title,
        columns=[
            ColumnSpec(_("Exam"), width=30),
            ColumnSpec(_("Date"), kind="date"),
            ColumnSpec(_("School"), width=22),
            ColumnSpec(_("Class"), width=14),
            ColumnSpec(_("Subject")),
            ColumnSpec(_("Score"), kind="number", decimals=1),
            ColumnSpec(_("T score"), kind="number", decimals=1),
            ColumnSpec(_("Percentile rank"), kind="number", decimals=1),
            ColumnSpec(_("Rank in class"), kind="int"),
            ColumnSpec(_("Rank in exam"), kind="int"),
        ],
        rows=[
            (
                r["exam"],
                r["held_on"] if isinstance(r["held_on"], datetime.date) else None,
                r["school"],
                r["class"],
                r["subject"],
                r["score"],
                r["t"],
                r["percentile"],
                r["rank_class"],
                r["rank_county"],
            )
            for r in records.sort("position", "subject").iter_rows(named=True)
        ],
    )
