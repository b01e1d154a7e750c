from zhiliang.core.balance.consistency import enrolment_finding, plausibility_findings


def test_enrolment_differs_from_records():
    # 1,000 stated, 682 in the records: 318 apart.
    finding = enrolment_finding(1000, 682)
    assert finding is not None and finding.stated == 1000 and finding.computed == 682
    # 2 % and 5 students of slack: 690 vs 682 is 8 students but 1.2 % → fine; 4 students → fine.
    assert enrolment_finding(690, 682) is None
    assert enrolment_finding(104, 100) is None
    assert enrolment_finding(110, 100) is not None


def test_implausible_areas_and_units():
    # 500 pupils, 25,000 m² of teaching space = 50 m² each (above 40); equipment 120 (万元 typed for 元)
    # = 0.24 yuan each (below 100).
    findings = plausibility_findings(500, {"teaching_area": 25_000, "equipment_value": 120, "sports_area": 4000})
    assert {(f.key, round(f.computed, 2)) for f in findings} == {("teaching_area", 50.0), ("equipment_value", 0.24)}
    assert plausibility_findings(0, {"teaching_area": 1}) == []
