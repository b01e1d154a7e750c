"""The JSON of `zhiliang balance evaluate --json` (docs/balance.md, docs/cli.md): one shape for the CLI and
the app's downloads."""

from __future__ import annotations

from typing import Any

from zhiliang.core.balance.evaluate import Evaluation
from zhiliang.core.balance.indicators import KEYS, STAGES


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def contract(evaluation: Evaluation) -> dict[str, Any]:
    """{"schools": [...], "county": {"小学": {KEY: {"cv", "limit", "met"}}, "初中": {...}}} (seven KEYs)."""
    schools = [
        {
            "school": part.school,
            "stage": part.stage,
            "students": part.students,
            "indicators": {
                key: {
                    "value": _round(result.value),
                    "standard": result.standard,
                    "met": result.met,
                    "ratio": _round(result.ratio),
                    "shortfall": result.shortfall,
                }
                for key, result in ((key, part.indicators[key]) for key in KEYS)
            },
            "met_count": part.met_count,
            "meets_standard": part.meets_standard,
        }
        for part in evaluation.schools
    ]
    county = {
        stage: {
            key: {"cv": _round(item.cv.cv), "limit": item.limit, "met": item.met}
            for key, item in evaluation.county[stage].items()
        }
        for stage in STAGES
    }
    return {"schools": schools, "county": county}
