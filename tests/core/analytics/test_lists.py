"""Hand-computed 临界生, top lists, top counts and the bottom group."""

from __future__ import annotations

from tests.core.analytics.helpers import YUWEN, one_subject, row
from zhiliang.core.analytics import TOTAL, AnalysisConfig, Thresholds, analyze_exam


def test_it_lists_students_just_below_the_pass_and_excellent_lines() -> None:
    # out of 100, margin 5 % = 5 points: pass window [55, 60), excellent window [80, 85)
    frame = one_subject({("一中", "1班"): [54.5, 55, 59.5, 60, 79.5, 80, 84.5, 85]})
    critical = analyze_exam(frame, [YUWEN]).critical.filter(subject="语文")
    assert sorted(critical.select("score", "line_kind", "line_score", "gap").rows()) == [
        (55.0, "pass", 60.0, 5.0),
        (59.5, "pass", 60.0, 0.5),
        (80.0, "excellent", 85.0, 5.0),
        (84.5, "excellent", 85.0, 0.5),
    ]


def test_it_lists_the_good_line_when_configured_and_the_total_too() -> None:
    config = AnalysisConfig(thresholds=Thresholds(good_ratio=0.7), critical_margin_ratio=0.02)
    # good line 70, window [68, 70): 68 qualifies; total = the same single subject
    critical = analyze_exam(one_subject({("一中", "1班"): [68]}), [YUWEN], config).critical
    assert critical.select("subject", "line_kind").rows() == [("语文", "good"), (TOTAL, "good")]


def test_top_lists_include_ties_at_the_cut() -> None:
    # totals 100, 90, 90, 80: the top 2 are ranks 1, 2, 2 (three students)
    config = AnalysisConfig(top_n=(1, 2))
    frame = one_subject({("一中", "1班"): [100, 90], ("二中", "1班"): [90, 80]})
    analysis = analyze_exam(frame, [YUWEN], config)
    assert analysis.top.filter(top_n=1).get_column("score").to_list() == [100.0]
    assert analysis.top.filter(top_n=2).select("score", "rank_county").rows() == [(100.0, 1), (90.0, 2), (90.0, 2)]
    # per school: 一中 has 1 in the top 1 and 2 in the top 2 (of its 2); 二中 0 and 1
    counts = analysis.top_counts.filter(level="school")
    assert counts.select("school", "top_n", "count", "share").rows() == [
        ("一中", 1, 1, 0.5),
        ("一中", 2, 2, 1.0),
        ("二中", 1, 0, 0.0),
        ("二中", 2, 1, 0.5),
    ]


def test_bottom_group_takes_the_share_with_ties() -> None:
    # 5 scores, bottom 25 %: k = ceil(1.25) = 2; ascending ranks 10 -> 1, 20 -> 2, 20 -> 2 -> three students
    config = AnalysisConfig(bottom_ratio=0.25)
    frame = one_subject({("一中", "1班"): [40, 20, 10, 30, 20]})
    bottom = analyze_exam(frame, [YUWEN], config).bottom.filter(subject="语文")
    assert bottom.get_column("score").to_list() == [10.0, 20.0, 20.0]
    assert row(bottom, score=10.0)["rank_county"] == 5
    assert analyze_exam(frame, [YUWEN], AnalysisConfig(bottom_ratio=0)).bottom.is_empty()
