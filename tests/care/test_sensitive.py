"""Special groups and psychological cases: who sees them, that every view is audited, masking in exports, and
suppression in county aggregates."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.care.factories import authorise_psych, authorise_special, profile, psych_case
from zhiliang.audit.models import AuditEvent
from zhiliang.care.access import can_see_sensitive, sensitive_students
from zhiliang.care.models import CareGrant, RecordKind, RoleGrant, SpecialGroupProfile
from zhiliang.care.services import SENSITIVE_VIEW
from zhiliang.people.models import Student

pytestmark = pytest.mark.django_db


def test_leadership_sees_special_groups_by_office_and_teachers_only_when_authorised(cast):
    s1 = cast.students["s1"]
    assert can_see_sensitive(cast.user("principal"), s1, RecordKind.SPECIAL_GROUPS)
    for role in ("head_teacher", "subject_teacher", "grade_leader", "bureau_admin", "central_principal"):
        assert not can_see_sensitive(cast.user(role), s1, RecordKind.SPECIAL_GROUPS), role
    authorise_special(cast)
    assert can_see_sensitive(cast.user("head_teacher"), s1, RecordKind.SPECIAL_GROUPS)  # role grant: own class
    assert not can_see_sensitive(cast.user("head_teacher"), cast.students["s3"], RecordKind.SPECIAL_GROUPS)
    assert can_see_sensitive(cast.user("subject_teacher"), cast.students["s3"], RecordKind.SPECIAL_GROUPS)  # named
    assert not can_see_sensitive(cast.user("other_teacher"), s1, RecordKind.SPECIAL_GROUPS)
    assert not sensitive_students(cast.user("subject_teacher"), RecordKind.PSYCH).exists()


def test_grade_leader_through_a_role_grant_sees_their_grade_only(cast):
    RoleGrant.objects.create(school=cast.junior1, role="grade_leader", kind=RecordKind.SPECIAL_GROUPS)
    seen = set(sensitive_students(cast.user("grade_leader"), RecordKind.SPECIAL_GROUPS))
    assert seen == {cast.students["s1"], cast.students["s2"], cast.students["s3"]}


def test_psych_cases_only_for_named_staff_not_the_principal(cast):
    s1 = cast.students["s1"]
    assert not can_see_sensitive(cast.user("principal"), s1, RecordKind.PSYCH)
    authorise_psych(cast)
    assert can_see_sensitive(cast.user("academic_director"), s1, RecordKind.PSYCH)
    assert not can_see_sensitive(cast.user("principal"), s1, RecordKind.PSYCH)


def _views(action=SENSITIVE_VIEW):
    return AuditEvent.objects.filter(action=action)


def test_every_view_of_a_sensitive_record_is_audited(cast, client):
    profile(cast)
    case = psych_case(cast)
    client.force_login(cast.user("academic_director"))
    before = _views().count()
    assert client.get(reverse("care:special_list")).status_code == 200
    assert client.get(reverse("care:special_detail", args=[cast.students["s1"].pk])).status_code == 200
    assert client.get(reverse("care:psych_list")).status_code == 200
    assert client.get(reverse("care:psych_detail", args=[case.pk])).status_code == 200
    events = list(_views().order_by("id")[before:])
    assert [e.detail["kind"] for e in events] == ["special_groups", "special_groups", "psych", "psych"]
    assert all(e.actor == cast.user("academic_director") for e in events)
    assert events[1].target_id == str(cast.students["s1"].pk)


def test_refused_views_leave_no_trace_and_answer_404(cast, client):
    profile(cast)
    client.force_login(cast.user("head_teacher"))
    assert client.get(reverse("care:special_detail", args=[cast.students["s1"].pk])).status_code == 404
    assert not _views().exists()


def test_detail_pages_are_not_cached(cast, client):
    profile(cast)
    client.force_login(cast.user("principal"))
    response = client.get(reverse("care:special_detail", args=[cast.students["s1"].pk]))
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "广东东莞" in response.content.decode()


def test_editing_the_profile(cast, client):
    client.force_login(cast.user("principal"))
    url = reverse("care:special_detail", args=[cast.students["s2"].pk])
    response = client.post(url, {"migrant": "on", "household_origin": "河南周口"})
    assert response.status_code == 302
    saved = SpecialGroupProfile.objects.get(student=cast.students["s2"])
    assert saved.flags == ["migrant"] and saved.updated_by == cast.user("principal")


def _export(client, cast):
    response = client.get(reverse("care:class_export", args=[cast.classes["J01-7-1"].pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return {row[0]: row[-1] for row in sheet.iter_rows(values_only=True) if row[0] in ("张三", "李四")}


def test_export_masks_special_groups_unless_the_exporter_may_see_them(cast, client):
    profile(cast)
    client.force_login(cast.user("grade_leader"))
    assert _export(client, cast) == {"张三": "***", "李四": "***"}
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.detail == {"export": "care_roster", "masked": 2}
    client.force_login(cast.user("principal"))
    assert _export(client, cast) == {"张三": "留守儿童", "李四": None}


def test_county_overview_hides_small_groups(cast, client):
    # 第一初级中学 has 3 students: 2 left-behind, 1 migrant; too few to show.
    profile(cast, "s1")
    profile(cast, "s2")
    profile(cast, "s3", left_behind=False, migrant=True)
    # 第二初级中学 gets 9 left-behind pupils, 城关中心小学 6. The column total (17) minus 9 and 6 would give
    # 第一初级中学's 2 away, so the smallest other cell of the column (6) is hidden too; 9 stays.
    for school, count in ((cast.junior2, 9), (cast.central, 6)):
        for i in range(count):
            student = Student.objects.create(
                county=cast.county, student_number=f"GX{school.code}{i}", name=f"学生{i}", sex="F", school=school
            )
            SpecialGroupProfile.objects.create(student=student, left_behind=True)
    client.force_login(cast.user("bureau_analyst"))
    page = client.get(reverse("care:county_overview")).content.decode()
    assert "张三" not in page and "GXJ020" not in page
    rows = {row[0].name: row[1] for row in client.get(reverse("care:county_overview")).context["rows"]}
    assert rows["第一初级中学"][:2] == (None, None)
    assert rows["第二初级中学"][0] == 9
    assert rows["城关中心小学"][0] is None


def test_grants_are_managed_by_the_leadership_and_audited(cast, client):
    client.force_login(cast.user("principal"))
    response = client.post(
        reverse("care:grants"),
        {"school": cast.junior1.pk, "kind": "psych", "staff": cast.user("head_teacher").pk, "role": ""},
    )
    assert response.status_code == 302
    grant = CareGrant.objects.get()
    assert (grant.user, grant.kind, grant.granted_by) == (cast.user("head_teacher"), "psych", cast.user("principal"))
    assert AuditEvent.objects.filter(action="role_change", detail__change="care_grant_add").exists()
    both = client.post(
        reverse("care:grants"),
        {"school": cast.junior1.pk, "kind": "psych", "staff": cast.user("head_teacher").pk, "role": "head_teacher"},
    )
    assert both.status_code == 200 and RoleGrant.objects.count() == 0  # one or the other, not both
    client.post(reverse("care:grant_revoke", args=["named", grant.pk]))
    assert not CareGrant.objects.exists()
    assert AuditEvent.objects.filter(action="role_change", detail__change="grant_revoke").exists()


def test_a_principal_cannot_grant_in_another_school(cast, client):
    client.force_login(cast.user("principal"))
    response = client.post(
        reverse("care:grants"), {"school": cast.junior2.pk, "kind": "psych", "role": "head_teacher", "staff": ""}
    )
    assert response.status_code == 200 and not RoleGrant.objects.exists()


def test_psych_session_updates_risk_and_closes(cast, client):
    case = psych_case(cast)
    client.force_login(cast.user("academic_director"))
    client.post(
        reverse("care:psych_session_add", args=[case.pk]),
        {"date": "2025-11-02", "minutes": 45, "summary": "好转", "risk_level": "low", "close": "on"},
    )
    case.refresh_from_db()
    assert case.risk_level == "low" and str(case.closed_on) == "2025-11-02"
    assert case.sessions.count() == 1
