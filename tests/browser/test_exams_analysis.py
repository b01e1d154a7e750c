"""A bureau analyst, a principal and teachers of the demo county each see their exam analysis in Chromium."""

import re

import pytest
from django.db.models import Q
from playwright.sync_api import expect

from zhiliang.demo.build import demo_county_build
from zhiliang.demo.logins import DEMO_PASSWORD, SCHOOL_CODE
from zhiliang.exams.models import Exam, ExamScope, ExamStatus
from zhiliang.org.models import School
from zhiliang.people.models import TeachingAssignment

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    demo_county_build(scale=0.05, layers={"exams"})
    return School.objects.get(code=SCHOOL_CODE)


def charts_drawn(page, at_least):
    """Every ECharts container on the page (at least `at_least`) has drawn its canvas."""
    charts = page.locator("[data-exam-chart]")
    expect(charts.first).to_be_visible()
    count = charts.count()
    assert count >= at_least
    for index in range(count):
        expect(charts.nth(index).locator("canvas")).to_have_count(1)


def latest(**filters):
    return Exam.objects.filter(status=ExamStatus.PUBLISHED, **filters).order_by("-held_on", "-pk").first()


def grade9_exam(school):
    """The latest exam the demo's grade-9 teachers sat their classes in (the school's own or the county's)."""
    return (
        Exam.objects.filter(status=ExamStatus.PUBLISHED, exam_subjects__grade=9)
        .filter(Q(scope=ExamScope.SCHOOL, school=school) | Q(scope=ExamScope.COUNTY))
        .order_by("-held_on", "-pk")
        .first()
    )


def test_a_bureau_analyst_compares_the_schools(visit, demo):
    exam = latest(scope=ExamScope.COUNTY, kind="unified")
    tab = visit()
    page = tab.log_in("bureau_analyst", DEMO_PASSWORD)
    page = tab.go("/exams/")
    page.get_by_role("link", name=exam.name).first.click()
    page.get_by_role("link", name="各校对比").first.click()
    expect(page.locator("h1")).to_have_text("各校对比")
    schools = page.locator('[data-table="school-summary"] tbody tr')
    expect(schools.first).to_be_visible()
    assert schools.count() >= 2
    text = page.locator("main").inner_text()
    assert "校际均衡" in text and "三率一分" in text
    charts_drawn(page, 3)
    tab.screenshot("exams-county-overview")


def test_a_principal_sees_the_classes_and_teachers_of_their_school(visit, demo):
    exam = latest(scope=ExamScope.SCHOOL, school=demo, kind="final")
    tab = visit()
    tab.log_in("principal", DEMO_PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/")
    page.get_by_role("link", name=demo.name).first.click()
    expect(page.locator("h1")).to_have_text(demo.name)
    expect(page.locator('[data-table="class-summary"] tbody tr').first).to_be_visible()
    expect(page.locator('[data-table="teachers"] tbody tr').first).to_be_visible()
    assert page.locator('[data-table="teachers"] tbody tr').count() >= 3
    charts_drawn(page, 3)
    others = School.objects.exclude(pk=demo.pk).values_list("name", flat=True)
    text = page.locator("main").inner_text()
    assert not [name for name in others if name in text]
    tab.screenshot("exams-school-principal")


def test_a_subject_teacher_sees_their_classes_and_only_their_subject(visit, demo):
    exam = grade9_exam(demo)
    tab = visit()
    tab.log_in("subject_teacher", DEMO_PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/")
    class_links = page.locator('[data-grade="9"] a[href*="/classes/"]')
    expect(class_links.first).to_be_visible()
    class_links.first.click()
    headers = page.locator('[data-table="class-students"] thead th').all_inner_texts()
    subjects = [h.split("\n")[0] for h in headers[1:]]
    class_id = int(re.search(r"/classes/(\d+)/", page.url).group(1))
    taught = set(
        TeachingAssignment.objects.filter(
            teacher__user__username="subject_teacher", school_class_id=class_id, term=exam.term
        ).values_list("subject__name", flat=True)
    ) & set(exam.exam_subjects.filter(grade=9).values_list("subject__name", flat=True))
    # Only the subjects they teach there, and no 总分 (it sums subjects they do not teach).
    assert subjects and set(subjects) == taught, (subjects, taught)
    assert "总分" not in " ".join(headers)
    expect(page.locator('[data-table="class-students"] tbody tr').first).to_be_visible()
    charts_drawn(page, 1)
    tab.screenshot("exams-class-subject-teacher")


def test_a_head_teacher_prints_slips_without_scores_or_ranks(visit, demo):
    exam = grade9_exam(demo)
    tab = visit()
    tab.log_in("head_teacher", DEMO_PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/")
    page.locator('[data-grade="9"] a[href*="/classes/"]').first.click()
    expect(page.get_by_test_id("print-slips")).to_be_visible()
    page.get_by_test_id("print-slips").click()
    slips = page.get_by_test_id("result-slip")
    expect(slips.first).to_be_visible()
    text = slips.first.inner_text()
    assert re.search(r"\b[ABCD]\b", text)
    assert "名次" not in text and not re.search(r"\b\d{2,3}(\.\d)?\b(?!%)", text.split("等级")[0])
    tab.screenshot("exams-slips")
