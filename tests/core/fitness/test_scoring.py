"""Scoring a student: hand-computed totals, BMI, bonus, bands, graduation, exemption, refusals."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.fitness import band_for, bmi_of, graduation, load_standard, score_indicator, score_student
from zhiliang.core.fitness.messages import describe

GRADE5_GIRL = {
    "vital_capacity": D("2000"),
    "run_50m": D("9.0"),
    "sit_and_reach": D("18"),
    "rope_skip_1min": D("150"),
    "sit_up_1min": D("40"),
    "shuttle_50mx8": D("112"),
}


def test_a_grade_5_girl_by_hand() -> None:
    # BMI 33 / 1.4² = 16.84 → 16.8, normal (13.8–20.5) → 100. Levels of the grade-5 girls' tables: vital
    # capacity 2000 ml ≥ 1950 → 85; 50 m 9.0 s ≤ 9.1 (85 needs ≤ 8.8) → 80; sit and reach 18 ≥ 17.2 → 90;
    # rope 150 ≥ 144 (95 needs 151) → 90; sit-ups 40 ≥ 38 (85 needs 41) → 80; shuttle 112 s ≤ 113 (85 needs
    # ≤ 110) → 80. Weighted: (100·15 + 85·15 + 80·20 + 90·10 + 90·10 + 80·20 + 80·10) / 100
    # = 85.75 → 85.8, 良好.
    result = score_student(grade=5, sex="F", height=D("140"), weight=D("33"), measurements=GRADE5_GIRL)
    assert result.bmi == D("16.8")
    assert {k: s.score for k, s in result.scores.items()} == {
        "bmi": 100,
        "vital_capacity": 85,
        "run_50m": 80,
        "sit_and_reach": 90,
        "rope_skip_1min": 90,
        "sit_up_1min": 80,
        "shuttle_50mx8": 80,
    }
    assert result.weighted_total == D("85.8") and result.bonus == 0 and result.total == D("85.8")
    assert result.band_label == "良好"
    assert result.scores["run_50m"].rule == "≤ 9.1 s"


def test_rope_skipping_bonus_two_skips_a_point_at_most_twenty() -> None:
    # Grade 1 boys: 100 points at 109 skips; 111 → 1 extra point, 149 → 20, 200 → still 20.
    base = {"vital_capacity": D("1700"), "run_50m": D("10.2"), "sit_and_reach": D("16.1")}
    for skips, bonus in [(109, 0), (110, 0), (111, 1), (112, 1), (129, 10), (149, 20), (200, 20)]:
        result = score_student(
            grade=1, sex="M", height=D("120"), weight=D("22"), measurements=base | {"rope_skip_1min": D(skips)}
        )
        assert result.bonus == bonus, skips
        assert result.total == D("100.0") + bonus


def test_bmi_rounds_half_up_to_a_tenth_and_scores_by_band() -> None:
    assert bmi_of(D("130"), D("30")) == D("17.8")  # 17.751…
    assert bmi_of(D("150"), D("45")) == D("20.0")
    # grade 1 boys at 120 cm (1.44 m²): 22.8 kg → 15.8 normal; 27.5 → 19.1 overweight; 34 → 23.6 obese;
    # 19 → 13.2 underweight
    for kilograms, score in [(D("22.8"), 100), (D("27.5"), 80), (D("34.0"), 60), (D("19"), 80)]:
        result = score_student(grade=1, sex="M", height=D("120"), weight=kilograms, measurements={})
        assert result.scores["bmi"].score == score, kilograms
    assert score_student(grade=1, sex="M", height=D("120"), weight=D("27.5"), measurements={}).weight_status == (
        "overweight"
    )
    assert score_student(grade=1, sex="M", height=D("120"), weight=D("19"), measurements={}).weight_status == (
        "underweight"
    )


def test_junior_girls_bmi_above_normal_is_refused_not_guessed() -> None:
    result = score_student(grade=7, sex="F", height=D("150"), weight=D("50"), measurements={})  # 22.2
    assert result.weight_status is None
    refusal = next(r for r in result.refusals if r.indicator == "bmi")
    assert refusal.code == "fitness.bmi_incomplete"
    assert "超重/肥胖界值缺失" in describe(refusal.code, refusal.params)
    normal = score_student(grade=7, sex="F", height=D("150"), weight=D("45"), measurements={})  # 20.0
    assert normal.scores["bmi"].score == 100


def test_an_incomplete_junior_table_scores_only_what_it_can_decide() -> None:
    assert score_indicator("pull_up", 7, "M", D("13"))[0] == 100
    assert score_indicator("pull_up", 7, "M", D("20"))[0] == 100
    with pytest.raises(Exception) as refused:
        score_indicator("pull_up", 7, "M", D("12"))
    assert refused.value.code == "fitness.table_incomplete"  # type: ignore[attr-defined]
    text = describe(refused.value.code, refused.value.params)  # type: ignore[attr-defined]
    assert "引体向上" in text and "7年级男生" in text and "95–10" in text


def test_a_student_with_a_refused_or_untested_indicator_has_no_total() -> None:
    partial = dict(GRADE5_GIRL)
    del partial["shuttle_50mx8"]
    result = score_student(grade=5, sex="F", height=D("140"), weight=D("33"), measurements=partial)
    assert result.total is None and result.band is None
    assert [(r.indicator, r.code) for r in result.refusals] == [("shuttle_50mx8", "fitness.not_tested")]


def test_exempt_students_are_not_scored() -> None:
    result = score_student(grade=5, sex="F", height=D("140"), weight=D("33"), measurements={}, exempt=True)
    assert result.band_label == "免测" and result.total is None and result.scores == {}
    assert result.bmi == D("16.8")


def test_senior_grades_have_no_tables() -> None:
    result = score_student(grade=10, sex="M", height=D("170"), weight=D("60"), measurements={})
    assert result.refusals[0].code == "fitness.grade_unsupported"


@pytest.mark.parametrize(
    ("total", "label"),
    [("120", "优秀"), ("90.0", "优秀"), ("89.9", "良好"), ("80.0", "良好"), ("79.9", "及格"), ("60.0", "及格"),
     ("59.9", "不及格"), ("0", "不及格")],
)  # fmt: skip
def test_bands_at_their_boundaries(total: str, label: str) -> None:
    assert band_for(D(total)).label == label


def test_graduation_is_half_the_final_year_and_half_the_mean_of_the_others() -> None:
    # 0.5 × 82 + 0.5 × (70 + 75 + 79) / 3 = 41 + 37.333… = 78.333… → 78.3
    assert graduation(D("82"), [D("70"), D("75"), D("79")]) == D("78.3")
    assert graduation(D("82"), []) == D("82.0")


@given(
    st.sampled_from(sorted(load_standard().tables.values(), key=lambda t: (t.indicator, t.grade, t.sex))),
    st.decimals(min_value=0, max_value=400, places=1),
    st.decimals(min_value=0, max_value=400, places=1),
)
def test_a_better_measurement_never_scores_less(table, a, b) -> None:
    better, worse = (max(a, b), min(a, b)) if table.direction == "higher_better" else (min(a, b), max(a, b))

    def score(value):
        try:
            return score_indicator(table.indicator, table.grade, table.sex, value)[0]
        except Exception:
            return None

    s_better, s_worse = score(better), score(worse)
    if s_better is not None and s_worse is not None:
        assert s_better >= s_worse


@given(st.integers(1, 6), st.sampled_from("MF"), st.lists(st.decimals(0, 300, places=1), min_size=6, max_size=6))
def test_totals_stay_between_0_and_120(grade, sex, values) -> None:
    keys = ["vital_capacity", "run_50m", "sit_and_reach", "rope_skip_1min", "sit_up_1min", "shuttle_50mx8"]
    measured = {k: v * 10 if k == "vital_capacity" else v for k, v in zip(keys, values, strict=True)}
    result = score_student(grade=grade, sex=sex, height=D("130"), weight=D("28"), measurements=measured)
    if result.total is not None:
        assert D(0) <= result.total <= D(120)
        assert result.bonus <= 20
