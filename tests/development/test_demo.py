"""The demo county's teacher-development layer: realistic, deterministic, and visible to the demo logins."""

import hashlib

import pytest
from django.db import transaction
from django.urls import reverse

from zhiliang.demo.build import demo_county_build, demo_county_counts
from zhiliang.demo.county import COUNTY_NAME
from zhiliang.development.models import (
    Confirmation,
    GroupActivity,
    MentoringPair,
    SubjectGroup,
    TrainingRecord,
)
from zhiliang.org.models import County

pytestmark = pytest.mark.django_db(transaction=False)
SCALE = 0.05


def _checksum() -> str:
    parts = sorted(TrainingRecord.objects.values_list("teacher__staff_number", "course", "ended_on", "hours", "status"))
    parts += sorted(MentoringPair.objects.values_list("mentor__staff_number", "mentee__staff_number"))
    parts += sorted(GroupActivity.objects.values_list("group__name", "date", "topic"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def test_the_layer_is_deterministic():
    """The layer alone, twice on the same foundation (no exams needed): the same records both times."""
    from zhiliang.demo import development

    demo_county_build(scale=SCALE, with_exams=False)
    county = County.objects.get(name=COUNTY_NAME)
    checksums = []
    for _run in range(2):
        with transaction.atomic():
            written = development.build(county=county, seed=2025)
            checksums.append((written, _checksum()))
            transaction.set_rollback(True)
    assert checksums[0] == checksums[1] and checksums[0][0] > 100


def test_demo_logins_find_their_development(client):
    demo_county_build(scale=SCALE, layers={"exams", "development", "teaching"})
    counts = demo_county_counts(County.objects.get(name=COUNTY_NAME))
    assert counts["development_training"] > 100 and counts["development_activities"] > 10
    math = SubjectGroup.objects.get(leader__user__username="head_teacher")
    assert "数学" in {s.name for s in math.subjects.all()} and math.activities.count() >= 6
    pair = MentoringPair.objects.get(mentee__user__username="subject_teacher")
    assert pair.meetings.count() >= 4
    latest = TrainingRecord.objects.filter(teacher__user__username="subject_teacher").order_by("-ended_on").first()
    assert latest.status == Confirmation.PENDING and latest.evidence.exists()
    # About half of the teachers reach 360 hours (the 2021–2025 history), as the layer promises.
    from zhiliang.development.selectors import training_overview

    rows = training_overview(County.objects.get(name=COUNTY_NAME).schools.all())
    met, total = sum(r["met"] for r in rows), sum(r["teachers"] for r in rows)
    assert 0.2 < met / total < 0.8

    from zhiliang.accounts.models import User

    client.force_login(User.objects.get(username="principal"))
    page = client.get(reverse("development:ladder"))
    assert page.status_code == 200 and len(page.context["rows"]) >= 3
    client.force_login(User.objects.get(username="subject_teacher"))
    archive = client.get(reverse("development:my_archive"), follow=True)
    assert archive.status_code == 200 and latest.course in archive.content.decode()
