"""Fitness in a real browser: a PE teacher enters results on a phone (also without signal), leaders read the
overview with its charts, a head teacher reads a student's scoring."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.fitness.factories import matrix_records, pe_setup
from zhiliang.fitness.models import FitnessRecord

pytestmark = pytest.mark.browser

# What Chromium and htmx report while the phone has no signal: expected, not a page error.
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "htmx:sendError", "htmx:afterRequest", "Failed to load resource")


def test_a_pe_teacher_enters_an_item_on_a_phone(visit, cast) -> None:
    pe_setup(cast)
    tab = visit(width=390, height=844)
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go(f"/fitness/classes/{cast.classes['J01-7-1'].pk}/entry/")
    page.get_by_role("link", name="引体向上").click()
    first = page.locator(f"#cell-{cast.students['s1'].pk} input")
    expect(first).to_be_focused()
    page.keyboard.type("14")
    page.keyboard.press("Enter")
    expect(page.locator(f"#cell-{cast.students['s2'].pk} input")).to_be_focused()
    expect(page.locator(f"#cell-{cast.students['s1'].pk}.zl-saved")).to_have_count(1)
    record = FitnessRecord.objects.get(student=cast.students["s1"])
    assert record.pull_up == Decimal("14") and record.scores["pull_up"]["score"] == 100
    tab.screenshot("fitness-entry-phone")

    page.get_by_role("link", name="50米跑").click()
    expect(page).to_have_url(re.compile(r"run_50m"))  # the 50 m sheet, not the pull-up one still showing
    expect(first).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    error = page.locator(f"#cell-{cast.students['s1'].pk} .invalid-feedback")
    expect(error).to_contain_text("不可信")
    tab.screenshot("fitness-entry-error")


def test_values_typed_without_signal_are_saved_when_it_returns(visit, cast) -> None:
    pe_setup(cast)
    tab = visit(width=390, height=844)
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go(f"/fitness/classes/{cast.classes['J01-7-1'].pk}/entry/?field=run_50m")
    tab.context.set_offline(True)
    page.keyboard.type("8.1")
    page.keyboard.press("Enter")
    cell = page.locator(f"#cell-{cast.students['s1'].pk}")
    expect(cell).to_have_class("zl-fitness-cell zl-queued")
    expect(page.get_by_test_id("entry-status")).to_contain_text("等待网络恢复")
    assert not FitnessRecord.objects.filter(student=cast.students["s1"]).exists()
    tab.screenshot("fitness-entry-offline")
    tab.context.set_offline(False)
    expect(page.locator(f"#cell-{cast.students['s1'].pk}.zl-saved")).to_have_count(1, timeout=15000)
    expect(page.get_by_test_id("entry-status")).to_have_text("")
    assert FitnessRecord.objects.get(student=cast.students["s1"]).run_50m == Decimal("8.1")
    tab.errors[:] = [e for e in tab.errors if not any(noise in e for noise in OFFLINE_NOISE)]


def test_the_principal_reads_the_school_overview_with_charts(visit, cast) -> None:
    matrix_records(cast)
    tab = visit()
    tab.log_in("principal", PASSWORD)
    page = tab.go(f"/fitness/schools/{cast.junior1.pk}/")
    expect(page.get_by_test_id("figures")).to_contain_text("及格率")
    expect(page.locator("[data-fitness-chart] canvas")).to_have_count(3)
    expect(page.get_by_test_id("table-classes")).to_contain_text("七年级(1)班")
    expect(page.get_by_test_id("unscored-note")).to_be_visible()
    tab.screenshot("fitness-school")
    page.get_by_role("link", name="七年级(1)班").first.click()
    expect(page.get_by_test_id("table-students")).to_contain_text("张三")
    tab.screenshot("fitness-class")


def test_a_head_teacher_sees_the_table_line_behind_each_score(visit, cast) -> None:
    matrix_records(cast)
    tab = visit(width=390, height=844)
    tab.log_in("head_teacher", PASSWORD)
    page = tab.go(f"/fitness/students/{cast.students['s1'].pk}/")
    lines = page.get_by_test_id("score-lines").first
    expect(lines).to_contain_text("≤ 7.8 s → 100")
    expect(page.get_by_test_id("band").first).to_have_text("优秀")
    expect(page.get_by_test_id("record").first).to_contain_text("七年级(1)班")
    tab.screenshot("fitness-student-phone")
