"""The tables and charts of the fitness pages, built from records: every table a page shows is a `Table`, so
the page and its `.xlsx` export (one sheet per table) can never disagree.

Rates use `zhiliang.core.fitness.rates` (excellent ≥ 90, good ≥ 80, pass ≥ 60; "at least" rates) over scored
students; exempt (免测) and unscored students are counted in their own columns, never as failing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from zhiliang.core.fitness import indicator_name
from zhiliang.core.fitness.rates import Rates, rates, weakest
from zhiliang.core.fitness.vision import incidence
from zhiliang.core.xlsx_export import ColumnKind, ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.fitness.models import Band
from zhiliang.fitness.selectors import RecordRow
from zhiliang.org.models import grade_name


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, ColumnKind]]
    rows: list[list[Any]] = field(default_factory=list)

    def cells(self) -> list[list[tuple[Any, str]]]:
        """Each row's values with their column kinds, for the template's formatting."""
        kinds = [kind for _header, kind in self.columns]
        return [list(zip(row, kinds, strict=False)) for row in self.rows]


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "zh-hans"


def _scored(records: Iterable[RecordRow]) -> list[RecordRow]:
    return [r for r in records if r.total is not None]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def group_rates(records: Sequence[RecordRow]) -> dict[str, Any]:
    """The headline figures of a group of records."""
    scored = _scored(records)
    attempted = sum(r.band != Band.EXEMPT for r in records)  # exempt students are not tested
    total_rates = rates((r.total for r in scored), attempted=attempted)
    vision = incidence(r.vision_level or None for r in records)
    with_status = [r for r in records if r.weight_status]
    caries = [r for r in records if r.caries is not None]
    return {
        "records": len(records),
        "scored": len(scored),
        "scored_of": f"{len(scored)} / {len(records)}",
        "exempt": sum(r.band == Band.EXEMPT for r in records),
        "unscored": sum(r.band == "" for r in records),
        "withheld": total_rates.withheld,
        "excellent": total_rates.rate("excellent"),
        "good": total_rates.rate("good"),
        "passed": total_rates.rate("passed"),
        "mean": total_rates.mean,
        "poor_vision": vision.rate,
        "overweight": _share(sum(r.weight_status == "overweight" for r in with_status), len(with_status)),
        "obese": _share(sum(r.weight_status == "obese" for r in with_status), len(with_status)),
        "caries": _share(sum(bool(r.caries) for r in caries), len(caries)),
    }


def _summary_columns(first: str) -> list[tuple[str, ColumnKind]]:
    return [
        (first, "text"),
        (_("Tested"), "int"),
        (_("Scored"), "int"),
        (_("Exempt"), "int"),
        (_("Not scored"), "int"),
        (_("Excellent rate"), "percent"),
        (_("Good or better"), "percent"),
        (_("Pass rate"), "percent"),
        (_("Mean total"), "number"),
        (_("Poor vision"), "percent"),
        (_("Overweight"), "percent"),
        (_("Obese"), "percent"),
        (_("Dental caries"), "percent"),
    ]


def _summary_row(label: str, figures: dict[str, Any]) -> list[Any]:
    keys = ("records", "scored", "exempt", "unscored", "excellent", "good", "passed", "mean", "poor_vision")
    return [label, *(figures[k] for k in keys), figures["overweight"], figures["obese"], figures["caries"]]


def summary_table(
    key: str,
    title: str,
    first: str,
    records: Sequence[RecordRow],
    group: Callable[[RecordRow], tuple[Any, str]],
) -> Table:
    """One row per group (school, class, grade, sex) and a total row."""
    groups: dict[Any, list[RecordRow]] = defaultdict(list)
    labels: dict[Any, str] = {}
    for record in records:
        order, label = group(record)
        groups[order].append(record)
        labels[order] = label
    table = Table(key, title, _summary_columns(first))
    for order in sorted(groups):
        table.rows.append(_summary_row(labels[order], group_rates(groups[order])))
    if len(groups) > 1:
        table.rows.append(_summary_row(_("All"), group_rates(records)))
    return table


def indicator_rates(records: Sequence[RecordRow]) -> dict[str, Rates]:
    values: dict[str, list[int]] = defaultdict(list)
    refused: dict[str, int] = defaultdict(int)
    for record in records:
        for indicator, score in record.indicator_scores().items():
            values[indicator].append(score)
        for indicator in record.refused:
            refused[indicator] += 1
    return {key: rates(values[key], attempted=len(values[key]) + refused[key]) for key in sorted({*values, *refused})}


def indicator_table(records: Sequence[RecordRow]) -> Table:
    lang = _lang()
    table = Table(
        "indicators",
        _("By indicator"),
        [
            (_("Indicator"), "text"),
            (_("Scored"), "int"),
            (_("Mean score"), "number"),
            (_("Excellent rate"), "percent"),
            (_("Good or better"), "percent"),
            (_("Pass rate"), "percent"),
        ],
    )
    for key, r in sorted(indicator_rates(records).items(), key=lambda item: item[0]):
        table.rows.append(
            [indicator_name(key, lang), r.count, r.mean, r.rate("excellent"), r.rate("good"), r.rate("passed")]
        )
    return table


def indicator_by_group_table(
    key: str, title: str, records: Sequence[RecordRow], group: Callable[[RecordRow], tuple[Any, str]]
) -> Table:
    """Pass rate of each indicator (rows) by group (columns: grade or sex)."""
    lang = _lang()
    by_group: dict[Any, list[RecordRow]] = defaultdict(list)
    labels: dict[Any, str] = {}
    for record in records:
        order, label = group(record)
        by_group[order].append(record)
        labels[order] = label
    orders = sorted(by_group)
    per_group = {order: indicator_rates(by_group[order]) for order in orders}
    indicators = sorted({k for rates_of in per_group.values() for k in rates_of})
    table = Table(key, title, [(_("Indicator"), "text"), *((labels[o], "percent") for o in orders)])
    for indicator in indicators:
        row: list[Any] = [indicator_name(indicator, lang)]
        for order in orders:
            found = per_group[order].get(indicator)
            row.append(found.rate("passed") if found else None)
        table.rows.append(row)
    return table


def weakest_indicators(records: Sequence[RecordRow], limit: int = 3) -> list[dict[str, Any]]:
    lang = _lang()
    by_indicator = indicator_rates(records)
    return [
        {"key": key, "name": indicator_name(key, lang), "passed": by_indicator[key].rate("passed"),
         "mean": by_indicator[key].mean}
        for key in weakest(by_indicator, limit)
    ]  # fmt: skip


def below_pass_table(records: Sequence[RecordRow]) -> Table:
    lang = _lang()
    table = Table(
        "below_pass",
        _("Students below pass"),
        [
            (_("Class"), "text"),
            (_("Student number"), "text"),
            (_("Name"), "text"),
            (_("Total"), "number"),
            (_("Indicators to work on"), "text"),
        ],
    )
    failing = [r for r in records if r.band == Band.FAIL]
    failing.sort(key=lambda r: (r.school_class.grade, r.school_class.number, r.total or 0))
    for record in failing:
        work = "、".join(indicator_name(k, lang) for k in record.to_work_on())
        table.rows.append(
            [record.school_class.display_name, record.student.student_number, record.student.name, record.total, work]
        )
    return table


def vision_table(
    key: str, title: str, first: str, current: Sequence[RecordRow], previous: Sequence[RecordRow],
    group: Callable[[RecordRow], tuple[Any, str]],
) -> Table:  # fmt: skip
    """Poor vision by group this year, by level, and the change from the year before (percentage points)."""
    table = Table(
        key,
        title,
        [
            (first, "text"),
            (_("Tested"), "int"),
            (_("Mild"), "int"),
            (_("Moderate"), "int"),
            (_("Severe"), "int"),
            (_("Poor vision rate"), "percent"),
            (_("Last year"), "percent"),
            (_("Change"), "percent"),
        ],
    )
    now: dict[Any, list[str | None]] = defaultdict(list)
    before: dict[Any, list[str | None]] = defaultdict(list)
    labels: dict[Any, str] = {}
    for record in current:
        order, label = group(record)
        now[order].append(record.vision_level or None)
        labels[order] = label
    for record in previous:
        order, _label = group(record)
        before[order].append(record.vision_level or None)
    for order in sorted(now):
        result = incidence(now[order])
        last = incidence(before[order]).rate if order in before else None
        change = result.rate - last if result.rate is not None and last is not None else None
        table.rows.append(
            [labels[order], result.tested, result.by_level["mild"], result.by_level["moderate"],
             result.by_level["severe"], result.rate, last, change]
        )  # fmt: skip
    return table


def trend_table(years: Sequence[tuple[str, Sequence[RecordRow]]]) -> Table:
    table = Table(
        "trend",
        _("Trend across school years"),
        [
            (_("School year"), "text"),
            (_("Scored"), "int"),
            (_("Pass rate"), "percent"),
            (_("Good or better"), "percent"),
            (_("Excellent rate"), "percent"),
            (_("Mean total"), "number"),
            (_("Poor vision"), "percent"),
            (_("Obese"), "percent"),
        ],
    )
    for label, records in years:
        f = group_rates(records)
        table.rows.append(
            [label, f["scored"], f["passed"], f["good"], f["excellent"], f["mean"], f["poor_vision"], f["obese"]]
        )
    return table


def by_grade(record: RecordRow) -> tuple[Any, str]:
    return record.grade, grade_name(record.grade)


def by_sex(record: RecordRow) -> tuple[Any, str]:
    return record.sex, _("Boys") if record.sex == "M" else _("Girls")


def by_class(record: RecordRow) -> tuple[Any, str]:
    c = record.school_class
    return (c.grade, c.number), c.display_name


def by_school(record: RecordRow) -> tuple[Any, str]:
    school = record.school_class.school
    return school.code, school.display_name


def tables_xlsx(tables: Sequence[Table], title: str) -> bytes:
    """Every table of a page, one sheet each (rates as percentages)."""
    sheets = [
        SheetSpec(
            t.title[:31],
            [ColumnSpec(header, kind=kind) for header, kind in t.columns],
            [[_xlsx_value(v) for v in row] for row in t.rows],
            title=f"{title} · {t.title}",
        )
        for t in tables
    ]
    return workbook_bytes(sheets)


def _xlsx_value(value: Any) -> Any:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


def bands_chart(records: Sequence[RecordRow], group: Callable[[RecordRow], tuple[Any, str]]) -> dict[str, Any]:
    """Counts per band and group, for a stacked bar chart."""
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("excellent", "good", "pass", "fail"), 0))
    labels: dict[Any, str] = {}
    for record in records:
        if record.band in ("excellent", "good", "pass", "fail"):
            order, label = group(record)
            counts[order][record.band] += 1
            labels[order] = label
    orders = sorted(counts)
    names = {"excellent": _("Excellent"), "good": _("Good"), "pass": _("Pass"), "fail": _("Fail")}
    return {
        "categories": [labels[o] for o in orders],
        "series": [{"name": names[b], "data": [counts[o][b] for o in orders]} for b in names],
        "stack": True,
    }


def indicator_chart(records: Sequence[RecordRow]) -> dict[str, Any]:
    lang = _lang()
    by_indicator = sorted(indicator_rates(records).items())
    return {
        "categories": [indicator_name(k, lang) for k, _r in by_indicator],
        "series": [
            {"name": _("Pass rate"), "data": [round(100 * (r.rate("passed") or 0), 1) for _k, r in by_indicator]}
        ],
        "percent": True,
    }


def trend_chart(years: Sequence[tuple[str, Sequence[RecordRow]]]) -> dict[str, Any]:
    figures = [(label, group_rates(records)) for label, records in years]

    def pct(value: float | None) -> float | None:
        return None if value is None else round(100 * value, 1)

    return {
        "categories": [label for label, _f in figures],
        "series": [
            {"name": _("Pass rate"), "data": [pct(f["passed"]) for _l, f in figures]},
            {"name": _("Excellent rate"), "data": [pct(f["excellent"]) for _l, f in figures]},
            {"name": _("Poor vision"), "data": [pct(f["poor_vision"]) for _l, f in figures]},
        ],
        "percent": True,
        "line": True,
    }
