"""The tables of the item-analysis pages, as rows for the templates and as sheets for the .xlsx exports.

Both are built from the same values so a page and its export never disagree. Column headers are translated
with gettext (English msgids; zh-Hans in the app's catalogue).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhiliang.core.items import flag_text
from zhiliang.core.items.flags import DIFFICULTY_BANDS, DISCRIMINATION_BANDS, UNDEFINED, band_label
from zhiliang.core.xlsx_export import ColumnKind, ColumnSpec, SheetSpec
from zhiliang.items.analysis import PaperData, unit_difficulty


def num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.1%}"


def _lang() -> str:
    return get_language() or "zh-hans"


def kind_label(kind: str) -> str:
    return {
        "single": _("Single choice"),
        "multiple": _("Multiple choice"),
        "fill": _("Fill-in"),
        "constructed": _("Constructed response"),
    }.get(kind, kind)


def item_rows(data: PaperData, unit_mask: np.ndarray | None = None) -> list[dict[str, Any]]:
    unit = unit_difficulty(data, unit_mask) if unit_mask is not None else None
    rows = []
    for i, (spec, s) in enumerate(zip(data.specs, data.analysis.items, strict=True)):
        rows.append(
            {
                "item": s.item,
                "kind": kind_label(s.kind),
                "max": f"{s.max:g}",
                "key": spec.key,
                "knowledge": "、".join(spec.knowledge_points),
                "abilities": "、".join(spec.abilities),
                "mean": num(s.mean),
                "difficulty": num(s.difficulty),
                "intended": num(s.intended),
                "unit_difficulty": num(unit[i]) if unit is not None else None,
                "discrimination": num(s.discrimination),
                "r_it": num(s.r_it),
                "r_it_corrected": num(s.r_it_corrected),
                "alpha_if_deleted": num(s.alpha_if_deleted, 3),
                "omit_rate": pct(s.omit_rate),
                "flags": [flag_text(f, _lang()) for f in s.flags],
                "warn": bool(s.flags),
                "values": (s, unit[i] if unit is not None else None),
            }
        )
    return rows


def test_rows(data: PaperData) -> list[tuple[str, str]]:
    t = data.analysis.test
    return [
        (_("Students"), str(t.n)),
        (_("Absent (every item blank)"), str(t.absent)),
        (_("Items"), str(t.items)),
        (_("Max total"), f"{t.max_total:g}"),
        (_("Mean"), num(t.mean)),
        (_("Standard deviation"), num(t.sd)),
        (_("Cronbach's alpha"), num(t.alpha, 3)),
        (_("Standard error of measurement"), num(t.sem)),
        (_("Observed difficulty (mean / max)"), num(t.observed_difficulty)),
        (_("Intended difficulty"), num(t.intended_difficulty)),
        (_("Upper / lower group (27 per cent)"), f"{t.upper_n} / {t.lower_n}"),
    ]


def band_rows(data: PaperData) -> dict[str, list[tuple[str, int]]]:
    t = data.analysis.test
    lang = _lang()
    difficulty = [
        (band_label(DIFFICULTY_BANDS, key, lang), t.difficulty_bands.get(key, 0)) for key, *_ in DIFFICULTY_BANDS
    ]
    discrimination = [
        (band_label(DISCRIMINATION_BANDS, key, lang), t.discrimination_bands.get(key, 0))
        for key, *_ in DISCRIMINATION_BANDS
    ]
    if t.discrimination_bands.get(UNDEFINED):
        discrimination.append((_("undefined"), t.discrimination_bands[UNDEFINED]))
    return {"difficulty": difficulty, "discrimination": discrimination}


def scatter_chart(data: PaperData) -> dict[str, Any]:
    points = [
        [round(s.difficulty, 3), round(s.discrimination, 3), s.item]
        for s in data.analysis.items
        if s.discrimination is not None
    ]
    return {"points": points, "x_name": _("Difficulty"), "y_name": _("Discrimination D")}


def option_charts(data: PaperData) -> list[dict[str, Any]]:
    charts = []
    for s in data.analysis.items:
        if not s.options:
            continue
        labels = [o.option or _("blank") for o in s.options]
        charts.append(
            {
                "item": s.item,
                "labels": labels,
                "keys": [o.is_key for o in s.options],
                "series": [
                    {"name": _("Upper group"), "data": [round(o.share_upper * 100, 1) for o in s.options]},
                    {"name": _("All"), "data": [round(o.share * 100, 1) for o in s.options]},
                    {"name": _("Lower group"), "data": [round(o.share_lower * 100, 1) for o in s.options]},
                ],
                "y_name": "%",
            }
        )
    return charts


ITEM_COLUMNS: list[tuple[str, ColumnKind]] = [
    ("item", "text"),
    ("kind", "text"),
    ("max", "number"),
    ("key", "text"),
    ("knowledge", "text"),
    ("mean", "number"),
    ("difficulty", "number"),
    ("discrimination", "number"),
    ("r_it", "number"),
    ("r_it_corrected", "number"),
    ("alpha_if_deleted", "number"),
    ("omit_rate", "percent"),
]


def items_sheet(data: PaperData, title: str) -> SheetSpec:
    headers = {
        "item": _("Item"),
        "kind": _("Kind"),
        "max": _("Max"),
        "key": _("Key"),
        "knowledge": _("Knowledge points"),
        "mean": _("Mean"),
        "difficulty": _("Difficulty"),
        "discrimination": _("Discrimination D"),
        "r_it": _("Item-total r"),
        "r_it_corrected": _("Corrected item-total r"),
        "alpha_if_deleted": _("Alpha if deleted"),
        "omit_rate": _("Omission rate"),
    }
    rows = []
    for spec, s in zip(data.specs, data.analysis.items, strict=True):
        rows.append(
            (
                s.item,
                kind_label(s.kind),
                s.max,
                spec.key,
                "、".join(spec.knowledge_points),
                s.mean,
                s.difficulty,
                s.discrimination,
                s.r_it,
                s.r_it_corrected,
                s.alpha_if_deleted,
                s.omit_rate,
                "；".join(flag_text(f, _lang()) for f in s.flags),
            )
        )
    columns = [ColumnSpec(headers[key], kind=kind) for key, kind in ITEM_COLUMNS]
    columns.append(ColumnSpec(_("Flags"), width=50))
    t = data.analysis.test
    notes = [
        _("n = %(n)s, mean %(mean)s, SD %(sd)s, alpha %(alpha)s, SEM %(sem)s")
        % {"n": t.n, "mean": num(t.mean), "sd": num(t.sd), "alpha": num(t.alpha, 3), "sem": num(t.sem)},
        _(
            "D: mean of the upper minus the lower 27 per cent by total, over max points; students tied at a boundary join the group."
        ),
    ]
    return SheetSpec(name=_("Items"), columns=columns, rows=rows, title=title, notes=notes)


def heat_rows(data: PaperData, access: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Knowledge points (columns) and one row per visible class, plus the grade row; cells are mastery."""
    kps = data.mastery.grade.get_column("knowledge_point").to_list()
    grade = dict(data.mastery.grade.select("knowledge_point", "mastery").rows())
    classes = data.mastery.classes
    rows = []
    for (school, class_name), group in sorted(
        classes.group_by(["school", "class"], maintain_order=True), key=lambda g: (g[0][0], g[0][1])
    ):
        if not access.sees_class(school, class_name):
            continue
        values = {r["knowledge_point"]: r for r in group.iter_rows(named=True)}
        rows.append(
            {
                "school": school,
                "class": class_name,
                "class_id": access.labels.classes.get((school, class_name)),
                "students": group.get_column("students")[0],
                "cells": [
                    {
                        "mastery": values[k]["mastery"] if k in values else None,
                        "text": pct(values[k]["mastery"]) if k in values else "—",
                        "gap": values[k]["gap_grade"] if k in values else None,
                        "gap_text": f"{values[k]['gap_grade'] * 100:+.1f}" if k in values else "",
                        "level": _level(values[k]["gap_grade"]) if k in values else "",
                    }
                    for k in kps
                ],
            }
        )
    grade_row = [{"mastery": grade.get(k), "text": pct(grade.get(k))} for k in kps]
    return kps, [{"grade": grade_row}, *rows]


