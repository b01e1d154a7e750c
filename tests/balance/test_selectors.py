"""Figures from the records and from inputs; the county picture of the test cast, computed by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.balance.factories import fill
from zhiliang.balance.models import IndicatorInput
from zhiliang.balance.picture import county_picture
from zhiliang.balance.selectors import balance_schools, county_data
from zhiliang.people.models import Teacher

pytestmark = pytest.mark.django_db


def test_scope_of_each_role(cast):
    names = lambda role: set(balance_schools(cast.user(role)).values_list("name", flat=True))  # noqa: E731
    assert names("bureau_admin") == {"城关中心小学", "李庄教学点", "第一初级中学", "第二初级中学"}
    assert names("group_leader") == {"第一初级中学"}
    assert names("principal") == {"第一初级中学"}
    assert names("central_principal") == {"城关中心小学", "李庄教学点"}
    for role in ("grade_leader", "head_teacher", "subject_teacher", "other_teacher", "outsider"):
        assert names(role) == set()


def test_teachers_are_counted_from_records_where_they_teach(cast):
    teachers = cast.teachers
    Teacher.objects.filter(pk=teachers["head_teacher"].pk).update(education="bachelor", backbone_level="county")
    Teacher.objects.filter(pk=teachers["subject_teacher"].pk).update(
        education="junior_college", is_pe_arts_specialist=True
    )
    Teacher.objects.filter(pk=teachers["other_teacher"].pk).update(education="master", backbone_level="city")
    data = {item.school.code: item for item in county_data(cast.county, cast.year)}
    j1 = data["J01"].teachers["junior"]
    # 专科 is not above the junior requirement (本科), so only the head teacher counts as qualified.
    assert (j1["qualified_teachers"].value, j1["backbone_teachers"].value, j1["pe_arts_teachers"].value) == (1, 1, 1)
    assert j1["qualified_teachers"].source == "records"
    j2 = data["J02"].teachers["junior"]
    assert (j2["qualified_teachers"].value, j2["backbone_teachers"].value) == (1, 1)
    # Enrolment from the class memberships: junior1 has s1, s2, s3.
    assert data["J01"].students["junior"].value == 3 and data["J01"].students["junior"].source == "records"
    assert not data["J01"].complete


def test_latest_input_wins_and_history_is_kept(cast):
    fill(cast)
    later = timezone.make_aware(datetime.datetime(2025, 11, 1, 9))
    IndicatorInput.objects.create(
        school=cast.junior1, school_year=cast.year, key="teaching_area", value=Decimal(3000),
        entered_by=cast.user("principal"), entered_at=later,
    )  # fmt: skip
    data = {item.school.code: item for item in county_data(cast.county, cast.year)}
    area = data["J01"].facilities["teaching_area"]
    assert area.value == 3000 and area.entered_by == "一中校长"
    assert IndicatorInput.objects.filter(school=cast.junior1, key="teaching_area").count() == 2


def test_county_picture_by_hand(cast):
    fill(cast)
    picture = county_picture(cast.county, cast.year)
    part = picture.evaluation.part("第一初级中学", "初中")
    # 30 / 500 × 100 = 6.0 ≥ 5.3; 6 → 1.2; 5 → 1.0; 2,500 / 500 = 5.0 < 5.8 (86 %: above the floor);
    # 4,000 / 500 = 8.0 < 10.2 (78 %: below the floor); 2,000 ≥ 2,500? no (80 %); 12 → 2.4 met.
    values = {key: round(r.value, 4) for key, r in part.indicators.items()}
    assert values == {
        "qualified_teachers": 6.0, "backbone_teachers": 1.2, "pe_arts_teachers": 1.0, "teaching_area": 5.0,
        "sports_area": 8.0, "equipment_value": 2000.0, "multimedia_rooms": 2.4,
    }  # fmt: skip
    assert part.met_count == 4 and not part.meets_standard
    assert part.indicators["sports_area"].shortfall == 1100  # 10.2 × 500 − 4,000
    # Junior CV of teaching area: 5.0 (500) and 6.0 (400); mean 4,900 / 900 = 5.4444; d = 5/9 · 0.4444² +
    # 4/9 · 0.5556² = 0.109739 + 0.137174 = 0.246914; S = 0.496904; CV = 0.091268.
    cv = picture.evaluation.county["初中"]["teaching_area"]
    assert cv.cv.cv == pytest.approx(0.091268, abs=1e-6)
    # The teaching point has no facility figures: waiting, not evaluated.
    assert [item.school.name for item in picture.incomplete] == ["李庄教学点"]


def test_consistency_findings(cast):
    fill(cast)
    picture = county_picture(cast.county, cast.year)
    codes = {f.code for f in picture.findings[cast.junior1.pk]}
    # 500 stated against 3 in the records.
    assert "enrolment" in codes


def test_pe_arts_teachers_from_the_lessons_they_teach(cast):
    from zhiliang.curriculum.models import Subject
    from zhiliang.people.models import TeachingAssignment

    pe = Subject.objects.create(code="pe", name="体育", order=9)
    # The other teacher (第二初级中学) now teaches mostly PE: two PE lessons against one 语文.
    for number in (1, 2):
        klass = cast.classes[f"J02-7-{number}"]
        TeachingAssignment.objects.create(
            teacher=cast.teachers["other_teacher"], school_class=klass, subject=pe, term=cast.term
        )
    data = {item.school.code: item for item in county_data(cast.county, cast.year)}
    assert data["J02"].teachers["junior"]["pe_arts_teachers"].value == 1
    assert data["J01"].teachers["junior"]["pe_arts_teachers"].value == 0
