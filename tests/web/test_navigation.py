"""The menu follows the roles (zhiliang/web/navigation.py); every link it offers opens for that user."""

import pytest
from django.urls import reverse

from zhiliang.web.navigation import NAV_ENTRIES, nav_for

pytestmark = pytest.mark.django_db

LEADERSHIP = ["home", "schools", "classes", "students", "teachers", "exams", "rosters"]
MANAGERS = [*LEADERSHIP, "imports", "placement"]  # they may import into and place classes of their schools
TEACHING = ["home", "my_classes", "students", "score_entry"]


@pytest.mark.parametrize(
    ("role", "keys"),
    [
        ("bureau_admin", [*MANAGERS, "users", "audit"]),
        ("bureau_analyst", LEADERSHIP),
        ("group_leader", LEADERSHIP),
        ("principal", MANAGERS),
        ("academic_director", MANAGERS),
        ("central_principal", MANAGERS),
        ("grade_leader", ["home", "classes", "students", "teachers", "exams"]),
        ("head_teacher", TEACHING),
        ("subject_teacher", TEACHING),
        ("other_teacher", TEACHING),
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
