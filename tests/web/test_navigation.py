"""The menu follows the roles (zhiliang/web/navigation.py); every link it offers opens for that user."""

import pytest
from django.urls import reverse

from zhiliang.web.navigation import NAV_ENTRIES, SECTIONS, nav_for

pytestmark = pytest.mark.django_db

LEADERSHIP = ["home", "schools", "classes", "students", "teachers", "exams"]
CAPABILITIES = ["items", "growth", "support", "care", "fitness", "teaching", "development", "balance"]
MANAGERS = [*LEADERSHIP, *CAPABILITIES, "rosters", "imports", "placement"]  # they import into and place classes
TEACHING = ["home", "my_classes", "students", "score_entry", "items", "growth", "support", "care"]


@pytest.mark.parametrize(
    ("role", "keys"),
    [
        ("bureau_admin", [*MANAGERS, "users", "audit"]),
        ("bureau_analyst", [*LEADERSHIP, *CAPABILITIES, "rosters"]),
        ("group_leader", [*LEADERSHIP, *CAPABILITIES, "rosters"]),
        ("principal", MANAGERS),
        ("academic_director", MANAGERS),
        ("central_principal", MANAGERS),
        # Not a teacher in the cast: no teacher development archive of their own.
        ("grade_leader", ["home", "classes", "students", "teachers", "exams", *CAPABILITIES[:6]]),
        ("head_teacher", [*TEACHING, "fitness", "teaching", "development"]),  # heads a class: its fitness results
        ("subject_teacher", [*TEACHING, "teaching", "development"]),
        ("other_teacher", [*TEACHING, "teaching", "development"]),
        ("outsider", ["home"]),
    ],
)
def test_menu_by_role(cast, client, role, keys):
    user = cast.user(role)
    items = nav_for(user)
    assert [item["key"] for item in items] == keys
    client.force_login(user)
    for item in items:
        assert client.get(item["url"]).status_code == 200, item


def test_every_entry_names_a_url(cast):
    for entry in NAV_ENTRIES:
        assert reverse(entry.url_name)


def test_entries_are_listed_bar_first_then_section_by_section():
    order = ["", *SECTIONS]
    positions = [order.index(entry.section) for entry in NAV_ENTRIES]  # ValueError for an unknown section
    assert positions == sorted(positions)


def test_sections_open_as_menus_and_mark_the_current_page(cast, client):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("placement:index")).content.decode()
    assert 'data-nav-section="school"' in html and 'data-nav-section="admin"' not in html
    assert 'class="dropdown-item active" href="/placement/" data-nav="placement" aria-current="page"' in html
    assert 'class="nav-link dropdown-toggle active"' in html  # the section holding the current page
    client.force_login(cast.user("outsider"))
    assert "data-nav-section" not in client.get(reverse("web:home")).content.decode()  # no empty menus


def test_menu_marks_the_current_page_and_shows_roles(cast, client):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("org:class_list")).content.decode()
    assert 'data-nav="classes" aria-current="page"' in html
    assert 'data-nav="home" aria-current' not in html
    assert "校长（第一初级中学）" in html
    assert "一中校长" in html


def test_derived_teaching_roles_are_shown(cast, client):
    client.force_login(cast.user("head_teacher"))
    html = client.get(reverse("web:home")).content.decode()
    assert "班主任" in html and "任课教师" in html
