"""The seed plan /work/shared/seeds/003 (a primary school's 优质均衡 plan) states 在校生1000人 and then:

    高于规定学历教师38人 … 每百名学生 6           县级及以上骨干教师12人 … 1.76
    体育、艺术专任教师5人 … 0.73                  教学及辅助用房1749平方米 … 生均2.56
    教学仪器设备值1217893.1元 … 生均1785.77       网络多媒体教室 … 每百名学生3.08间

By hand with 1,000 students: 38 / 1000 × 100 = 3.8, 12 → 1.2, 5 → 0.5, 1749 / 1000 = 1.749,
1217893.1 / 1000 = 1217.89. None fits. Dividing the counts by the ratios gives the enrolment really used:
12 / 1.76 × 100 = 681.8, 5 / 0.73 × 100 = 684.9, 1749 / 2.56 = 683.2, 1217893.1 / 1785.77 = 682.0: 682.
With 682: 38 → 5.57 (the plan's "6" rounded), 12 → 1.76, 5 → 0.733, 1749 → 2.5645, 1217893.1 → 1785.77.
The plan gives no room count; 21 rooms is the only whole number giving 3.08 per 100 at 682 (20 → 2.93,
22 → 3.23), so it is used here.
"""

import pytest

from zhiliang.core.balance import BY_KEY, indicator_result
from zhiliang.core.balance.consistency import implied_enrolment, matches_stated, stated_ratio_findings

QUANTITIES = {
    "qualified_teachers": 38,
    "backbone_teachers": 12,
    "pe_arts_teachers": 5,
    "teaching_area": 1749,
    "equipment_value": 1217893.1,
    "multimedia_rooms": 21,
}
STATED = {
    "qualified_teachers": "6",
    "backbone_teachers": "1.76",
    "pe_arts_teachers": "0.73",
    "teaching_area": "2.56",
    "equipment_value": "1785.77",
    "multimedia_rooms": "3.08",
}


def test_with_the_stated_thousand_students_every_ratio_is_contradicted():
    findings = stated_ratio_findings(1000, QUANTITIES, STATED)
    assert {f.key for f in findings} == set(STATED)
    computed = {f.key: f.computed for f in findings}
    assert computed == pytest.approx(
        {
            "qualified_teachers": 3.8,
            "backbone_teachers": 1.2,
            "pe_arts_teachers": 0.5,
            "teaching_area": 1.749,
            "equipment_value": 1217.8931,
            "multimedia_rooms": 2.1,
        }
    )
    assert implied_enrolment(findings) == pytest.approx(682, abs=1)


def test_with_682_students_every_stated_ratio_fits():
    assert stated_ratio_findings(682, QUANTITIES, STATED) == []
    values = {key: indicator_result(BY_KEY[key], "小学", q, 682).value for key, q in QUANTITIES.items()}
    assert values["qualified_teachers"] == pytest.approx(5.5718, abs=1e-4)
    assert values["backbone_teachers"] == pytest.approx(1.7595, abs=1e-4)
    assert values["pe_arts_teachers"] == pytest.approx(0.7331, abs=1e-4)
    assert values["teaching_area"] == pytest.approx(2.5645, abs=1e-4)
    assert values["equipment_value"] == pytest.approx(1785.77, abs=0.01)
    assert values["multimedia_rooms"] == pytest.approx(3.0792, abs=1e-4)


def test_the_plan_is_right_about_what_is_missing_at_682():
    # PE/arts: 0.9 × 6.82 = 6.138 → 7 teachers, 2 more (the plan asks for 4). Teaching space: 4.5 × 682 =
    # 3,069 m², 1,320 more (the plan asks for 3,900). Equipment: 2,000 × 682 = 1,364,000, ¥146,107 more.
    assert indicator_result(BY_KEY["pe_arts_teachers"], "小学", 5, 682).shortfall == 2
    assert indicator_result(BY_KEY["teaching_area"], "小学", 1749, 682).shortfall == 1320
    assert indicator_result(BY_KEY["equipment_value"], "小学", 1217893.1, 682).shortfall == 146107


@pytest.mark.parametrize(
    ("computed", "stated", "fits"),
    [(5.5718, "6", True), (1.7595, "1.76", True), (1.2, "1.76", False), (0.7331, "0.73", True), (0.74, "0.73", False)],
)
def test_a_stated_ratio_fits_at_its_own_precision(computed, stated, fits):
    assert matches_stated(computed, stated) is fits
