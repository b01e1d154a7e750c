"""The pages as a person sees them in Chromium: each role's home, the phone menu, language, search, reveal."""

import re

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.web.helpers import add_students
from zhiliang.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.browser


def figure(page, key, section=None):
    scope = f'[data-section="{section}"] ' if section else ""
    return page.locator(f'{scope}[data-stat="{key}"] .zl-stat-value').first.inner_text().strip()


# What each role's home page must show: {(section, figure): value} and texts that must (not) appear.
HOMES = {
    "bureau_admin": (
        {
            ("county", "schools"): "4",
            ("county", "students"): "50",
            ("county", "teachers"): "3",
            ("county", "over-standard"): "1",
        },
        ["李庄教学点", "第二初级中学"],
        [],
    ),
    "bureau_analyst": ({("county", "schools"): "4", ("county", "classes"): "5"}, ["第二初级中学"], []),
    "group_leader": ({("county", "schools"): "1", ("county", "students"): "3"}, ["第一初级中学"], ["第二初级中学"]),
    "principal": (
        {("school", "classes"): "2", ("school", "students"): "3", ("school", "teachers"): "2"},
        ["七年级(1)班", "王老师"],
        ["第二初级中学"],
    ),
    "academic_director": ({("school", "head-teachers"): "1"}, ["七年级(2)班"], []),
    "central_principal": ({("school", "students"): "46"}, ["城关中心小学", "李庄教学点", "超标准班额"], []),
    "grade_leader": ({}, ["第一初级中学 · 七年级", "七年级(1)班", "七年级(2)班"], ["城关中心小学"]),
    "head_teacher": ({}, ["我的班级", "张三", "李四", "我任教的班级", "语文"], ["王五"]),
    "subject_teacher": ({}, ["我任教的班级", "七年级(1)班", "七年级(2)班", "数学"], ["张三"]),
    "other_teacher": ({}, ["第二初级中学", "七年级(1)班", "语文"], ["第一初级中学"]),
    "outsider": ({}, ["还没有分配角色"], ["七年级"]),
}


@pytest.mark.parametrize("role", HOMES)
def test_each_role_sees_its_home(visit, cast, role):
    add_students(cast.classes["C01-3-1"], 45)  # 46 in a primary class: over the standard
    figures, present, absent = HOMES[role]
    tab = visit()
    page = tab.log_in(role, PASSWORD)
    assert page.url.rstrip("/") == tab.base_url
    assert page.locator('[data-testid="user-name"]').inner_text() == str(cast.user(role))
    for (section, key), value in figures.items():
        assert figure(page, key, section) == value, (role, key)
    text = page.locator("main").inner_text()
    for expected in present:
        assert expected in text, (role, expected)
    for unexpected in absent:
        assert unexpected not in text, (role, unexpected)
    tab.screenshot(f"home-{role}")


def test_the_bureau_chart_is_drawn(visit, cast):
    add_students(cast.classes["J02-7-2"], 57)
    tab = visit()
    page = tab.log_in("bureau_admin", PASSWORD)
    page.wait_for_selector('[data-chart="class-size"] canvas')
    assert page.locator('[data-chart="class-size"]').get_attribute("data-drawn") == "1"
    assert "大班额" in page.locator("main").inner_text()
    tab.screenshot("home-bureau-chart")


def test_the_menu_collapses_on_a_phone(visit, cast):
    tab = visit(width=390, height=844)
    page = tab.log_in("principal", PASSWORD)
    menu = page.locator("#main-nav")
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible()
    assert not page.locator('[data-nav="students"]').is_visible()
    tab.screenshot("phone-home")
    toggler.click()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))  # opened, and the collapse animation is over
    assert menu.locator('[data-nav="schools"]').is_visible()
    assert page.locator('[data-testid="language-switch"]').is_visible()
    tab.screenshot("phone-menu-open")
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator('[data-nav="students"]').click()
    page.wait_for_url(re.compile(r"/people/students/"))
    tab.screenshot("phone-students")


