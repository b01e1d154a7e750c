"""The routine-inspection loop through the pages: a round, a teacher's result with a rectification, the
response, a re-check that reopens with a new deadline, the second response, the close; what is still open."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.teaching.factories import inspection_result
from zhiliang.teaching import services
from zhiliang.teaching.models import Inspection, InspectionResult

pytestmark = pytest.mark.django_db


def test_the_loop_closes(cast, client):
    director, teacher = cast.user("academic_director"), cast.user("subject_teacher")
    client.force_login(director)
    response = client.post(
        reverse("teaching:inspection_create"),
        {"school": cast.junior1.pk, "title": "十月教学常规检查", "held_on": "2025-10-20"},
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("teaching:inspection_detail", args=[inspection.pk])
    items = inspection.checklist_version.as_rubric().items
    score_url = reverse("teaching:inspection_score", args=[inspection.pk, cast.teachers["subject_teacher"].pk])
    levels = {f"item-{i}": "良" for i in range(len(items))}
    # Rectification required but no deadline: refused.
    assert (
        client.post(score_url, {**levels, "problems": "缺二次备课", "rectification_required": "on"}).status_code == 200
    )
    client.post(
        score_url, {**levels, "problems": "缺二次备课", "rectification_required": "on", "deadline": "2025-11-01"}
    )
    result = InspectionResult.objects.get()
    # Checklist items: 10-point items at 85% = 8.5 (8 of them: 68), 5-point ones 4.3 (4: 17.2) → 85.2.
    assert (result.score, result.band, result.passed) == (Decimal("85.2"), "合格", True)
    assert result.state(datetime.date(2025, 10, 25)) == "open"
    assert result.state(datetime.date(2025, 11, 2)) == "overdue"

    client.force_login(teacher)
    client.post(reverse("teaching:result_respond", args=[result.pk]), {"response": "已补齐二次备课。"})
    result.refresh_from_db()
    assert result.state(datetime.date(2025, 11, 2)) == "responded"

    client.force_login(director)
    reopen = {"accepted": "0", "note": "反思仍不完整"}
    client.post(reverse("teaching:result_recheck", args=[result.pk]), reopen)  # no new deadline: refused
    result.refresh_from_db()
    assert result.responded_at is not None
    client.post(reverse("teaching:result_recheck", args=[result.pk]), {**reopen, "new_deadline": "2025-11-15"})
    result.refresh_from_db()
    assert (result.deadline, result.responded_at) == (datetime.date(2025, 11, 15), None)
    assert result.state(datetime.date(2025, 11, 10)) == "open"

    client.force_login(teacher)
    assert result in [row["result"] for row in client.get(reverse("teaching:result_list")).context["rows"]]
    client.post(reverse("teaching:result_respond", args=[result.pk]), {"response": "已补写反思。"})
    client.force_login(director)
    client.post(reverse("teaching:result_recheck", args=[result.pk]), {"accepted": "1", "note": "合格"})
    result.refresh_from_db()
    assert result.closed_at is not None and result.state(datetime.date(2026, 1, 1)) == "closed"
    assert [event["event"] for event in result.history] == ["required", "responded", "reopened", "responded", "closed"]
    assert client.get(reverse("teaching:result_list")).context["rows"] == []
    assert len(client.get(reverse("teaching:result_list") + "?all=1").context["rows"]) == 1


def test_a_teacher_cannot_respond_to_a_colleagues_result(cast, client):
    result = inspection_result(cast, teacher="head_teacher")
    client.force_login(cast.user("subject_teacher"))
    assert client.post(reverse("teaching:result_respond", args=[result.pk]), {"response": "x"}).status_code == 404


def test_a_closed_result_takes_no_more_responses(cast, client):
    result = inspection_result(cast, responded=True)
    services.result_recheck(user=cast.user("principal"), result=result, accepted=True, note="", new_deadline=None)
    client.force_login(cast.user("subject_teacher"))
    client.post(reverse("teaching:result_respond", args=[result.pk]), {"response": "再次提交"})
    result.refresh_from_db()
    assert result.response == "已补写评语并完成二次备课。"


def test_an_inspection_outside_a_term_is_refused(cast, client):
    client.force_login(cast.user("principal"))
    response = client.post(
        reverse("teaching:inspection_create"), {"school": cast.junior1.pk, "title": "暑期检查", "held_on": "2026-08-01"}
    )
    assert response.status_code == 200 and not Inspection.objects.exists()


def test_inspection_list_counts_open_and_closed(cast, client):
    inspection_result(cast)
    client.force_login(cast.user("principal"))
    rows = client.get(reverse("teaching:inspection_list")).context["rows"]
    assert [(row["results"], row["still_open"], row["closed"]) for row in rows] == [(1, 1, 0)]
