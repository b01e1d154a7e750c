"""The demo county's balance data: every school with a compulsory stage has figures for both years, some fail
some indicators, the nine-year schools are split, the teaching points are excluded, and the pages render."""

import pytest
from django.urls import reverse

from zhiliang.accounts.models import User
from zhiliang.balance.models import IndicatorInput, Measure
from zhiliang.balance.picture import county_picture
from zhiliang.demo.build import demo_county_build
from zhiliang.org.models import School, SchoolYear


@pytest.mark.django_db
def test_demo_county_has_balance_data_for_every_school_and_year(client):
    report = demo_county_build(scale=0.05, layers={"balance"})
    assert "balance" in report.layers_added and report.counts["balance_inputs"] > 0
    years = list(SchoolYear.objects.order_by("start_year"))
    assert len(years) == 2
    for year in years:
        picture = county_picture(years[0].county, year)
        assert not picture.incomplete, [item.school.name for item in picture.incomplete]
        evaluation = picture.evaluation
        stages = {(part.school, part.stage) for part in evaluation.schools}
        assert ("杨庄乡九年一贯制学校", "小学") in stages and ("杨庄乡九年一贯制学校", "初中") in stages
        assert {e.school for e in evaluation.excluded} >= {"柳林镇前营教学点", "柳林镇后屯教学点", "柳林镇马庄教学点"}
        verdicts = [part.meets_standard for part in evaluation.schools]
        assert any(verdicts) and not all(verdicts)
        # Teacher counts come from the teacher records (PE/arts from the flag or the lessons taught).
        j1 = evaluation.part("清河县第一初级中学", "初中")
        assert j1.indicators["qualified_teachers"].quantity > 0 and j1.indicators["pe_arts_teachers"].quantity > 0
        assert not j1.meets_standard  # the crowded town junior school lacks space
    assert Measure.objects.exists()
    # 城关第二小学's stated ratios were computed with a wrong enrolment: the consistency check finds them.
    current = years[-1]
    picture = county_picture(current.county, current)
    misstated = School.objects.get(code="QH02")
    assert {f.code for f in picture.findings[misstated.pk]} == {"stated_ratio"}
    # Building again adds nothing.
    before = IndicatorInput.objects.count()
    demo_county_build(scale=0.05, layers={"balance"})
    assert IndicatorInput.objects.count() == before
    # The demo logins find their pages.
    school = School.objects.get(code="QH03")
    client.force_login(User.objects.get(username="principal"))
    html = client.get(reverse("balance:school", args=[school.pk])).content.decode()
    assert "清河县第一初级中学" in html and "what-if-form" in html
    client.force_login(User.objects.get(username="bureau_admin"))
    html = client.get(reverse("balance:index")).content.decode()
    assert "杨庄乡九年一贯制学校" in html and "清河县城关第二小学" in html
    client.force_login(User.objects.get(username="subject_teacher"))
    assert client.get(reverse("balance:index")).status_code == 404
