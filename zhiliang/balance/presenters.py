"""What the pages show, built from a `Picture`: table rows, chart data, gaps in units a principal acts on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhiliang.balance.picture import Picture
from zhiliang.balance.selectors import STAGE_NAMES
from zhiliang.core.balance import BY_KEY, INDICATORS, KEYS, STAGES, Evaluation, Indicator
from zhiliang.core.balance.consistency import Finding
from zhiliang.core.balance.evaluate import IndicatorResult, StageResult
from zhiliang.core.balance.split import SPLIT_RULE_TEXT


def english() -> bool:
    return (get_language() or "").startswith("en")


def label(indicator: Indicator) -> str:
    return indicator.label_en if english() else indicator.label


def stage_label(stage: str) -> str:
    names = {"小学": _("Primary"), "初中": _("Junior"), "高中": _("Senior")}
    return str(names.get(stage, names.get(STAGE_NAMES.get(stage, ""), stage)))


def number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def gap_text(key: str, shortfall: float) -> str:
    """The gap in units a principal acts on: people, rooms, m², yuan."""
    amount = f"{shortfall:,.0f}"
    texts = {
        "qualified_teachers": _("%(n)s more teachers above the required qualification"),
        "backbone_teachers": _("%(n)s more backbone teachers (county level or higher)"),
        "pe_arts_teachers": _("%(n)s more PE/arts teachers"),
        "teaching_area": _("%(n)s m² more teaching space"),
        "sports_area": _("%(n)s m² more sports ground"),
        "equipment_value": _("¥%(n)s more teaching equipment"),
        "multimedia_rooms": _("%(n)s more multimedia classrooms"),
    }
    return texts[key] % {"n": amount}


def indicator_rows(part: StageResult) -> list[dict[str, Any]]:
    rows = []
    for indicator in INDICATORS:
        result: IndicatorResult = part.indicators[indicator.key]
        rows.append(
            {
                "key": indicator.key,
                "label": label(indicator),
                "quantity": number(result.quantity, 0 if indicator.whole and part.share == 1 else 2),
                "unit": indicator.unit,
                "per": indicator.per,
                "value": number(result.value),
                "standard": f"{result.standard:g}",
                "ratio": "—" if result.ratio is None else f"{result.ratio:.0%}",
                "met": result.met,
                "floor": result.ratio is not None and result.ratio >= 0.85,
                "gap": "" if result.met else gap_text(indicator.key, result.shortfall),
                "needed": number(result.needed, 0 if indicator.whole else 2),
            }
        )
    return rows


def split_note(part: StageResult) -> str:
    if part.share >= 1:
        return ""
    rule = SPLIT_RULE_TEXT.get(part.school_type or "", "")
    return _("Facilities split by %(rule)s: this stage gets %(share)s of the school's totals.") % {
        "rule": rule,
        "share": f"{part.share:.2%}",
    }


def county_rows(picture: Picture, visible_ids: set[int]) -> dict[str, list[dict[str, Any]]]:
    """Per stage, one row per visible school part: verdict and each indicator's value and status."""
    by_name = {item.school.name: item for item in picture.data}
    rows: dict[str, list[dict[str, Any]]] = {stage: [] for stage in STAGES}
    for part in picture.evaluation.schools:
        school = by_name[part.school].school
        if school.pk not in visible_ids:
            continue
        rows[part.stage].append(
            {
                "school": school,
                "students": part.students,
                "met_count": part.met_count,
                "meets": part.meets_standard,
                "split": part.share < 1,
                "cells": [
                    {
                        "value": number(part.indicators[key].value),
                        "met": part.indicators[key].met,
                        "floor": (part.indicators[key].ratio or 0) >= 0.85,
                    }
                    for key in KEYS
                ],
            }
        )
    return rows


