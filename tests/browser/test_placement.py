"""An academic director places a new grade-7 intake end to end in Chromium: upload, the classes side by side
against the serpentine draft, a move by hand (live, with the broken constraint shown) and back, the lot draw,
confirmation, the notice; no console errors (so nothing breaks the content security policy)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD, build_cast
from tests.placement.intakes import intake_rows, make_intake, write_intake
from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import ClassMembership

pytestmark = pytest.mark.browser


def test_a_director_places_a_grade_seven_intake(visit, tmp_path):
    cast = build_cast()
    year = SchoolYear.objects.create(
        county=cast.county, start_year=2026, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 7, 31)
    )
    students = make_intake(90, seed=5, feeders=5, classes=3, twins_share=0.05, together_pairs=1, fixed=1)
    intake = write_intake(
        tmp_path / "2026级七年级新生.xlsx", intake_rows(students), title="第一初级中学2026年七年级新生"
    )

    tab = visit(width=1400, height=1000)
    tab.log_in("academic_director", PASSWORD)
    page = tab.go("/")
    page.click("[data-nav-section=school]")  # the menu section that holds it
    page.click("[data-nav=placement]")
    expect(page.locator("h1")).to_have_text("均衡分班")
    page.click("[data-testid=new-placement]")
    page.set_input_files("input[name=file]", str(intake))
    page.select_option("select[name=school_year]", str(year.pk))
    page.select_option("select[name=grade]", "7")
    page.fill("input[name=classes]", "3")
    page.fill("input[name=max_size]", "50")
    page.fill("input[name=time_limit]", "1")
    tab.screenshot("placement-upload")
    page.click("#placement-form button[type=submit]")

    expect(page.locator("[data-testid=run-status]")).to_have_text("已分班")
    expect(page.locator("#placement-classes")).to_contain_text("七年级(3)班")
    expect(page.locator("#placement-comparison")).to_contain_text("S形分班")
    expect(page.locator("#placement-ok")).to_be_visible()
    expect(page.locator("[data-placement-chart] canvas")).to_have_count(1)
    tab.screenshot("placement-board")

    first = next(s for s in students if s.fixed_class is None and s.together_group is None and s.sibling_group is None)
    page.select_option("#move-student", first.student_id)
    target = page.locator("#move-to option").nth(2).get_attribute("value")
    current = (
        page.locator(f"#move-student option[value='{first.student_id}']").locator("xpath=..").get_attribute("label")
    )
    if current == "七年级(3)班":
        target = page.locator("#move-to option").nth(0).get_attribute("value")
    page.select_option("#move-to", target)
    page.click("#move-form button[type=submit]")
    expect(page.locator("#placement-violations")).to_contain_text("各班人数相差 2 人")
    expect(page.locator(".table-warning")).to_have_count(1)
    tab.screenshot("placement-moved")
    page.select_option("#move-student", first.student_id)
    origin = {"七年级(1)班": "1", "七年级(2)班": "2", "七年级(3)班": "3"}[current]
    page.select_option("#move-to", origin)
    page.click("#move-form button[type=submit]")
    expect(page.locator("#placement-ok")).to_be_visible()

    page.fill("#placement-draw input[name=seed]", "2026-08-20 福利彩票 03 17 25")
    page.select_option(
        "#placement-draw select[name=teachers]", [str(t.pk) for t in cast.teachers.values() if t.school == cast.junior1]
    )
    page.click("#placement-draw button[type=submit]")
    expect(page.locator("#draw-result")).to_contain_text("2026-08-20 福利彩票 03 17 25")
    page.click("[data-testid=confirm]")
    expect(page.locator(".alert-success").first).to_contain_text("已确认")
    expect(page.locator("[data-testid=run-status]")).to_have_text("已确认")
    tab.screenshot("placement-confirmed")

    classes = SchoolClass.objects.filter(school=cast.junior1, school_year=year, grade=7)
    assert classes.count() == 3 and classes.exclude(head_teacher=None).count() == 2
    assert ClassMembership.objects.filter(school_year=year).count() == 90

    page.click("[data-testid=notice]")
    expect(page.locator("#placement-notice")).to_contain_text("分班公告")
    expect(page.locator("#placement-notice")).to_contain_text(students[0].name)
    tab.screenshot("placement-notice")
