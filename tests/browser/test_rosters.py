"""A roster import as an academic director does it in Chromium: templates page, upload, preview, confirm,
a file with problems, promotion; no console errors (so nothing breaks the content security policy)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD, build_cast
from tests.rosters.files import STUDENT_HEADER, xlsx
from zhiliang.org.models import SchoolYear
from zhiliang.people.models import Student

pytestmark = pytest.mark.browser


def test_a_roster_import_from_upload_to_done(visit, tmp_path):
    cast = build_cast()
    good = tmp_path / "七年级名册.xlsx"
    good.write_bytes(
        xlsx(
            [
                STUDENT_HEADER,
                ["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"],
                ["G002", "陈二", "女", "2013-06-02", "", "第一初级中学", "七年级", "2"],
            ],
            title="第一初级中学2025年秋季七年级学生名册",
            merge="A1:H1",
        )
    )
    bad = tmp_path / "有错误的名册.xlsx"
    bad.write_bytes(
        xlsx(
            [
                STUDENT_HEADER,
                ["G003", "陈三", "男", "2013-02-30", "", "第一初级中学", "七年级", "1"],
                ["G004", "陈四", "男", "2013-05-01", "", "第二初级中学", "七年级", "1"],
            ]
        )
    )
    tab = visit()
    tab.log_in("academic_director", PASSWORD)
    page = tab.go("/rosters/")
    expect(page.locator("#roster-imports")).to_contain_text("学生名册")
    tab.screenshot("rosters-index")

    page.locator("#roster-imports tr", has_text="学生名册").locator("a", has_text="上传导入").click()
    expect(page.locator("h1")).to_contain_text("导入学生名册")
    page.set_input_files("input[name=file]", str(good))
    page.click("main form button[type=submit]")
    expect(page.locator("#import-summary")).to_contain_text("新增")
    expect(page.locator("#import-sample")).to_contain_text("陈二")
    tab.screenshot("import-preview")
    page.click("text=确认导入")
    expect(page.locator("#job-status")).to_have_text("已导入")
    assert Student.objects.filter(student_number__in=["G001", "G002"]).count() == 2
    tab.screenshot("import-done")

    page = tab.go("/imports/students/upload/")
    page.set_input_files("input[name=file]", str(bad))
    page.click("main form button[type=submit]")
    problems = page.locator("#import-problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("“2013-02-30”不是有效日期")
    expect(problems.nth(1)).to_contain_text("与上传时选择的学校“第一初级中学”不一致")
    expect(page.locator("text=确认导入")).to_have_count(0)
    tab.screenshot("import-problems")

    SchoolYear.objects.create(
        county=cast.county, start_year=2026, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 7, 31)
    )
    page = tab.go(f"/rosters/schools/{cast.junior1.pk}/promotion/")
    expect(page.locator("#promotion-plan")).to_contain_text("八年级(1)班")
    tab.screenshot("promotion-preview")
    page.click("text=确认升级")
    expect(page.locator(".alert-success").first).to_contain_text("升级完成")
