"""Indicators, the school rule, splitting and exclusions (教督〔2017〕6号 第五条), each computed by hand."""

import pytest

from zhiliang.core.balance import BY_KEY, INDICATORS, SchoolInput, changed_input, contract, evaluate, indicator_result
from zhiliang.core.balance.split import stage_shares


def test_thresholds_are_those_of_the_official_text():
    expected = {
        "qualified_teachers": (4.2, 5.3),
        "backbone_teachers": (1, 1),
        "pe_arts_teachers": (0.9, 0.9),
        "teaching_area": (4.5, 5.8),
        "sports_area": (7.5, 10.2),
        "equipment_value": (2000, 2500),
        "multimedia_rooms": (2.3, 2.4),
    }
    assert {i.key: (i.standards["小学"], i.standards["初中"]) for i in INDICATORS} == expected


@pytest.mark.parametrize(
    ("key", "stage", "quantity", "students", "value", "met", "shortfall"),
    [
        # 3 PE/arts teachers for 500 pupils: 0.6 per 100; 0.9 × 5 = 4.5 needed → 2 more teachers (1.5 up).
        ("pe_arts_teachers", "小学", 3, 500, 0.6, False, 2),
        # 800,000 yuan for 500 pupils: 1,600 per pupil; 2,000 × 500 = 1,000,000 → ¥200,000 missing.
        ("equipment_value", "小学", 800_000, 500, 1600, False, 200_000),
        # 2,000 m² for 400 junior students: 5.0; 5.8 × 400 = 2,320 → 320 m² missing.
        ("teaching_area", "初中", 2000, 400, 5.0, False, 320),
        # 12 rooms for 500 junior students: 2.4 per 100, exactly the standard: met.
        ("multimedia_rooms", "初中", 12, 500, 2.4, True, 0),
    ],
)
def test_indicator_value_and_shortfall(key, stage, quantity, students, value, met, shortfall):
    result = indicator_result(BY_KEY[key], stage, quantity, students)
    assert result.value == pytest.approx(value)
    assert result.met is met
    assert result.shortfall == shortfall


def _primary(name, students, **overrides):
    # Exactly at every primary standard for 100 pupils, then the overrides (quantities).
    teachers = {
        "qualified_teachers": 4.2 * students / 100,
        "backbone_teachers": students / 100,
        "pe_arts_teachers": 0.9 * students / 100,
    }
    facilities = {
        "teaching_area": 4.5 * students,
        "sports_area": 7.5 * students,
        "equipment_value": 2000 * students,
        "multimedia_rooms": 2.3 * students / 100,
    }
    for key, value in overrides.items():
        (facilities if BY_KEY[key].facility else teachers)[key] = value
    return SchoolInput(name, "小学", {"小学": students}, {"小学": teachers}, facilities)


def test_school_rule_six_of_seven_and_85_percent():
    # 1,000 pupils; sports area 6,375 m² = 6.375 per pupil = 85 % of 7.5: six met, seventh at 85 % → meets.
    at_floor = evaluate([_primary("甲", 1000, sports_area=6375)]).schools[0]
    assert at_floor.met_count == 6
    assert at_floor.indicators["sports_area"].ratio == pytest.approx(0.85)
    assert at_floor.meets_standard
    # 6,300 m² = 6.3 per pupil = 84 %: fails although six are met.
    below = evaluate([_primary("乙", 1000, sports_area=6300)]).schools[0]
    assert below.met_count == 6 and not below.meets_standard
    assert below.below_floor == ["sports_area"]
    # Two indicators at 95 %: only five met → fails.
    five = evaluate([_primary("丙", 1000, sports_area=7125, teaching_area=4275)]).schools[0]
    assert five.met_count == 5 and not five.meets_standard