def cv_rows(evaluation: Evaluation, visible_names: set[str]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for stage in STAGES:
        rows[stage] = []
        for key in KEYS:
            item = evaluation.county[stage][key]
            pulling = [
                {"school": name, "value": number(value), "share": f"{share:.0%}"}
                for name, value, share in item.cv.pulling_up()
                if name in visible_names
            ]
            rows[stage].append(
                {
                    "key": key,
                    "label": label(BY_KEY[key]),
                    "mean": number(item.cv.mean),
                    "sd": number(item.cv.sd),
                    "cv": number(item.cv.cv, 3),
                    "limit": f"{item.limit:.2f}",
                    "met": item.met,
                    "pulling": pulling,
                }
            )
    return rows


def charts(evaluation: Evaluation, visible_names: set[str]) -> dict[str, Any]:
    """Per stage and indicator: bars of each school's value with the standard as a line (ECharts data)."""
    data: dict[str, Any] = {}
    for stage in STAGES:
        parts = [p for p in evaluation.schools if p.stage == stage and p.school in visible_names]
        if not parts:
            continue
        data[stage] = [
            {
                "key": indicator.key,
                "title": label(indicator),
                "schools": [p.school for p in parts],
                "values": [round(p.indicators[indicator.key].value or 0, 2) for p in parts],
                "met": [p.indicators[indicator.key].met for p in parts],
                "standard": indicator.standard(stage),
                "mean": round(evaluation.county[stage][indicator.key].cv.mean or 0, 2),
                "standard_name": str(_("Standard")),
                "mean_name": str(_("County mean")),
            }
            for indicator in INDICATORS
        ]
    return data


def trend(pictures: list[Picture]) -> dict[str, Any]:
    """CV of each indicator per school year (oldest first), per stage: the year-over-year trend."""
    years = [str(p.year) for p in pictures]
    result: dict[str, Any] = {}
    for stage in STAGES:
        series = []
        for indicator in INDICATORS:
            values = [p.evaluation.county[stage][indicator.key].cv.cv for p in pictures]
            if all(v is None for v in values):
                continue
            series.append({"name": label(indicator), "data": [None if v is None else round(v, 3) for v in values]})
        if series:
            result[stage] = {"years": years, "series": series, "limit": 0.5 if stage == "小学" else 0.45}
    return result


def finding_text(finding: Finding) -> str:
    if finding.code == "enrolment":
        return _("Stated enrolment %(stated)s differs from the %(recorded)s students in the records.") % {
            "stated": number(finding.stated, 0),
            "recorded": number(finding.computed, 0),
        }
    indicator = BY_KEY[finding.key or ""]
    if finding.code == "implausible":
        return _("%(label)s: %(value)s per student (or per 100) is implausible for a school; check the unit.") % {
            "label": label(indicator),
            "value": number(finding.computed),
        }
    return _(
        "%(label)s: the school states %(stated)s, but its counts give %(computed)s; the stated figure fits "
        "%(implied)s students."
    ) % {
        "label": label(indicator),
        "stated": f"{finding.stated:g}",
        "computed": number(finding.computed),
        "implied": number(finding.implied_students, 0),
    }


def what_if(before: Evaluation, after: Evaluation, name: str) -> dict[str, Any]:
    """Verdict and county CV of the school's stages before and after a change."""
    stages = []
    for stage in STAGES:
        old, new = before.part(name, stage), after.part(name, stage)
        if old is None or new is None:
            continue
        rows = []
        for indicator in INDICATORS:
            a, b = before.county[stage][indicator.key], after.county[stage][indicator.key]
            rows.append(
                {
                    "label": label(indicator),
                    "value_before": number(old.indicators[indicator.key].value),
                    "value_after": number(new.indicators[indicator.key].value),
                    "met_before": old.indicators[indicator.key].met,
                    "met_after": new.indicators[indicator.key].met,
                    "cv_before": number(a.cv.cv, 3),
                    "cv_after": number(b.cv.cv, 3),
                    "cv_met_after": b.met,
                    "limit": f"{b.limit:.2f}",
                    "changed": abs((a.cv.cv or 0) - (b.cv.cv or 0)) > 5e-4
                    or old.indicators[indicator.key].value != new.indicators[indicator.key].value,
                }
            )
        stages.append(
            {
                "stage": stage_label(stage),
                "meets_before": old.meets_standard,
                "meets_after": new.meets_standard,
                "met_before": old.met_count,
                "met_after": new.met_count,
                "county_before": before.stage_meets(stage),
                "county_after": after.stage_meets(stage),
                "rows": rows,
            }
        )
    return {"stages": stages}


def figure_sources(data: Any) -> list[dict[str, str]]:
    """Each figure in use with where it comes from: the records, or who entered it when (form, import, demo)."""
    sources = {"form": _("form"), "import": _("import"), "demo": _("demo data")}
    lines = []
    for stage, figure in data.students.items():
        lines.append((_("Students (%(stage)s)") % {"stage": stage_label(stage)}, number(figure.value, 0), figure))
    for stage, counts in data.teachers.items():
        for key, figure in counts.items():
            lines.append((f"{label(BY_KEY[key])}（{stage_label(stage)}）", number(figure.value, 0), figure))
    for key, figure in data.facilities.items():
        indicator = BY_KEY[key]
        lines.append((f"{indicator.quantity}（{indicator.unit}）", number(figure.value), figure))
    result = []
    for text, value, figure in lines:
        if figure.source == "records":
            origin = str(_("from the records"))
        else:
            when = figure.entered_at.strftime("%Y-%m-%d %H:%M") if figure.entered_at else ""
            origin = f"{figure.entered_by or '—'} · {when} · {sources.get(figure.source, figure.source)}"
        result.append({"label": text, "value": value, "origin": origin})
    return result
