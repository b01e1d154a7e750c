"""Hand-computed 学科贡献率 (double difference of score rates)."""

from __future__ import annotations

import pytest

from tests.core.analytics.helpers import SHUXUE, YUWEN, row, scores_frame
from zhiliang.core.analytics import analyze_exam

# one school, two classes, both subjects out of 100:
#   1班 s1: 语文 80, 数学 60 (total 140)
#   2班 s2: 语文 60, 数学 80 (140); s3: 语文 70, 数学 90 (160)
# score rates: 1班 语文 .8, 数学 .6, total 140/200 = .7; 2班 语文 .65, 数学 .85, total 150/200 = .75
# school: 语文 210/300 = .7, 数学 230/300 = .76667, total 440/600 = .73333
ROWS = [
    ("s1", "一中", "1班", {"语文": 80, "数学": 60}),
    ("s2", "一中", "2班", {"语文": 60, "数学": 80}),
    ("s3", "一中", "2班", {"语文": 70, "数学": 90}),
]


@pytest.mark.parametrize(
    ("class_", "subject", "expected"),
    [
        ("1班", "语文", (0.8 - 0.7) - (0.7 - 440 / 600)),  # 0.1 + 0.0333 = 0.1333
        ("1班", "数学", (0.6 - 230 / 300) - (0.7 - 440 / 600)),  # -0.1667 + 0.0333 = -0.1333
        ("2班", "语文", (0.65 - 0.7) - (0.75 - 440 / 600)),  # -0.05 - 0.0167 = -0.0667
        ("2班", "数学", (0.85 - 230 / 300) - (0.75 - 440 / 600)),  # 0.0833 - 0.0167 = 0.0667
    ],
)
def test_it_computes_the_contribution_of_each_subject(class_: str, subject: str, expected: float) -> None:
    contribution = analyze_exam(scores_frame(ROWS), [YUWEN, SHUXUE]).contribution
    got = row(contribution, level="class", subject=subject, **{"class": class_})
    assert got["contribution"] == pytest.approx(expected)
    assert got["parent_total_score_rate"] == pytest.approx(440 / 600)


def test_it_has_no_row_for_the_total_and_zero_for_a_lone_school() -> None:
    contribution = analyze_exam(scores_frame(ROWS), [YUWEN, SHUXUE]).contribution
    assert set(contribution.get_column("subject")) == {"语文", "数学"}
    # the only school equals the county, so every school contribution is 0
    assert contribution.filter(level="school").get_column("contribution").to_list() == [0.0, 0.0]
