"""Mentoring pairs and subject groups: who sets them up, who records, attendance."""

from django.urls import reverse

from tests.development import factories
from zhiliang.development.models import GroupActivity, MentoringMeeting, MentoringPair, SubjectGroup


def test_principal_sets_up_a_pair(cast, login):
    client = login(cast, "principal")
    response = client.post(
        reverse("development:pair_create"),
        {
            "mentor": cast.teachers["head_teacher"].pk,
            "mentee": cast.teachers["subject_teacher"].pk,
            "started_on": "2025-09-01",
            "goals": "站稳讲台",
        },
    )
    pair = MentoringPair.objects.get()
    assert response.status_code == 302 and pair.school == cast.junior1


def test_a_teacher_cannot_mentor_themselves(cast, login):
    client = login(cast, "principal")
    teacher = cast.teachers["head_teacher"].pk
    response = client.post(
        reverse("development:pair_create"),
        {"mentor": teacher, "mentee": teacher, "started_on": "2025-09-01", "goals": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not MentoringPair.objects.exists()


def test_mentor_and_mentee_record_meetings_others_cannot(cast, login):
    pair = factories.pair(cast)
    url = reverse("development:pair_detail", args=[pair.pk])
    data = {"date": "2025-10-15", "kind": "mentee_lesson", "topic": "听徒弟《勾股定理》", "notes": "导入过长"}
    assert login(cast, "head_teacher").post(url, data).status_code == 302
    assert login(cast, "subject_teacher").post(url, {**data, "kind": "mentor_lesson"}).status_code == 302
    assert login(cast, "bureau_analyst").post(url, data).status_code == 404  # sees, does not write
    assert login(cast, "other_teacher").post(url, data).status_code == 404
    assert sorted(MentoringMeeting.objects.values_list("kind", flat=True)) == ["mentee_lesson", "mentor_lesson"]
    page = login(cast, "principal").get(url).content.decode()
    assert "听徒弟《勾股定理》" in page


def test_group_leader_records_an_activity_with_attendance(cast, login):
    group = factories.group(cast)
    url = reverse("development:group_detail", args=[group.pk])
    response = login(cast, "head_teacher").post(
        url,
        {
            "kind": "collective_preparation",
            "date": "2025-10-09",
            "topic": "第三章集体备课",
            "minutes": "分工：……",
            "attendees": [cast.teachers["head_teacher"].pk],
        },
    )
    assert response.status_code == 302
    activity = GroupActivity.objects.get()
    assert list(activity.attendees.all()) == [cast.teachers["head_teacher"]]
    page = login(cast, "subject_teacher").get(url).content.decode()  # a member reads the minutes
    assert "第三章集体备课" in page
    assert login(cast, "subject_teacher").post(url, {"kind": "research"}).status_code == 404  # not the leader


def test_attendance_lists_members_only(cast, login):
    group = factories.group(cast)
    response = login(cast, "head_teacher").post(
        reverse("development:group_detail", args=[group.pk]),
        {
            "kind": "research",
            "date": "2025-10-09",
            "topic": "x",
            "minutes": "y",
            "attendees": [cast.teachers["other_teacher"].pk],
        },
    )
    assert response.status_code == 200 and not GroupActivity.objects.exists()


def test_principal_creates_a_group_of_their_school_only(cast, login):
    client = login(cast, "principal")
    response = client.post(
        reverse("development:group_create"),
        {
            "school": cast.junior1.pk,
            "name": "语文组",
            "subjects": [cast.subjects["语文"].pk],
            "leader": cast.teachers["head_teacher"].pk,
            "members": [cast.teachers["subject_teacher"].pk],
        },
    )
    group = SubjectGroup.objects.get()
    assert response.status_code == 302
    assert set(group.members.all()) == {cast.teachers["head_teacher"], cast.teachers["subject_teacher"]}
    refused = client.post(
        reverse("development:group_create"),
        {
            "school": cast.junior1.pk,
            "name": "英语组",
            "subjects": [cast.subjects["英语"].pk],
            "leader": cast.teachers["other_teacher"].pk,
        },
    )
    assert refused.status_code == 200 and SubjectGroup.objects.count() == 1


def test_exports(cast, login):
    pair = factories.pair(cast)
    group = factories.group(cast)
    client = login(cast, "principal")
    for url in [
        reverse("development:pair_list"),
        reverse("development:pair_detail", args=[pair.pk]),
        reverse("development:group_list"),
        reverse("development:group_detail", args=[group.pk]),
        reverse("development:achievement_list"),
        reverse("development:training_overview"),
        reverse("development:ladder"),
        reverse("development:archive", args=[cast.teachers["subject_teacher"].pk]),
    ]:
        response = client.get(url + "?format=xlsx")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