def test_nine_year_school_is_split_one_to_one_point_one():
    # Source E's worked example: 166 primary + 210 junior; 23,226 units → 58.5 per weighted student,
    # primary 58.5 × 166 = 9,711, junior the rest 13,515.
    shares = stage_shares("九年一贯制", {"小学": 166, "初中": 210})
    assert 23226 * shares["小学"] == pytest.approx(9711, abs=1)
    assert 23226 * shares["初中"] == pytest.approx(13515, abs=1)
    school = SchoolInput(
        "杨庄学校",
        "九年一贯制",
        {"小学": 166, "初中": 210},
        {"小学": {"qualified_teachers": 8}, "初中": {"qualified_teachers": 12}},
        {"teaching_area": 3970, "sports_area": 0, "equipment_value": 0, "multimedia_rooms": 0},
    )
    primary, junior = evaluate([school]).schools
    # 3,970 m² / (166 + 231) = 10 m² per weighted student: primary 1,660 m² (10.0 per pupil), junior 2,310
    # (11.0 per student: a junior student weighs 1.1).
    assert primary.indicators["teaching_area"].quantity == pytest.approx(1660)
    assert junior.indicators["teaching_area"].value == pytest.approx(11.0)
    # Teachers are counted where they teach, never split: 8 / 166 × 100 and 12 / 210 × 100.
    assert primary.indicators["qualified_teachers"].value == pytest.approx(4.8193, abs=1e-4)
    assert junior.indicators["qualified_teachers"].value == pytest.approx(5.7143, abs=1e-4)


def test_complete_secondary_and_twelve_year_shares():
    # 完全中学 500 junior + 600 senior: junior 500 / (500 + 1.2 × 600) = 500 / 1220.
    assert stage_shares("完全中学", {"初中": 500, "高中": 600})["初中"] == pytest.approx(500 / 1220)
    # 十二年一贯制 100 + 100 + 100: 100 / 342, 110 / 342, 132 / 342.
    shares = stage_shares("十二年一贯制", {"小学": 100, "初中": 100, "高中": 100})
    assert shares == pytest.approx({"小学": 100 / 342, "初中": 110 / 342, "高中": 132 / 342})
    with pytest.raises(ValueError):
        stage_shares("九年一贯制", {"小学": 100, "高中": 100})


def test_exclusions():
    small = _primary("前营教学点", 49)
    small = SchoolInput(small.school, "教学点", small.students, small.teachers, small.facilities)
    fifty = SchoolInput("后屯教学点", "教学点", {"小学": 50}, _primary("x", 50).teachers, _primary("x", 50).facilities)
    special = SchoolInput("特教学校", "特殊教育学校", {"小学": 80}, {}, {})
    result = evaluate([small, fifty, special])
    assert [part.school for part in result.schools] == ["后屯教学点"]
    assert {(e.school, e.reason) for e in result.excluded} == {
        ("前营教学点", "small_teaching_point"),
        ("特教学校", "special_education"),
    }


def test_county_cv_by_stage_and_limits():
    # Equipment per pupil 1,000 (100 pupils) and 3,000 (100 pupils): mean 2,000, S = 1,000, CV 0.5 → at the
    # primary limit, met; 900 and 3,100: S = 1,100, CV 0.55 → not met.
    met = evaluate([_primary("A", 100, equipment_value=100_000), _primary("B", 100, equipment_value=300_000)])
    item = met.county["小学"]["equipment_value"]
    assert item.cv.cv == pytest.approx(0.5) and item.limit == 0.5 and item.met is True
    not_met = evaluate([_primary("A", 100, equipment_value=90_000), _primary("B", 100, equipment_value=310_000)])
    assert not_met.county["小学"]["equipment_value"].cv.cv == pytest.approx(0.55)
    assert not_met.county["小学"]["equipment_value"].met is False
    assert not_met.stage_meets("小学") is False
    assert not_met.stage_meets("初中") is None  # no junior school


def test_what_if_changes_verdict_and_cv():
    schools = [_primary("A", 100, equipment_value=90_000), _primary("B", 100, equipment_value=310_000)]
    changed = changed_input(schools[0], facilities={"equipment_value": 200_000})
    after = evaluate([changed, schools[1]])
    assert after.part("A", "小学").indicators["equipment_value"].met
    assert after.county["小学"]["equipment_value"].cv.cv == pytest.approx(
        550 / 2550, rel=1e-9
    )  # 2,000 and 3,100: mean 2,550, S 550


def test_contract_shape():
    data = contract(evaluate([_primary("A", 100)]))
    assert set(data) == {"schools", "county"}
    school = data["schools"][0]
    assert set(school) == {"school", "stage", "students", "indicators", "met_count", "meets_standard"}
    assert set(school["indicators"]) == {i.key for i in INDICATORS}
    assert set(school["indicators"]["sports_area"]) == {"value", "standard", "met", "ratio", "shortfall"}
    assert set(data["county"]) == {"小学", "初中"}
    assert set(data["county"]["小学"]["sports_area"]) == {"cv", "limit", "met"}
