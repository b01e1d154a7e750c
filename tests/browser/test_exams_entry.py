"""A teacher enters scores with the keyboard, on a laptop and on a phone; a published exam is read-only."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.exams.factories import make_exam
from zhiliang.exams.models import ExamStatus, Score, ScoreStatus

pytestmark = pytest.mark.browser


def stored(exam, cast, key, subject):
    score = Score.objects.get(exam_subject__exam=exam, student=cast.students[key], exam_subject__subject__name=subject)
    return score.status, score.score


def cell(page, cast, key, subject):
    return page.locator(f"#cell-{cast.students[key].pk}-{cast.subjects[subject].pk} input")


def test_a_teacher_enters_a_column_with_the_keyboard(visit, cast):
    exam = make_exam(cast, scores={})
    tab = visit()
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/entry/{cast.classes['J01-7-1'].pk}/")
    first = cell(page, cast, "s1", "数学")
    expect(first).to_be_focused()  # the grid starts in the first cell
    page.keyboard.type("95.5")
    page.keyboard.press("Enter")
    expect(cell(page, cast, "s2", "数学")).to_be_focused()
    page.keyboard.type("缺考")
    page.keyboard.press("ArrowUp")  # leaving the cell saves it
    expect(cell(page, cast, "s1", "数学")).to_be_focused()
    for key in ("s1", "s2"):
        expect(page.locator(f"#cell-{cast.students[key].pk}-{cast.subjects['数学'].pk}.zl-saved")).to_have_count(1)
    assert stored(exam, cast, "s1", "数学") == (ScoreStatus.SCORED, Decimal("95.50"))
    assert stored(exam, cast, "s2", "数学") == (ScoreStatus.ABSENT, None)
    tab.screenshot("exams-entry-laptop")


def test_a_wrong_value_is_explained_in_the_cell(visit, cast):
    exam = make_exam(cast, scores={})
    tab = visit()
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/entry/{cast.classes['J01-7-1'].pk}/")
    page.keyboard.type("130")
    page.keyboard.press("Enter")
    target = page.locator(f"#cell-{cast.students['s1'].pk}-{cast.subjects['数学'].pk}")
    expect(target.locator(".invalid-feedback")).to_contain_text("超过满分 120")
    expect(target.locator("input")).to_have_value("130")
    assert stored(exam, cast, "s1", "数学") == (ScoreStatus.MISSING, None)
    tab.screenshot("exams-entry-error")


def test_on_a_phone_one_subject_column_at_a_time(visit, cast):
    exam = make_exam(cast, scores={})
    tab = visit(width=390, height=844)
    tab.log_in("academic_director", PASSWORD)  # the school's leadership may enter every subject
    page = tab.go(f"/exams/{exam.pk}/entry/{cast.classes['J01-7-1'].pk}/")
    visible = page.locator("thead th.zl-col:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("语文")
    page.get_by_role("link", name="英语").click()
    expect(page.locator("thead th.zl-col:visible")).to_contain_text("英语")
    page.keyboard.type("88")
    page.keyboard.press("Enter")
    expect(cell(page, cast, "s2", "英语")).to_be_focused()
    expect(page.locator(f"#cell-{cast.students['s1'].pk}-{cast.subjects['英语'].pk}.zl-saved")).to_have_count(1)
    assert stored(exam, cast, "s1", "英语") == (ScoreStatus.SCORED, Decimal("88.00"))
    tab.screenshot("exams-entry-phone")


def test_a_published_exam_is_read_only(visit, cast):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    tab = visit()
    tab.log_in("subject_teacher", PASSWORD)
    page = tab.go(f"/exams/{exam.pk}/entry/{cast.classes['J01-7-1'].pk}/")
    expect(page.get_by_test_id("locked")).to_contain_text("已发布并锁定")
    expect(cell(page, cast, "s1", "数学")).to_be_disabled()
