"""Rendered pages obey the Content Security Policy: no inline script, no style attribute, no event handler.

Also: in Chinese (the default) no English UI text is left untranslated.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.web.helpers import add_students

pytestmark = pytest.mark.django_db


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script: str | None = None
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name.startswith("hx-on"):
                self.problems.append(f"{name} on <{tag}> (evaluated JavaScript)")
        if tag == "style":
            self.problems.append("<style> element")
        # json_script data is inert and allowed; any other script must come from a file.
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self.in_script = "inline"
        if tag in ("script", "style"):
            self.skip += 1
        for name in ("title", "aria-label", "placeholder"):
            if attributes.get(name):
                self.texts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag == "script":
            if self.in_script == "inline":
                self.problems.append("inline <script>")
            self.in_script = None
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(data)


def scan(html: str) -> _Scanner:
    scanner = _Scanner()
    scanner.feed(html)
    return scanner


def page_urls(cast):
    return [
        reverse("web:home"),
        reverse("org:school_list"),
        reverse("org:school_detail", args=[cast.central.pk]),
        reverse("org:school_detail", args=[cast.junior1.pk]),
        reverse("org:class_list"),
        reverse("org:class_detail", args=[cast.classes["J01-7-1"].pk]),
        reverse("people:student_list"),
        reverse("people:student_detail", args=[cast.students["s1"].pk]),
        reverse("people:teacher_list"),
        reverse("people:teacher_detail", args=[cast.teachers["head_teacher"].pk]),
        reverse("accounts:password_change"),
    ]


# English words that may stand in a Chinese page: the language switch, the product's name, brand-like codes.
ALLOWED_LATIN = {"English", "Zhiliang"}


def latin_words(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        words |= set(re.findall(r"\b[A-Za-z][A-Za-z']{2,}\b", text))
    return words - ALLOWED_LATIN


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "central_principal", "head_teacher", "subject_teacher"])
def test_pages_have_no_inline_script_or_style(client, cast, role):
    add_students(cast.classes["C01-3-1"], 50)  # an over-standard class: the badges render too
    client.force_login(cast.user(role))
    for url in page_urls(cast):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        problems = scan(response.content.decode()).problems
        assert not problems, f"{url} as {role}: {problems}"


def test_fragments_and_reveal_have_no_inline_script_or_style(client, cast):
    client.force_login(cast.user("principal"))
    for name, target in [
        ("org:school_list", "school-results"),
        ("org:class_list", "class-results"),
        ("people:student_list", "student-results"),
        ("people:teacher_list", "teacher-results"),
    ]:
        response = client.get(reverse(name), HTTP_HX_REQUEST="true", HTTP_HX_TARGET=target)
        assert not scan(response.content.decode()).problems, name
    response = client.post(reverse("people:student_reveal_id", args=[cast.students["s1"].pk]), HTTP_HX_REQUEST="true")
    assert not scan(response.content.decode()).problems


def test_the_login_page_has_no_inline_script_or_style_and_is_chinese(client, cast):
    response = client.get(reverse("accounts:login"))
    scanner = scan(response.content.decode())
    assert not scanner.problems
    assert not latin_words(scanner.texts)


def test_the_lockout_page_has_no_inline_script_or_style(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(reverse("accounts:login"), {"username": "principal", "password": "wrong"})
    assert response.status_code == 429
    assert not scan(response.content.decode()).problems


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "central_principal", "head_teacher", "outsider"])
def test_chinese_pages_leave_no_english_untranslated(client, cast, role):
    add_students(cast.classes["C01-3-1"], 50)
    client.force_login(cast.user(role))
    for url in page_urls(cast):
        response = client.get(url)
        if response.status_code != 200:
            continue
        leftovers = latin_words(scan(response.content.decode()).texts)
        assert not leftovers, f"{url} as {role}: {sorted(leftovers)}"


def test_english_pages_are_english(client, cast):
    client.force_login(cast.user("principal"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:home")).content.decode()
    for text in ("Classes this year", "Head teachers", "Students by status", "Enrolled", "Junior middle"):
        assert text in html, text


def test_not_found_uses_the_layout_and_says_why(client, cast):
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("org:class_detail", args=[cast.classes["J02-7-1"].pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "无权查看" in html and 'data-nav="home"' in html
    assert not scan(html).problems


def test_csrf_failure_page(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "principal", "password": "x"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "服务器出错" in html
    assert not scan(html).problems
