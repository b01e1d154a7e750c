"""Item analysis in Chromium on the demo county: the bureau analyst reads a county paper (table, scatter,
option bars, heat map, export); the head teacher sees only their class and a pupil's lost points (also on a
phone); a subject teacher sees only the papers of the subjects they teach."""

import pytest
from playwright.sync_api import expect

from zhiliang.demo.build import demo_county_build
from zhiliang.demo.logins import DEMO_PASSWORD
from zhiliang.exams.models import Exam, ExamScope, ExamStatus
from zhiliang.items.models import ItemResponse, Paper

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    demo_county_build(scale=0.05, layers={"exams", "items"})


def latest_county_exam():
    return (
        Exam.objects.filter(status=ExamStatus.PUBLISHED, scope=ExamScope.COUNTY, exam_subjects__paper__isnull=False)
        .order_by("-held_on", "-pk")
        .first()
    )


def charts_drawn(page, selector, at_least=1):
    charts = page.locator(selector)
    expect(charts.first).to_be_visible()
    assert charts.count() >= at_least
    for index in range(charts.count()):
        expect(charts.nth(index).locator("canvas")).to_have_count(1)


def test_a_bureau_analyst_reads_a_county_paper(visit, demo):
    exam = latest_county_exam()
    tab = visit()
    tab.log_in("bureau_analyst", DEMO_PASSWORD)
    page = tab.go("/items/")
    expect(page.locator("h1")).to_have_text("小题分析")
    page.get_by_role("link", name="九年级 数学").first.click()
    expect(page.locator("h1")).to_contain_text(exam.name)
    rows = page.locator('[data-table="items"] tbody tr')
    assert rows.count() == 25
    text = page.locator("main").inner_text()
    assert "克隆巴赫 α 系数" in text and "过易" in text
    charts_drawn(page, '[data-items-chart="scatter"]')
    charts_drawn(page, '[data-items-chart="options"]', at_least=10)
    tab.screenshot("items-paper-bureau")
    with page.expect_download() as download:
        page.get_by_test_id("export-items").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("link", name="知识点").first.click()
    charts_drawn(page, '[data-items-chart="heat"]')
    assert page.locator('[data-table="knowledge"] tbody tr').count() >= 3
    tab.screenshot("items-knowledge-bureau")


def test_a_head_teacher_sees_their_class_and_a_pupils_lost_points(visit, demo):
    exam = latest_county_exam()
    tab = visit()
    tab.log_in("head_teacher", DEMO_PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/")
    page.get_by_test_id("item-analysis-links").get_by_role("link", name="九年级 数学").click()
    page.get_by_role("link", name="知识点").first.click()
    classes = page.locator('[data-table="knowledge"] tbody tr')
    expect(classes).to_have_count(2)  # the grade row and their own class
    classes.nth(1).get_by_role("link").click()
    expect(page.locator("h2").first).to_contain_text("九年级(1)班")
    page.locator('[data-table="class-lost"] tbody tr').first.get_by_role("link").click()
    expect(page.locator('[data-table="student-kp"] tbody tr').first).to_be_visible()
    student_url = page.url
    tab.screenshot("items-student-head-teacher")

    phone = visit(width=390, height=844)
    phone.log_in("head_teacher", DEMO_PASSWORD)
    small = phone.go(student_url.removeprefix(tab.base_url))
    expect(small.locator('[data-table="student-items"]')).to_be_visible()
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways on a phone ({width}px)"
    phone.screenshot("items-student-phone")


def test_a_subject_teacher_sees_only_the_subjects_they_teach(visit, demo):
    from zhiliang.people.models import TeachingAssignment

    taught = set(
        TeachingAssignment.objects.filter(teacher__user__username="subject_teacher", school_class__grade=9).values_list(
            "subject__name", flat=True
        )
    )
    with_papers = set(Paper.objects.values_list("exam_subject__subject__name", flat=True))
    assert taught & with_papers, "the demo's subject teacher teaches a grade 9 subject with a paper"
    tab = visit()
    tab.log_in("subject_teacher", DEMO_PASSWORD)
    page = tab.go("/items/")
    links = page.get_by_test_id("papers").get_by_role("link")
    expect(links.first).to_be_visible()
    assert set(links.all_inner_texts()) == {f"九年级 {name}" for name in taught & with_papers}
    other = Paper.objects.exclude(exam_subject__subject__name__in=taught).first()
    response = page.request.get(f"{tab.base_url}/items/{other.exam_subject.exam_id}/papers/{other.exam_subject_id}/")
    assert response.status == 404
    assert ItemResponse.objects.exists()
