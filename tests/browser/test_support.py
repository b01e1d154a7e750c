"""A head teacher keeps the struggling-student archive on a phone (390×844): confirms the student the rules found
after two exams, writes the plan, logs a home visit, and after the next exam sees the outcome; no console errors."""

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD, build_cast
from tests.support.factories import STRUGGLING, published_exam, two_exams

pytestmark = pytest.mark.browser


def test_a_head_teacher_supports_a_student_on_a_phone(visit):
    cast = build_cast()
    two_exams(cast)

    tab = visit(width=390, height=844)
    tab.log_in("head_teacher", PASSWORD)
    page = tab.go("/support/")
    page.click("#support-classes a")
    candidate = page.locator("[data-testid=candidate]")
    expect(candidate).to_contain_text("李四")
    expect(candidate).to_contain_text("语文、数学")  # the evidence: under the low-score line in both
    tab.screenshot("support-phone-candidates")
    candidate.locator("[data-testid=confirm]").click()

    expect(page.locator("h1")).to_have_text("李四")
    page.check("#cause-foundation")
    page.check("#cause-habits")
    page.fill("#id_goals", "期末数学达到及格线；每天订正作业")
    page.select_option("#id_mentor", label="李老师")
    page.click("[data-testid=plan-form] button")
    expect(page.locator("[data-testid=mentor]")).to_have_text("李老师")

    page.click("label[for=kind-home_visit]")
    page.fill("#id_minutes", "45")
    page.fill("#id_notes", "家访：与家长约定每晚检查作业")
    page.click("[data-testid=log-form] button")
    expect(page.locator("#interventions")).to_contain_text("家访：与家长约定每晚检查作业")
    expect(page.locator("#interventions")).to_contain_text("45")
    expect(page.locator("[data-testid=review]")).to_have_count(0)
    tab.screenshot("support-phone-case")

    # The next exam is published: 李四 90 + 90 + 60, no main subject under the line any more.
    published_exam(cast, "十一月统考", 58, {**STRUGGLING, "s2": {"语文": 90, "数学": 90, "英语": 60}})
    page.reload()
    review = page.locator("[data-testid=review]")
    expect(review).to_have_count(1)
    expect(review).to_contain_text("十一月统考")
    expect(review).to_contain_text("进步")
    expect(page.locator("[data-exam-chart=lines] canvas")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    tab.screenshot("support-phone-outcome")
