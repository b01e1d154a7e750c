"""The bureau, a principal and a head teacher of the demo county see growth and value-added in Chromium."""

import pytest
from playwright.sync_api import expect

from zhiliang.demo.build import demo_county_build
from zhiliang.demo.logins import DEMO_PASSWORD, SCHOOL_CODE
from zhiliang.exams.models import Exam, ExamStatus
from zhiliang.org.models import School, SchoolClass
from zhiliang.people.models import Teacher, TeachingAssignment

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    demo_county_build(scale=0.05, layers={"exams"})
    return School.objects.get(code=SCHOOL_CODE)


def charts_drawn(page, at_least):
    charts = page.locator("[data-growth-chart]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= at_least
    for index in range(charts.count()):
        expect(charts.nth(index).locator("canvas")).to_have_count(1)


def mock_exam():
    return Exam.objects.filter(status=ExamStatus.PUBLISHED, kind="mock").order_by("-held_on").first()


def test_the_bureau_compares_schools_by_value_added(visit, demo):
    exam = mock_exam()
    tab = visit()
    tab.log_in("bureau_analyst", DEMO_PASSWORD)
    page = tab.go("/growth/")
    expect(page.locator("h1")).to_have_text("成长与增值评价")
    row = page.locator('[data-table="pairs"] tbody tr', has_text=exam.name).first
    row.get_by_role("link", name="学校").click()
    expect(page.locator('[data-testid="pair"]')).to_contain_text(exam.name)
    rows = page.locator('[data-table="value-added"] tbody tr')
    expect(rows.first).to_be_visible()
    assert rows.count() >= 2
    assert "符合预期" in page.locator('[data-table="value-added"]').inner_text() or rows.locator(".zl-va-above").count()
    charts_drawn(page, 2)
    tab.screenshot("growth-value-added-schools")
    page.get_by_role("link", name="怎样看").click()
    expect(page.locator('[data-testid="explain"] h1')).to_have_text("怎样看增值评价")
    assert "为什么小班的结果被拉向中间" in page.locator("main").inner_text()


def test_a_principal_sees_class_value_added_and_a_students_growth(visit, demo):
    exam = mock_exam()
    tab = visit()
    tab.log_in("principal", DEMO_PASSWORD)
    page = tab.go(f"/growth/exams/{exam.pk}/grade/9/?level=class&subject=数学")
    rows = page.locator('[data-table="value-added"] tbody tr')
    expect(rows.first).to_be_visible()
    others = School.objects.exclude(pk=demo.pk).values_list("name", flat=True)
    text = page.locator('[data-table="value-added"]').inner_text()
    assert demo.name in text and not [name for name in others if name in text]
    charts_drawn(page, 2)
    tab.screenshot("growth-value-added-classes-principal")

    school_class = SchoolClass.objects.filter(school=demo, grade=9, school_year__is_current=True).order_by("number")[0]
    page = tab.go(f"/growth/classes/{school_class.pk}/")
    charts_drawn(page, 1)
    expect(page.locator('[data-table="unit-growth"] tbody tr').first).to_be_visible()
    page.locator('[data-list="students"] a').first.click()
    expect(page.locator("h1")).to_contain_text("成长记录")
    charts_drawn(page, 2)
    assert page.locator('[data-table="growth-record"] tbody tr').count() >= 4
    tab.screenshot("growth-student-principal")


def test_a_head_teacher_sees_only_their_own_teacher_row(visit, demo):
    exam = mock_exam()
    teacher = Teacher.objects.get(user__username="head_teacher")
    taught = (
        TeachingAssignment.objects.filter(teacher=teacher, term=exam.term, school_class__grade=9)
        .values_list("subject__name", flat=True)
        .first()
    )
    assert taught, "the demo's head teacher teaches a grade-9 class"
    tab = visit()
    tab.log_in("head_teacher", DEMO_PASSWORD)
    page = tab.go(f"/growth/exams/{exam.pk}/grade/9/?level=teacher&subject={taught}")
    rows = page.locator('[data-table="value-added"] tbody tr')
    expect(rows.first).to_be_visible()
    assert rows.count() == 1 and teacher.name in rows.first.inner_text()
    charts_drawn(page, 2)
    tab.screenshot("growth-value-added-teacher-head-teacher")
