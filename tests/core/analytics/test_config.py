"""Impossible settings are refused when the config is built."""

from __future__ import annotations

from typing import Any

import pytest

from zhiliang.core.analytics import AnalysisConfig, CompositeWeights, GradeLevel, SubjectSpec, Thresholds


@pytest.mark.parametrize(
    ("build", "kwargs"),
    [
        (Thresholds, {"pass_ratio": 1.2}),
        (Thresholds, {"pass_ratio": 0.9, "excellent_ratio": 0.85}),
        (Thresholds, {"low_ratio": 0.7}),
        (Thresholds, {"good_ratio": 0.9}),
        (CompositeWeights, {"mean": -1}),
        (CompositeWeights, {"mean": 0, "pass_": 0, "excellent": 0, "low": 0}),
        (SubjectSpec, {"name": "语文", "full_marks": 0}),
        (SubjectSpec, {"name": " ", "full_marks": 100}),
        (AnalysisConfig, {"band_width_ratio": 0}),
        (AnalysisConfig, {"band_edges": (0.0, 0.5)}),
        (AnalysisConfig, {"band_edges": (0.0, 0.6, 0.4, 1.0)}),
        (AnalysisConfig, {"top_n": (0,)}),
        (AnalysisConfig, {"cut_line_shares": (0.25, 0.15)}),
        (AnalysisConfig, {"cut_line_scores": (400.0, 500.0)}),
        (AnalysisConfig, {"grade_levels": (GradeLevel("A", 0.8), GradeLevel("B", 0.6))}),
        (AnalysisConfig, {"grade_levels": (GradeLevel("A", 0.6), GradeLevel("B", 0.8), GradeLevel("C", 0))}),
        (AnalysisConfig, {"grade_levels": (GradeLevel("A", 0.6), GradeLevel("A", 0))}),
        (AnalysisConfig, {"bottom_ratio": 1.5}),
    ],
)
def test_it_refuses_impossible_settings(build: Any, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        build(**kwargs)


@pytest.mark.parametrize(
    ("width", "edges"),
    [
        (0.1, (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)),
        (0.3, (0.0, 0.3, 0.6, 0.9, 1.0)),  # the last band is shorter and closed at full marks
        (1.0, (0.0, 1.0)),
    ],
)
def test_uniform_band_edges(width: float, edges: tuple[float, ...]) -> None:
    assert AnalysisConfig(band_width_ratio=width).band_ratios == edges
