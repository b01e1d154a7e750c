"""Student care in Chromium: a head teacher records observations on a phone, an unauthorised teacher cannot see
special-group details, and the parent growth report renders as PDF; no console errors (CSP)."""

import pytest
from playwright.sync_api import expect

from tests.care.factories import profile
from tests.cast import PASSWORD, build_cast
from zhiliang.care.models import Observation

pytestmark = pytest.mark.browser


def test_a_head_teacher_records_observations_on_a_phone(visit):
    cast = build_cast()
    tab = visit(width=390, height=844)
    tab.log_in("head_teacher", PASSWORD)
    page = tab.go("/")
    page.click(".navbar-toggler")
    page.click("[data-nav-section=students]")  # the menu section that holds it
    page.click("[data-nav=care]")
    expect(page.locator("h1")).to_have_text("学生关爱")
    page.locator("[data-testid=observe-classes] a").first.click()
    card = page.locator("form.care-card[data-student=张三]")
    expect(card).to_be_visible()
    card.locator("label", has_text="劳").click()
    card.locator("[data-testid=plus]").click()
    expect(card.locator("[data-testid=tally]")).to_contain_text("+1")
    card.locator("label", has_text="德").click()
    card.locator("summary").click()
    card.locator("input[name=note]").fill("上课讲话")
    card.locator("[data-testid=minus]").click()
    expect(card.locator("[data-testid=tally]")).to_contain_text("−1")
    tab.screenshot("care-observe-phone")
    rows = list(Observation.objects.order_by("id").values_list("domain", "positive", "note"))
    assert rows == [("labour", True, ""), ("moral", False, "上课讲话")]
    # The page fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(tab.base_url + f"/care/classes/{cast.classes['J01-7-1'].pk}/summary/")
    expect(page.locator("[data-table=class-periods]")).to_contain_text("1 / 2")
    tab.screenshot("care-summary-phone")


def test_an_unauthorised_teacher_cannot_see_special_groups(visit):
    cast = build_cast()
    profile(cast)
    tab = visit()
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go("/care/")
    expect(page.locator("[data-testid=special-link]")).to_have_count(0)
    response = page.goto(tab.base_url + f"/care/special/{cast.students['s1'].pk}/")
    assert response.status == 404
    assert "广东东莞" not in page.content()
    tab.errors.clear()  # the 404 itself is logged by Chromium as a failed resource load

    other = visit()
    other.log_in("principal", PASSWORD)
    page = other.go(f"/care/special/{cast.students['s1'].pk}/")
    expect(page.locator("#id_parents_whereabouts")).to_have_value("广东东莞")
    other.screenshot("care-special-detail")


def test_the_parent_report_renders_as_pdf(visit):
    cast = build_cast()
    tab = visit()
    tab.log_in("head_teacher", PASSWORD)
    page = tab.go(f"/care/students/{cast.students['s1'].pk}/growth/")
    expect(page.locator("[data-testid=fitness]")).to_have_text("暂无体质健康数据")
    page.fill("textarea[name=comment]", "学习主动，乐于助人。")
    page.click("form button.btn-primary")
    expect(page.locator("textarea[name=comment]")).to_have_value("学习主动，乐于助人。")
    tab.screenshot("care-term-evaluation")
    href = page.locator("[data-testid=report-pdf]").get_attribute("href")
    response = tab.context.request.get(tab.base_url + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
