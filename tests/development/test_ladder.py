"""Ladder criteria as versioned data, the eligible list, and the growth archive (with exam results)."""

import datetime
import io
import sys
import types
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tests.development import factories
from tests.exams.factories import make_exam
from zhiliang.development.models import Confirmation, LadderCriteria, TeacherService
from zhiliang.development.selectors import criteria_for, facts_by_teacher, ladder_rows
from zhiliang.exams.models import ExamStatus
from zhiliang.people.models import Teacher

AS_OF = datetime.date(2026, 1, 10)


def _criteria_post(owner, **values):
    return {"owner": owner, "note": "2026年修订", **{f"backbone__{k}": v for k, v in values.items()}}


def test_principal_saves_school_versions_and_old_ones_stay(cast, login):
    client = login(cast, "principal")
    url = reverse("development:criteria")
    assert client.post(url, _criteria_post(f"school:{cast.junior1.pk}", training_hours="24")).status_code == 302
    assert client.post(url, _criteria_post(f"school:{cast.junior1.pk}", training_hours="36")).status_code == 302
    versions = list(LadderCriteria.objects.filter(school=cast.junior1).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].rules["backbone"] == {"training_hours": 24}
    assert criteria_for(cast.junior1).rules["backbone"] == {"training_hours": Decimal(36)}
    assert criteria_for(cast.junior2).record is None  # the other school keeps the defaults


def test_county_version_applies_unless_a_school_overrides(cast, login):
    login(cast, "bureau_admin").post(
        reverse("development:criteria"), _criteria_post(f"county:{cast.county.pk}", papers="2")
    )
    assert criteria_for(cast.junior2).source == "county"
    assert criteria_for(cast.junior2).rules["backbone"] == {"papers": Decimal(2)}


@pytest.mark.parametrize("role", ["bureau_analyst", "group_leader"])
def test_viewers_cannot_change_criteria(cast, login, role):
    client = login(cast, role)
    assert client.get(reverse("development:criteria")).status_code == 200
    response = client.post(reverse("development:criteria"), _criteria_post(f"county:{cast.county.pk}", papers="2"))
    assert response.status_code == 404 and not LadderCriteria.objects.exists()


def test_principal_cannot_write_county_criteria(cast, login):
    response = login(cast, "principal").post(
        reverse("development:criteria"), _criteria_post(f"county:{cast.county.pk}", papers="2")
    )
    assert response.status_code == 200 and not LadderCriteria.objects.exists()  # not one of the choices


def test_facts_hand_worked(cast):
    teacher = cast.teachers["subject_teacher"]
    TeacherService.objects.create(teacher=teacher, started_on=datetime.date(2018, 9, 1))
    factories.training(cast, hours="60", status=Confirmation.CONFIRMED, ended_on=datetime.date(2025, 7, 20))
    factories.training(cast, hours="30", status=Confirmation.CONFIRMED, ended_on=datetime.date(2020, 7, 20))  # too old
    factories.training(cast, hours="99", status=Confirmation.PENDING)  # not confirmed
    factories.achievement(cast, level="provincial", status=Confirmation.CONFIRMED)
    factories.achievement(cast, level="school", status=Confirmation.CONFIRMED)
    factories.achievement(cast, kind="paper", level="county", status=Confirmation.CONFIRMED)
    factories.achievement(cast, level="national", status=Confirmation.REJECTED)
    facts = facts_by_teacher([teacher], AS_OF)[teacher.pk]
    assert facts["years_of_service"] == 7  # 2018-09-01 → 2026-01-10
    assert facts["training_hours"] == 60
    assert (facts["awards_county"], facts["awards_municipal"], facts["awards_provincial"]) == (1, 1, 1)
    assert facts["papers"] == 1 and facts["open_lessons"] == 0
    assert facts["mentees"] == 0
    assert facts["results_over_mean"] is None  # no published exam


def test_results_over_mean_from_the_exam_analysis(cast):
    make_exam(cast, status=ExamStatus.PUBLISHED)
    teacher = cast.teachers["subject_teacher"]
    # 李老师 teaches 数学 in 七(1) (100, 70: mean 85) and 七(2) (50). School grade mean 220/3 = 73.33.
    # Over-mean rates: (85 - 73.33)/73.33 = +15.909 %, (50 - 73.33)/73.33 = -31.818 %; mean -7.95 %.
    facts = facts_by_teacher([teacher], AS_OF)[teacher.pk]
    assert facts["results_over_mean"] == pytest.approx(-7.95, abs=0.01)


