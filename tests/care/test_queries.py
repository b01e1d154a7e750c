"""List pages and the export cost a fixed number of queries however many pupils they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.helpers import add_students
from zhiliang.care.models import AbsenceSpell, SpecialGroupProfile
from zhiliang.people.models import Student

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["care:watch_list", "care:special_list", "care:class_export", "care:class_summary", "care:county_overview"]
)
def test_queries_do_not_grow_with_the_pupils(cast, client, name):
    klass = cast.classes["J01-7-1"]
    url = reverse(name, args=[klass.pk]) if name.startswith("care:class") else reverse(name)
    role = "bureau_admin" if name == "care:county_overview" else "principal"
    client.force_login(cast.user(role))

    def grow(n, prefix):
        add_students(klass, n, prefix=prefix)
        for student in Student.objects.filter(school=cast.junior1):
            AbsenceSpell.objects.get_or_create(student=student, start=datetime.date(2025, 11, 3), school_days=5)
            SpecialGroupProfile.objects.get_or_create(student=student, defaults={"hardship": True})

    grow(2, "A")
    small = _count(client, url)
    grow(20, "B")
    assert _count(client, url) == small