def test_switching_language_to_english_and_back(visit, cast):
    tab = visit()
    page = tab.log_in("principal", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator('[data-nav="home"]').inner_text() == "首页"
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"]').click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('[data-nav="home"]').inner_text() == "Home"
    assert "Classes this year" in page.locator("main").inner_text()
    tab.screenshot("home-english")
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"]').click()
    assert page.locator('[data-nav="home"]').inner_text() == "首页"


def test_student_search_filters_as_you_type(visit, cast):
    add_students(cast.classes["J01-7-2"], 30)
    tab = visit()
    tab.log_in("principal", PASSWORD)
    page = tab.go("/people/students/")
    assert page.locator('[data-table="students"] tbody tr').count() == 33
    page.evaluate("window.zlNoReload = true")  # survives only if the page is not reloaded
    page.locator("#id_q").press_sequentially("李四", delay=50)
    expect(page.locator('[data-table="students"] tbody tr')).to_have_count(1)
    assert "李四" in page.locator('[data-table="students"]').inner_text()
    assert page.evaluate("window.zlNoReload") is True
    page.wait_for_url(re.compile(r"q=%E6%9D%8E%E5%9B%9B"))  # the filter is in the address, to share or reload
    tab.screenshot("students-search")
    page.select_option("#id_status", "suspended")
    page.wait_for_selector("text=没有符合条件的学生。")
    assert page.evaluate("window.zlNoReload") is True
    # Switching language keeps the filters.
    page.wait_for_url(re.compile(r"status=suspended"))
    with page.expect_navigation():
        page.locator('[data-testid="language-switch"]').click()
    assert "status=suspended" in page.url and "No students match these filters." in page.content()


def test_principal_reveals_an_id_number(visit, cast):
    student = cast.students["s1"]
    tab = visit()
    tab.log_in("principal", PASSWORD)
    page = tab.go(f"/people/students/{student.pk}/")
    assert page.locator('[data-testid="id-number-masked"]').inner_text() == student.id_number_masked
    assert "110101201301010017" not in page.content()
    page.locator('[data-testid="reveal-id"]').click()
    revealed = page.locator('[data-testid="id-number-revealed"]')
    revealed.wait_for()
    assert revealed.inner_text() == "110101201301010017"
    tab.screenshot("student-id-revealed")
    event = AuditEvent.objects.get(action=AuditAction.ID_REVEAL)
    assert event.actor == cast.user("principal") and event.target_id == str(student.pk)
    page.reload()
    assert "110101201301010017" not in page.content()


def test_lockout_page_in_the_browser(visit, cast, settings):
    tab = visit()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        page = tab.go("/accounts/login/")
        page.fill("input[name=username]", "grade_leader")
        page.fill("input[name=password]", "wrong-password")
        with page.expect_navigation():
            page.click("#login-form button[type=submit]")
    assert "登录失败次数过多" in page.locator("main").inner_text()
    tab.screenshot("locked-out")
    tab.errors = [e for e in tab.errors if "429" not in e]  # the locked response itself is a 429


def test_the_user_menu_shows_roles_and_logs_out(visit, cast):
    tab = visit()
    page = tab.log_in("head_teacher", PASSWORD)
    assert "班主任" in page.locator('[data-testid="user-menu"]').inner_text()
    page.locator('[data-testid="user-menu"]').click()
    page.locator('[data-testid="logout"]').wait_for(state="visible")
    tab.screenshot("user-menu-open")
    with page.expect_navigation():
        page.locator('[data-testid="logout"]').click()
    assert page.url.endswith("/accounts/login/")


@pytest.mark.parametrize(
    ("path", "table", "action", "rows"),
    [
        ("/org/schools/", "schools", ("fill", "#id_q", "初级"), 2),
        ("/org/classes/", "class-table", ("select", "#id_grade", "3"), 1),
        ("/org/classes/", "class-table", ("select", "#id_over_standard", "1"), 1),
        ("/people/teachers/", "teachers", ("fill", "#id_q", "赵"), 1),
    ],
)
def test_every_list_filters_in_place(visit, cast, path, table, action, rows):
    add_students(cast.classes["C01-3-1"], 45)  # the one class over the standard
    tab = visit()
    tab.log_in("bureau_admin", PASSWORD)
    page = tab.go(path)
    page.evaluate("window.zlNoReload = true")
    kind, selector, value = action
    if kind == "fill":
        page.locator(selector).press_sequentially(value, delay=30)
    else:
        page.select_option(selector, value)
    locator = page.locator(f'[data-table="{table}"] tbody tr, table.zl-{table} tbody tr')
    expect(locator).to_have_count(rows)
    assert page.evaluate("window.zlNoReload") is True
