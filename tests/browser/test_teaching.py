"""On a phone-sized screen (390 × 844): a principal scores a lesson during class and submits it; the observed
teacher sees the feedback and replies; an academic director's routine inspection requires a rectification,
the teacher responds, the re-check closes the loop. No console errors (nothing breaks the CSP)."""

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD, build_cast
from zhiliang.teaching.services import form_for_school

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_an_observer_scores_a_lesson_and_the_teacher_replies(visit):
    cast = build_cast()
    teacher = cast.teachers["subject_teacher"]
    items = len(form_for_school(cast.junior1, "observation").as_rubric().items)

    tab = visit(**PHONE)
    tab.log_in("principal", PASSWORD)
    page = tab.go("/teaching/")
    page.click("[data-testid=new-observation]")
    page.select_option("select[name=teacher]", str(teacher.pk))
    page.select_option("select[name=school_class]", str(cast.classes["J01-7-1"].pk))
    page.select_option("select[name=subject]", str(cast.subjects["数学"].pk))
    page.fill("input[name=date]", "2025-10-14")
    page.fill("input[name=period]", "3")
    page.fill("input[name=topic]", "一元一次方程")
    for index in range(items):
        page.click(f"label[for='item-{index}-2']")  # 良 on every item
    page.fill("textarea[name=comment]", "小组合作充分，当堂检测及时。")
    tab.screenshot("teaching-observe-phone")
    page.click("[data-testid=submit-observation]")
    # 14 items of 5 points at 85% (4.3) + 3 of 10 (8.5) = 85.7 → 良好.
    expect(page.locator("[data-testid=score]")).to_have_text("85.7")
    expect(page.locator("[data-testid=band]")).to_have_text("良好")
    tab.screenshot("teaching-observation-phone")

    own = visit(**PHONE)
    own.log_in("subject_teacher", PASSWORD)
    page = own.go("/teaching/")
    expect(page.locator("[data-testid=of-me]")).to_contain_text("等待您回复")
    page.click("[data-testid=of-me] a")
    expect(page.locator("[data-testid=comment]")).to_have_text("小组合作充分，当堂检测及时。")
    page.fill("textarea[name=reply]", "谢谢，下节课增加分层练习。")
    page.click("#reply-form button[type=submit]")
    expect(page.locator("[data-testid=reply]")).to_have_text("谢谢，下节课增加分层练习。")
    own.screenshot("teaching-reply-phone")
    page = own.go(f"/teaching/teachers/{teacher.pk}/")
    expect(page.locator("[data-teaching-chart] canvas")).to_have_count(2)  # scores over time, by criterion
    expect(page.locator("#teacher-profile")).to_contain_text("学生学习")
    own.screenshot("teaching-teacher-summary-phone")


def test_an_inspection_loop_closes(visit):
    cast = build_cast()
    teacher = cast.teachers["subject_teacher"]

    director = visit(**PHONE)
    director.log_in("academic_director", PASSWORD)
    page = director.go("/teaching/")
    page.click("[data-testid=inspections-link]")
    page.click("[data-testid=new-inspection]")
    page.fill("input[name=title]", "十月教学常规检查")
    page.fill("input[name=held_on]", "2025-10-20")
    page.click("#inspection-form button[type=submit]")
    page.click(f"[data-testid=score-{teacher.pk}]")
    for index in range(12):
        page.click(f"label[for='item-{index}-3']")  # 中 on every item
    page.fill("textarea[name=problems]", "作业批改缺少激励性评语。")
    page.check("input[name=rectification_required]")
    page.fill("input[name=deadline]", "2025-11-01")
    director.screenshot("teaching-inspect-phone")
    page.click("#result-form button[type=submit]")
    expect(page.locator("#inspection-results")).to_contain_text("李老师")

    own = visit(**PHONE)
    own.log_in("subject_teacher", PASSWORD)
    page = own.go("/teaching/")
    page.click("[data-testid=my-open] a")
    expect(page.locator("[data-testid=problems]")).to_have_text("作业批改缺少激励性评语。")
    page.fill("textarea[name=response]", "已补写评语并完成二次批改。")
    page.click("#respond-form button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("待复查")

    page = director.go("/teaching/rectifications/")
    page.click("#rectifications a")
    page.check("input[name=accepted][value='1']")
    page.fill("input[name=note]", "复查合格")
    page.click("#recheck-form button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("已销号")
    director.screenshot("teaching-loop-closed-phone")
    page = director.go("/teaching/rectifications/")
    expect(page.locator("#rectifications")).to_contain_text("没有未销号的整改")
