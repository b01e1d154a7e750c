"""Hand-computed score-band distributions."""

from __future__ import annotations

from tests.core.analytics.helpers import YUWEN, one_subject
from zhiliang.core.analytics import AnalysisConfig, SubjectSpec, analyze_exam


def test_it_counts_scores_in_half_open_bands_with_the_top_band_closed() -> None:
    # out of 100, bands of 10: 0 -> [0, 10); 9.5 -> [0, 10); 10 -> [10, 20); 89.5 -> [80, 90);
    # 90 -> [90, 100]; 100 -> [90, 100] (top band closed)
    frame = one_subject({("一中", "1班"): [0, 9.5, 10, 89.5, 90, 100]})
    bands = analyze_exam(frame, [YUWEN]).bands.filter(level="class", subject="语文")
    assert bands.get_column("band").to_list() == list(range(10))
    assert bands.get_column("count").to_list() == [2, 1, 0, 0, 0, 0, 0, 0, 1, 2]
    assert bands.get_column("band_low").to_list()[-1] == 90.0
    assert bands.get_column("band_high").to_list()[-1] == 100.0
    assert bands.get_column("share").to_list()[0] == 2 / 6


def test_it_scales_bands_to_full_marks_without_floating_point_drift() -> None:
    # out of 150, 10 % bands are 15 points; 0.6 * 150 is exactly 90 after rounding, so 90 is in [90, 105)
    subject = SubjectSpec("数学", 150)
    frame = one_subject({("一中", "1班"): [89.5, 90, 150]}, "数学")
    bands = analyze_exam(frame, [subject]).bands.filter(level="county", subject="数学")
    assert bands.get_column("band_low").to_list() == [0.0, 15.0, 30.0, 45.0, 60.0, 75.0, 90.0, 105.0, 120.0, 135.0]
    assert dict(zip(bands.get_column("band_low"), bands.get_column("count"), strict=True)) == {
        0.0: 0, 15.0: 0, 30.0: 0, 45.0: 0, 60.0: 0, 75.0: 1, 90.0: 1, 105.0: 0, 120.0: 0, 135.0: 1,
    }  # fmt: skip


def test_it_uses_explicit_band_edges() -> None:
    # edges 0 / 40 % / 60 % / 85 % / 100 %: the 低分 / 不及格 / 及格 / 优秀 bands
    config = AnalysisConfig(band_edges=(0.0, 0.4, 0.6, 0.85, 1.0))
    frame = one_subject({("一中", "1班"): [39.5, 40, 60, 84.5, 85, 100]})
    bands = analyze_exam(frame, [YUWEN], config).bands.filter(level="school", subject="语文")
    assert bands.select("band_low", "band_high", "count").rows() == [
        (0.0, 40.0, 1),
        (40.0, 60.0, 1),
        (60.0, 85.0, 2),
        (85.0, 100.0, 2),
    ]
