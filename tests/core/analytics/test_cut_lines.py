"""Hand-computed 分档上线."""

from __future__ import annotations

from tests.core.analytics.helpers import YUWEN, one_subject, row
from zhiliang.core.analytics import TOTAL, AnalysisConfig, analyze_exam


def test_it_sets_lines_at_the_share_position() -> None:
    # 20 students 100, 95, ..., 5: k = ceil(.15 * 20) = 3 -> 90; ceil(.25 * 20) = 5 -> 80; ceil(.6 * 20) = 12 -> 45
    frame = one_subject(
        {("一中", "1班"): [100 - 5 * i for i in range(10)], ("一中", "2班"): [50 - 5 * i for i in range(10)]}
    )
    lines = analyze_exam(frame, [YUWEN]).cut_lines
    county = lines.filter(level="county")
    assert county.select("line", "line_score", "target_share", "count_above", "count_tier").rows() == [
        (1, 90.0, 0.15, 3, 3),
        (2, 80.0, 0.25, 5, 2),
        (3, 45.0, 0.6, 12, 7),
    ]
    # 1班 holds 100..55: 3 above 一档, 5 above 二档, all 10 above 三档
    class_1 = lines.filter(level="class", **{"class": "1班"})
    assert class_1.get_column("count_above").to_list() == [3, 5, 10]
    assert class_1.get_column("share_above").to_list() == [0.3, 0.5, 1.0]


def test_it_includes_ties_and_avoids_floating_point_overshoot() -> None:
    # 100 students 100, 99, ..., 1: .15 * 100 is 15.000000000000002 in floating point; position must be 15
    frame = one_subject({("一中", "1班"): [float(100 - i) for i in range(100)]})
    county = analyze_exam(frame, [YUWEN]).cut_lines.filter(level="county")
    assert row(county, line=1)["line_score"] == 86.0
    # five students 90, 80, 80, 80, 70: ceil(.25 * 5) = 2 -> line 80, and all three 80s are above it
    frame = one_subject({("一中", "1班"): [90, 80, 80, 80, 70]})
    got = row(analyze_exam(frame, [YUWEN]).cut_lines, level="county", line=2)
    assert (got["line_score"], got["count_above"], got["share_above"]) == (80.0, 4, 0.8)


def test_it_uses_fixed_line_scores() -> None:
    config = AnalysisConfig(cut_line_scores=(90.0, 60.0))
    frame = one_subject({("一中", "1班"): [95, 90, 75, 59.5]})
    county = analyze_exam(frame, [YUWEN], config).cut_lines.filter(level="county")
    assert county.select("line", "line_score", "target_share", "count_above", "count_tier").rows() == [
        (1, 90.0, None, 2, 2),
        (2, 60.0, None, 3, 1),
    ]


def test_lines_are_on_the_total() -> None:
    frame = one_subject({("一中", "1班"): [95, 90, 75, "absent"]})
    analysis = analyze_exam(frame, [YUWEN])
    # sat counts students with a total (the absent one has none)
    assert row(analysis.cut_lines, level="county", line=1)["sat"] == 3
    assert row(analysis.summary, level="county", subject=TOTAL)["sat"] == 3
