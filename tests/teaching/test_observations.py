"""Lesson observation end to end through the pages: score on the form, draft vs submitted, the teacher's reply,
the record locked after the reply, versions keeping old records' meaning, the cross-app summary."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.teaching.factories import LESSON_DAY, all_levels, observation
from zhiliang.core.teaching.rubric import rubric_text
from zhiliang.teaching import services
from zhiliang.teaching.models import Observation
from zhiliang.teaching.selectors import teacher_observation_summary

pytestmark = pytest.mark.django_db


def _post_form(client, cast, level="良", extra=None):
    version = services.form_for_school(cast.junior1, "observation")
    data = {
        "school": cast.junior1.pk,
        "teacher": cast.teachers["subject_teacher"].pk,
        "school_class": cast.classes["J01-7-1"].pk,
        "subject": cast.subjects["数学"].pk,
        "date": LESSON_DAY.isoformat(),
        "period": 2,
        "topic": "有理数的加法",
        "bonus": "0",
        "comment": "学生讨论充分。",
        "suggestions": "",
        **{f"item-{i}": level for i in range(len(version.as_rubric().items))},
        **(extra or {}),
    }
    return client.post(reverse("teaching:observation_create"), data)


def test_all_good_levels_score_85_7_and_meet_the_standard(cast, client):
    # Default rubric: 14 items of 5 points at 85% → 4.3 each (60.2) and 3 items of 10 → 8.5 each (25.5) = 85.7.
    client.force_login(cast.user("principal"))
    response = _post_form(client, cast, extra={"submit": "1"})
    saved = Observation.objects.get()
    assert response.status_code == 302
    assert (saved.total, saved.score, saved.band, saved.meets_standard) == (
        Decimal("85.7"),
        Decimal("85.7"),
        "良好",
        True,
    )
    assert saved.observer_role == "principal" and saved.term == cast.term and saved.is_submitted
    assert saved.by_criterion["学生学习"] == ["25.6", "30"]  # 8.5 + 8.5 + 4.3 + 4.3 of 10 + 10 + 5 + 5


def test_middle_levels_with_bonus_score_73_and_miss_the_standard(cast, client):
    # 14 × 3.5 + 3 × 7 = 70, + 3 bonus = 73 → 合格.
    client.force_login(cast.user("academic_director"))
    _post_form(client, cast, level="中", extra={"bonus": "3", "submit": "1"})
    saved = Observation.objects.get()
    assert (saved.score, saved.band, saved.meets_standard) == (Decimal("73.0"), "合格", False)


def test_bonus_above_the_rubric_cap_is_refused(cast, client):
    client.force_login(cast.user("principal"))
    response = _post_form(client, cast, extra={"bonus": "6", "submit": "1"})
    assert response.status_code == 200 and not Observation.objects.exists()


def test_a_draft_is_hidden_from_the_teacher_until_submitted(cast, client):
    draft = observation(cast, submit=False)
    client.force_login(cast.user("subject_teacher"))
    assert client.get(reverse("teaching:observation_detail", args=[draft.pk])).status_code == 404
    client.force_login(cast.user("principal"))
    assert client.get(reverse("teaching:observation_detail", args=[draft.pk])).status_code == 200
    client.force_login(cast.user("academic_director"))  # leaders see submitted records only
    assert client.get(reverse("teaching:observation_detail", args=[draft.pk])).status_code == 404


def test_the_teacher_replies_and_the_record_is_then_locked(cast, client):
    record = observation(cast)
    client.force_login(cast.user("subject_teacher"))
    page = client.get(reverse("teaching:index")).content.decode()
    assert "awaiting your reply" in page or "等待您回复" in page
    client.post(reverse("teaching:observation_reply", args=[record.pk]), {"reply": "谢谢指导。"})
    record.refresh_from_db()
    assert record.reply == "谢谢指导。" and record.replied_at is not None
    client.force_login(cast.user("principal"))
    assert client.get(reverse("teaching:observation_edit", args=[record.pk])).status_code == 404
    assert "谢谢指导。" in client.get(reverse("teaching:observation_detail", args=[record.pk])).content.decode()


def test_a_teacher_cannot_observe_in_another_school(cast, client):
    client.force_login(cast.user("other_teacher"))
    response = _post_form(client, cast, extra={"submit": "1"})
    assert response.status_code == 200  # the teacher and class choices are limited to their own school
    assert not Observation.objects.exists()


def test_a_new_version_keeps_old_records_and_scores_new_ones(cast, client):
    old = observation(cast)
    rubric = old.rubric_version.rubric
    text = rubric_text(old.rubric_version.as_rubric())
    text["standard"] = "90"
    client.force_login(cast.user("bureau_admin"))
    response = client.post(
        reverse("teaching:rubric_detail", args=[rubric.pk]), {"name": rubric.name, **text, "note": "提高达标线"}
    )
    assert response.status_code == 302
    assert rubric.versions.count() == 2
    old.refresh_from_db()
    assert old.rubric_version.number == 1 and old.meets_standard  # 85.7 still meets the old standard of 80
    new = observation(cast, date=LESSON_DAY + datetime.timedelta(days=1))
    assert new.rubric_version.number == 2 and not new.meets_standard  # 85.7 < 90
    # Editing without a change adds no version.
    client.post(reverse("teaching:rubric_detail", args=[rubric.pk]), {"name": rubric.name, **text})
    assert rubric.versions.count() == 2


def test_a_principal_cannot_edit_the_county_rubric_but_a_school_form_is_theirs(cast, client):
    rubric = services.county_default_form(cast.county, "observation")
    text = rubric_text(rubric.latest_version().as_rubric())
    client.force_login(cast.user("principal"))
    assert client.post(reverse("teaching:rubric_detail", args=[rubric.pk]), {"name": "x", **text}).status_code == 404
    response = client.post(
        reverse("teaching:rubric_create"),
        {"kind": "observation", "owner": f"school-{cast.junior1.pk}", "name": "一中评课表", **text},
    )
    assert response.status_code == 302
    client.force_login(cast.user("other_teacher"))
    assert client.get(response["Location"]).status_code == 404


def test_rubric_text_problems_are_shown_on_the_form(cast, client):
    rubric = services.county_default_form(cast.county, "observation")
    text = rubric_text(rubric.latest_version().as_rubric())
    text["items"] += "\n教学目标 | 缺分值"
    client.force_login(cast.user("bureau_admin"))
    response = client.post(reverse("teaching:rubric_detail", args=[rubric.pk]), {"name": rubric.name, **text})
    assert response.status_code == 200
    assert "应为 3 列" in response.content.decode() or "expected 3 columns" in response.content.decode()
    assert rubric.versions.count() == 1


def test_teacher_observation_summary_interface(cast):
    assert teacher_observation_summary(cast.teachers["subject_teacher"]) == {
        "count": 0,
        "mean_score": None,
        "share_meeting_standard": None,
        "latest": None,
    }
    observation(cast, level="良")  # 85.7, meets
    observation(cast, level="中", date=datetime.date(2025, 11, 3))  # 70.0, does not
    observation(cast, level="优", submit=False)  # a draft does not count
    summary = teacher_observation_summary(cast.teachers["subject_teacher"])
    # mean (85.7 + 70.0) / 2 = 77.85 → 77.9 (half up); 1 of 2 meets.
    assert summary == {
        "count": 2,
        "mean_score": 77.9,
        "share_meeting_standard": 0.5,
        "latest": datetime.date(2025, 11, 3),
    }


def test_teacher_summary_shows_strengths_against_the_school(cast, client):
    observation(cast, level="优")  # 李老师: every criterion at 100%
    observation(cast, teacher="head_teacher", class_key="J01-7-1", subject="语文", level="中")
    client.force_login(cast.user("subject_teacher"))
    page = client.get(reverse("teaching:teacher_detail", args=[cast.teachers["subject_teacher"].pk]))
    assert page.status_code == 200
    profile = page.context["summary"].profile
    # School share of 教学目标: (10 + 7) / 20 = 0.85; 李老师 1.0 → +0.15, a strength.
    row = next(r for r in profile if r.criterion == "教学目标")
    assert (row.share, row.reference, row.kind) == (Decimal(1), Decimal("0.85"), "strength")


def test_school_summary_by_subject_and_quotas(cast, client):
    from zhiliang.teaching.models import ObservationQuota

    ObservationQuota.objects.create(school=cast.junior1, term=cast.term, role="principal", required=2)
    observation(cast, level="良")
    observation(
        cast, teacher="head_teacher", subject="语文", level="中", observer="academic_director", role="academic_director"
    )
    client.force_login(cast.user("principal"))
    response = client.get(reverse("teaching:school_detail", args=[cast.junior1.pk]))
    summary = response.context["summary"]
    assert (summary.overall.count, summary.overall.meeting, summary.overall.share) == (2, 1, Decimal("0.5"))
    assert {row["subject"]: row["stats"].count for row in summary.by_subject} == {"数学": 1, "语文": 1}
    principal = next(row for row in response.context["quotas"] if row.name == "一中校长")
    assert (principal.done, principal.required, principal.share, principal.met) == (1, 2, Decimal("0.5"), False)


def test_settings_save_target_and_quotas(cast, client):
    from zhiliang.teaching.models import ObservationQuota, SchoolSetting

    client.force_login(cast.user("academic_director"))
    url = reverse("teaching:school_settings", args=[cast.junior1.pk])
    form = client.get(url).context["form"]
    data = {
        "target": "85",
        "observation_rubric": form.initial["observation_rubric"],
        "inspection_checklist": form.initial["inspection_checklist"],
        "quota_principal": "10",
        "quota_teacher": "8",
    }
    assert client.post(url, data).status_code == 302
    assert SchoolSetting.objects.get(school=cast.junior1).target == Decimal("0.85")
    assert dict(ObservationQuota.objects.values_list("role", "required")) == {"principal": 10, "teacher": 8}


def test_list_pages_do_not_grow_queries_with_rows(cast, client, django_assert_max_num_queries):
    for day in range(1, 11):
        observation(cast, date=datetime.date(2025, 10, day))
    client.force_login(cast.user("principal"))
    with django_assert_max_num_queries(20):
        client.get(reverse("teaching:observation_list"))
    with django_assert_max_num_queries(40):
        client.get(reverse("teaching:school_detail", args=[cast.junior1.pk]))


def test_levels_from_the_factory_cover_every_item(cast):
    version = services.form_for_school(cast.junior1, "observation")
    assert len(all_levels(version, "优")) == 17
