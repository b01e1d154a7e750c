"""Homework records and the daily load against the 双减 limits, through the pages."""

import datetime

import pytest
from django.urls import reverse

from zhiliang.teaching import services
from zhiliang.teaching.models import HomeworkEntry

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 10, 15)


def _record(client, cast, class_key, subject, minutes, written="1"):
    return client.post(
        reverse("teaching:homework"),
        {
            "school_class": cast.classes[class_key].pk,
            "subject": cast.subjects[subject].pk,
            "date": DAY.isoformat(),
            "written": written,
            "minutes": minutes,
            "description": "练习册第12页",
        },
    )


def test_a_subject_teacher_records_only_their_subject(cast, client):
    client.force_login(cast.user("subject_teacher"))
    assert _record(client, cast, "J01-7-1", "数学", 40).status_code == 302
    assert _record(client, cast, "J01-7-1", "语文", 30).status_code == 200  # not theirs
    assert list(HomeworkEntry.objects.values_list("subject__name", "minutes")) == [("数学", 40)]
    # Recording again replaces the minutes (one record per class, subject, day and kind).
    _record(client, cast, "J01-7-1", "数学", 35)
    assert list(HomeworkEntry.objects.values_list("minutes", flat=True)) == [35]


def test_the_head_teacher_records_any_subject_of_the_class(cast, client):
    client.force_login(cast.user("head_teacher"))
    assert _record(client, cast, "J01-7-1", "英语", 20).status_code == 302


def test_over_the_junior_limit_is_an_alert(cast, client):
    # Grade 7: 40 + 35 + 30 = 105 written minutes > 90 → over by 15; 20 reading minutes are not counted.
    klass = cast.classes["J01-7-1"]
    for subject, minutes in [("数学", 40), ("语文", 35), ("英语", 30)]:
        services.homework_record(
            user=cast.user("principal"),
            school_class=klass,
            subject=cast.subjects[subject],
            date=DAY,
            written=True,
            minutes=minutes,
            description="",
        )
    services.homework_record(
        user=cast.user("principal"),
        school_class=klass,
        subject=cast.subjects["语文"],
        date=DAY,
        written=False,
        minutes=20,
        description="阅读",
    )
    client.force_login(cast.user("grade_leader"))
    response = client.get(reverse("teaching:homework_load"), {"start": "2025-10-01", "end": "2025-10-31"})
    (day,) = response.context["alerts"]
    assert (day.load.written_minutes, day.load.other_minutes, day.load.limit, day.load.excess) == (105, 20, 90, 15)
    # The subject teacher sees the class's load but only their own subject's records.
    client.force_login(cast.user("subject_teacher"))
    response = client.get(reverse("teaching:homework_load"), {"start": "2025-10-01", "end": "2025-10-31"})
    assert len(response.context["alerts"]) == 1
    page = client.get(reverse("teaching:homework"), {"end": "2025-10-20"})
    assert {entry.subject.name for entry in page.context["entries"]} == {"数学"}


def test_written_homework_in_grade_two_is_flagged(cast, client):
    from zhiliang.org.models import SchoolClass

    klass = SchoolClass.objects.create(school=cast.central, school_year=cast.year, grade=2, number=1)
    services.homework_record(
        user=cast.user("central_principal"),
        school_class=klass,
        subject=cast.subjects["数学"],
        date=DAY,
        written=True,
        minutes=10,
        description="",
    )
    client.force_login(cast.user("central_principal"))
    response = client.get(reverse("teaching:homework_load"), {"start": "2025-10-15", "end": "2025-10-15"})
    assert [d.load.status for d in response.context["alerts"]] == ["written_not_allowed"]
    client.force_login(cast.user("principal"))  # another school's leader sees nothing of it
    response = client.get(reverse("teaching:homework_load"), {"start": "2025-10-15", "end": "2025-10-15"})
    assert response.context["days"] == []
