"""The demo county's teaching layer: deterministic, the loop in every state, versions in use, alerts present,
and the demo logins see their own records."""

import datetime
import hashlib

import pytest
from django.db import transaction
from django.urls import reverse

from zhiliang.accounts.models import User
from zhiliang.demo import build
from zhiliang.demo.build import demo_county_build
from zhiliang.teaching.models import HomeworkEntry, InspectionResult, Observation

pytestmark = pytest.mark.django_db
SCALE = 0.05


@pytest.fixture(autouse=True)
def teaching_layer_only(monkeypatch):
    """The teaching layer needs only the foundation; the other layers would only slow these tests down."""
    monkeypatch.setattr(build, "DEMO_LAYERS", ("zhiliang.demo.teaching",))


def _checksum() -> str:
    parts = sorted(Observation.objects.values_list("teacher__staff_number", "date", "score", "observer_name"))
    parts += sorted(map(str, InspectionResult.objects.values_list("teacher__staff_number", "score", "deadline")))
    parts += sorted(HomeworkEntry.objects.values_list("school_class__name", "subject__name", "date", "minutes"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def test_demo_is_deterministic():
    results = []
    for _build in range(2):
        with transaction.atomic():
            demo_county_build(scale=SCALE, layers={"teaching"})
            results.append(_checksum())
            transaction.set_rollback(True)
    assert results[0] == results[1]


def test_demo_holds_meaningful_routines(client):
    report = demo_county_build(scale=SCALE, layers={"teaching"})
    assert "teaching" in report.layers_added
    observations = Observation.objects.filter(submitted_at__isnull=False)
    share = observations.filter(meets_standard=True).count() / observations.count()
    assert 0.6 < share < 0.97  # most lessons meet the standard, not all
    assert set(Observation.objects.values_list("rubric_version__number", flat=True)) == {1, 2}
    today = datetime.date.today()
    states = {result.state(today) for result in InspectionResult.objects.filter(rectification_required=True)}
    assert {"closed", "responded", "overdue"} <= states
    assert any(len(r.history) >= 5 for r in InspectionResult.objects.filter(closed_at__isnull=False))  # reopened once

    client.force_login(User.objects.get(username="subject_teacher"))
    home = client.get(reverse("teaching:index"))
    assert home.context["of_me"] and home.context["my_open"]
    client.force_login(User.objects.get(username="head_teacher"))
    load = client.get(reverse("teaching:homework_load"))
    assert load.context["alerts"]
    client.force_login(User.objects.get(username="principal"))
    school = home.context["of_me"][0].school
    page = client.get(reverse("teaching:school_detail", args=[school.pk]))
    assert page.context["summary"].overall.count > 20
    assert any(row.required and row.done for row in page.context["quotas"])
    client.force_login(User.objects.get(username="bureau_analyst"))
    county = client.get(reverse("teaching:county"))
    assert county.context["term"].number == 2  # the spring term, the last that started
    assert sum(row["stats"].count for row in county.context["rows"]) == observations.filter(term__number=2).count()


def test_reset_deletes_the_teaching_records():
    from zhiliang.demo.build import demo_county_delete
    from zhiliang.org.models import County
    from zhiliang.teaching.models import Rubric

    demo_county_build(scale=SCALE, layers={"teaching"})
    demo_county_delete(County.objects.get(name="清河县"))
    assert not Observation.objects.exists() and not HomeworkEntry.objects.exists() and not Rubric.objects.exists()
