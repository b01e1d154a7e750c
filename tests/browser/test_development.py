"""Teacher development on a phone (390 × 844) in Chromium: a teacher records a training course with its
certificate and finds it in their growth archive; the principal confirms it and sees who is eligible for review;
no console errors (so nothing breaks the content security policy)."""

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD, build_cast
from tests.development import factories
from zhiliang.development.models import Confirmation, LadderCriteria

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_teacher_records_training_and_principal_sees_the_eligible_list(visit, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    cast = build_cast()
    # 李老师 needs 48 confirmed hours and one county award for 骨干教师 under 第一初级中学's criteria.
    LadderCriteria.objects.create(
        county=cast.county,
        school=cast.junior1,
        version=1,
        rules={"backbone": {"training_hours": 48, "awards_county": 1}},
    )
    factories.achievement(cast, status=Confirmation.CONFIRMED)
    certificate = tmp_path / "结业证书.pdf"
    certificate.write_bytes(b"%PDF-1.4\n%%EOF\n")

    teacher = visit(**PHONE)
    teacher.log_in("subject_teacher", PASSWORD)
    page = teacher.go("/")
    page.click(".navbar-toggler")
    page.click("[data-nav-section=teachers]")  # the menu section that holds it
    page.click("[data-nav=development]")
    expect(page.locator("h1")).to_have_text("教师发展")
    page.click("[data-testid=index-record-training]")
    page.fill("input[name=course]", "县级作业设计专题培训")
    page.fill("input[name=provider]", "县教师发展中心")
    page.select_option("select[name=level]", "county")
    page.fill("input[name=started_on]", "2025-10-18")
    page.fill("input[name=ended_on]", "2025-10-20")
    page.fill("input[name=hours]", "48")
    page.set_input_files("input[name=evidence]", str(certificate))
    teacher.screenshot("development-phone-training-form")
    page.click("[data-testid=save]")

    expect(page.locator("[data-testid=archive-title]")).to_contain_text("李老师")
    records = page.locator("[data-testid=training-records]")
    expect(records).to_contain_text("县级作业设计专题培训")
    expect(records).to_contain_text("待确认")
    expect(records.locator("a")).to_contain_text("结业证书.pdf")
    expect(page.locator("[data-testid=training-hours]")).to_contain_text("已确认 0 学时")
    teacher.screenshot("development-phone-archive")

    principal = visit(**PHONE)
    principal.log_in("principal", PASSWORD)
    page = principal.go("/development/training/?status=pending")
    expect(page.locator("[data-testid=records-table]")).to_contain_text("县级作业设计专题培训")
    page.click("[data-testid=confirm]")
    expect(page.locator(".alert-success")).to_contain_text("已保存")
    page = principal.go("/development/")
    page.click("[data-testid=ladder-link]")
    table = page.locator("[data-testid=ladder-table]")
    expect(table).to_contain_text("李老师")
    expect(table.locator("tr", has_text="李老师")).to_contain_text("符合")
    expect(table.locator("tr", has_text="王老师")).not_to_contain_text("符合")
    principal.screenshot("development-phone-eligible")