def _level(gap: float | None) -> str:
    """A CSS class for a gap to the grade: well below, below, about, above (5-point steps)."""
    if gap is None:
        return ""
    if gap <= -0.10:
        return "zl-kp-low2"
    if gap <= -0.05:
        return "zl-kp-low1"
    if gap >= 0.05:
        return "zl-kp-high"
    return "zl-kp-mid"


def heat_chart(kps: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    classes = [f"{r['school']} {r['class']}" for r in rows[1:]]
    cells = [
        [x, y, round(cell["mastery"] * 100, 1)]
        for y, row in enumerate(rows[1:])
        for x, cell in enumerate(row["cells"])
        if cell["mastery"] is not None
    ]
    return {"x": kps, "y": classes, "cells": cells, "label": _("Mastery (per cent)")}


def heat_sheet(kps: list[str], rows: list[dict[str, Any]], title: str) -> SheetSpec:
    grade = rows[0]["grade"]
    body: list[list[object]] = [[_("Grade"), "", None, *[c["mastery"] for c in grade]]]
    for row in rows[1:]:
        body.append([row["school"], row["class"], row["students"], *[c["mastery"] for c in row["cells"]]])
    columns = [ColumnSpec(_("School")), ColumnSpec(_("Class")), ColumnSpec(_("Students"), kind="int")]
    columns += [ColumnSpec(k, kind="percent") for k in kps]
    return SheetSpec(name=_("Knowledge points"), columns=columns, rows=body, title=title)


def student_kp_rows(data: PaperData, pks: list[int]) -> pl.DataFrame:
    """Lost points per student and knowledge point, for the given students (by database id)."""
    chosen = data.students.filter(pl.col("pk").is_in(pks)).select("pk", "student", "name")
    return data.mastery.students.join(chosen, on="student", how="inner").sort(["student", "knowledge_point"])
