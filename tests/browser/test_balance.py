"""Balanced development in Chromium: the bureau's county table with charts and trend, a principal's school page
with the what-if (htmx) and the self-evaluation report, a teacher turned away; no console errors (CSP)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.balance.factories import fill
from tests.cast import PASSWORD, build_cast
from zhiliang.org.models import SchoolYear

pytestmark = pytest.mark.browser


def test_county_table_school_page_and_what_if(visit):
    cast = build_cast()
    last_year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    fill(cast, last_year)
    fill(cast)

    tab = visit(width=1400, height=1000)
    tab.log_in("bureau_admin", PASSWORD)
    page = tab.go("/")
    page.click("[data-nav-section=school]")  # the menu section that holds it
    page.click("[data-nav=balance]")
    expect(page.locator("h1")).to_have_text("义务教育优质均衡发展")
    expect(page.locator("[data-testid=county-table]").last).to_contain_text("第一初级中学")
    expect(page.locator("[data-testid=cv-table]").last).to_contain_text("0.091")
    expect(page.locator("[data-balance-charts] canvas").first).to_be_visible()
    expect(page.locator("[data-balance-trend] canvas").first).to_be_visible()
    tab.screenshot("balance-county")

    principal = visit(width=1280, height=1000)
    principal.log_in("principal", PASSWORD)
    page = principal.go("/balance/")
    page.click("[data-testid=county-table] a:has-text('第一初级中学')")
    expect(page.locator("[data-testid=school-verdict]")).to_have_text("未达标")
    expect(page.locator("[data-testid=indicator-table]")).to_contain_text("还需体育运动场馆 1,100 平方米")
    page.fill("input[name=teaching_area]", "2900")
    page.fill("input[name=sports_area]", "5100")
    page.fill("input[name=equipment_value]", "1250000")
    page.click("[data-testid=what-if-run]")
    result = page.locator("[data-testid=what-if-result]")
    expect(result).to_contain_text("未达标 (4/7) → 达标 (7/7)")
    expect(result).to_contain_text("0.017")
    principal.screenshot("balance-what-if")
    with page.expect_download() as download:
        page.click("[data-testid=report-docx]")
    assert download.value.suggested_filename.endswith(".docx")

    teacher = visit()
    teacher.log_in("subject_teacher", PASSWORD)
    page = teacher.go("/")
    expect(page.locator("[data-nav=exams]")).to_have_count(0)  # a teacher's home, without the leaders' entries
    expect(page.locator("[data-nav=balance]")).to_have_count(0)  # the pages answer 404 (permission matrix)