def test_eligible_list_and_export(cast, login):
    LadderCriteria.objects.create(
        county=cast.county,
        school=cast.junior1,
        version=1,
        rules={"backbone": {"training_hours": 24, "awards_county": 1}},
    )
    factories.training(cast, hours="24", status=Confirmation.CONFIRMED)
    factories.achievement(cast, level="municipal", status=Confirmation.CONFIRMED)
    rows = {r.teacher.name: r for r in ladder_rows(Teacher.objects.filter(school=cast.junior1), AS_OF)}
    assert rows["李老师"].eligible and rows["李老师"].next_stage == "backbone"
    assert not rows["王老师"].eligible
    client = login(cast, "principal")
    page = client.get(reverse("development:ladder") + "?eligible=1")
    names = [r["row"].teacher.name for r in page.context["rows"]]
    assert names == ["李老师"]
    response = client.get(reverse("development:ladder") + "?eligible=1&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "李老师" in values and "王老师" not in values and "符合" in values


def test_bureau_sees_every_school_teacher_sees_no_list(cast, login):
    page = login(cast, "bureau_analyst").get(reverse("development:ladder"))
    assert {r["row"].teacher.school for r in page.context["rows"]} == {cast.junior1, cast.junior2}
    assert login(cast, "subject_teacher").get(reverse("development:ladder")).status_code == 404


def test_archive_gathers_everything(cast, login):
    make_exam(cast, status=ExamStatus.PUBLISHED)
    factories.training(cast, hours="24", status=Confirmation.CONFIRMED, course="国培数学")
    factories.pair(cast)
    factories.group(cast)
    page = login(cast, "subject_teacher").get(
        reverse("development:archive", args=[cast.teachers["subject_teacher"].pk])
    )
    html = page.content.decode()
    assert "国培数学" in html and "王老师" in html and "数学组" in html
    assert {(r["class"], r["subject"]) for r in page.context["exam_rows"]} == {
        ("七年级(1)班", "数学"),
        ("七年级(2)班", "数学"),
    }
    assert page.context["progress"].hours == Decimal(24)


def _fake_selectors(monkeypatch, observation, value_added):
    """Stand-ins for the other apps' selectors, whether or not theirs exist yet."""
    teaching = types.ModuleType("zhiliang.teaching.selectors")
    teaching.teacher_observation_summary = observation
    growth = types.ModuleType("zhiliang.growth.selectors")
    growth.teacher_value_added_summary = value_added
    monkeypatch.setitem(sys.modules, "zhiliang.teaching.selectors", teaching)
    monkeypatch.setitem(sys.modules, "zhiliang.growth.selectors", growth)


def test_archive_survives_the_other_apps_failing(cast, login, monkeypatch):
    def broken(teacher):
        raise RuntimeError("not ready")

    _fake_selectors(monkeypatch, broken, broken)
    page = login(cast, "subject_teacher").get(
        reverse("development:archive", args=[cast.teachers["subject_teacher"].pk])
    )
    assert page.status_code == 200 and page.context["observation"] is None and page.context["value_added"] == []


def test_archive_uses_observation_and_value_added(cast, login, monkeypatch):
    _fake_selectors(
        monkeypatch,
        lambda teacher: {"count": 3, "mean_score": 86.5, "share_meeting_standard": 1.0, "latest": AS_OF},
        lambda teacher: [
            {
                "exam_pair": "期中→期末",
                "subject": "数学",
                "effect": 1.2,
                "ci_low": 0.3,
                "ci_high": 2.1,
                "category": "above",
            }
        ],
    )
    page = login(cast, "subject_teacher").get(
        reverse("development:archive", args=[cast.teachers["subject_teacher"].pk])
    )
    assert page.context["facts"]["observation_mean"] == 86.5 and page.context["facts"]["observation_count"] == 3
    assert "期中→期末" in page.content.decode()


def test_archive_is_personal(cast, login):
    url = reverse("development:archive", args=[cast.teachers["subject_teacher"].pk])
    assert login(cast, "head_teacher").get(url).status_code == 404  # a colleague (and mentor) of the same school
    assert login(cast, "grade_leader").get(url).status_code == 404
    assert login(cast, "group_leader").get(url).status_code == 200


def test_service_years_set_by_the_leadership(cast, login):
    teacher = cast.teachers["subject_teacher"]
    login(cast, "principal").post(
        reverse("development:archive_service", args=[teacher.pk]), {"started_on": "2010-09-01"}
    )
    assert TeacherService.objects.get(teacher=teacher).started_on == datetime.date(2010, 9, 1)
