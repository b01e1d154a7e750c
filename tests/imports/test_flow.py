"""The generic import flow with a small importer of its own: one education group per CSV row."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from zhiliang.accounts.models import RoleAssignment
from zhiliang.accounts.scoping import forget_scope
from zhiliang.audit.models import AuditEvent
from zhiliang.core.tabular import ImportProblems, Problem, read_table
from zhiliang.imports import registry
from zhiliang.imports.models import ImportJob, ImportStatus
from zhiliang.imports.progress import report_progress
from zhiliang.imports.registry import CheckResult, Importer
from zhiliang.imports.services import (
    JobNotReady,
    import_job_confirm,
    import_job_create,
    problem_from_json,
    problem_to_json,
)
from zhiliang.org.models import EducationGroup

pytestmark = pytest.mark.django_db

KIND = "test_groups"
seen_progress: list[int] = []


def _names(job):
    table = read_table(bytes(job.content), filename=job.filename, known_headers=["名称"])
    column = table.column("名称")
    return [(row.number, str(row.get(column))) for row in table.rows]


def check(job):
    try:
        names = _names(job)
    except ImportProblems as error:
        return CheckResult(problems=error.problems)
    report_progress(50, "半")
    seen_progress.append(ImportJob.objects.get(pk=job.pk).progress)
    problems = [
        Problem(job.filename, None, number, "A", "名称", "cell.required", {}) for number, name in names if name == "BAD"
    ]
    existing = set(EducationGroup.objects.filter(county=job.county).values_list("name", flat=True))
    summary = {
        "create": sum(name not in existing for _n, name in names),
        "unchanged": sum(name in existing for _n, name in names),
    }
    sample = [{"action": "create" if name not in existing else "unchanged", "名称": name} for _n, name in names]
    return CheckResult(problems=problems, summary={k: v for k, v in summary.items() if v}, sample=sample)


def apply(job, progress):
    created = 0
    for _number, name in _names(job):
        if name == "CRASH":
            raise RuntimeError("boom")
        _group, new = EducationGroup.objects.get_or_create(county=job.county, name=name)
        created += new
    progress(100, "完成")
    return {"create": created}


def may_import(user, job):
    return user.username in {"bureau_admin", "principal"}


@pytest.fixture(autouse=True)
def importer():
    test_importer = Importer(
        kind=KIND,
        label="测试",
        template_url_name=None,
        check=check,
        apply=apply,
        may_import=may_import,
        needs_school=False,
    )
    registry.register(test_importer)
    yield test_importer
    registry._REGISTRY.pop(KIND, None)


def create(user, text, name="groups.csv"):
    return import_job_create(user=user, kind=KIND, upload=SimpleUploadedFile(name, text.encode()))


def test_a_job_is_stored_checked_and_previewed(cast):
    seen_progress.clear()
    job = create(cast.user("bureau_admin"), "名称\n北区\n南区\n")
    assert job.status == ImportStatus.READY
    assert job.county == cast.county
    assert len(job.sha256) == 64 and bytes(job.content).startswith("名称".encode())
    assert job.preview == {
        "summary": {"create": 2},
        "sample": [{"action": "create", "名称": "北区"}, {"action": "create", "名称": "南区"}],
    }
    assert seen_progress == [50]  # progress is written while checking
    assert not EducationGroup.objects.filter(name="北区").exists()


def test_confirming_applies_once_and_audits(cast):
    job = create(cast.user("bureau_admin"), "名称\n北区\n")
    job = import_job_confirm(job=job, user=cast.user("principal"))
    assert job.status == ImportStatus.DONE
    assert job.result == {"create": 1}
    assert job.confirmed_by == cast.user("principal")
    event = AuditEvent.objects.get(action="import")
    assert event.actor == cast.user("principal")
    assert event.detail["sha256"] == job.sha256 and event.detail["counts"] == {"create": 1}
    with pytest.raises(JobNotReady):
        import_job_confirm(job=job, user=cast.user("principal"))
    assert EducationGroup.objects.filter(name="北区").count() == 1


def test_the_same_file_again_is_all_unchanged(cast):
    import_job_confirm(job=create(cast.user("bureau_admin"), "名称\n北区\n"), user=cast.user("bureau_admin"))
    again = create(cast.user("bureau_admin"), "名称\n北区\n")
    assert again.preview["summary"] == {"unchanged": 1}


def test_an_error_while_applying_rolls_everything_back(cast):
    job = create(cast.user("bureau_admin"), "名称\n北区\nCRASH\n")
    job = import_job_confirm(job=job, user=cast.user("bureau_admin"))
    assert job.status == ImportStatus.FAILED
    assert [p["code"] for p in job.problems] == ["import.failed"]
    assert not EducationGroup.objects.filter(name="北区").exists()  # written before the crash, rolled back
    assert not AuditEvent.objects.filter(action="import").exists()


def test_a_job_with_problems_cannot_be_confirmed(cast):
    job = create(cast.user("bureau_admin"), "名称\nBAD\n")
    assert job.status == ImportStatus.INVALID
    with pytest.raises(JobNotReady):
        import_job_confirm(job=job, user=cast.user("bureau_admin"))


def test_apply_refuses_a_user_who_lost_the_right(cast):
    user = cast.user("principal")
    job = create(user, "名称\n北区\n")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.APPLYING, confirmed_by=cast.user("academic_director")
    )
    from zhiliang.imports.services import import_job_apply

    job = import_job_apply(job)
    assert job.status == ImportStatus.FAILED
    assert [p["code"] for p in job.problems] == ["import.not_allowed"]
    assert not EducationGroup.objects.filter(name="北区").exists()


def test_an_unreadable_file_is_reported(cast):
    job = create(cast.user("bureau_admin"), "", name="empty.csv")
    assert job.status == ImportStatus.INVALID
    assert [p["code"] for p in job.problems] == ["file.empty"]


@override_settings(MAX_UPLOAD_BYTES=10)
def test_the_size_limit_comes_first(cast):
    with pytest.raises(ImportProblems) as error:
        create(cast.user("bureau_admin"), "名称\n北区\n南区\n")
    assert error.value.problems[0].code == "file.too_large"
    assert error.value.problems[0].params == {"size": len("名称\n北区\n南区\n".encode()), "limit": 10}
    assert not ImportJob.objects.exists()


def test_users_the_importer_refuses_cannot_upload(cast):
    with pytest.raises(PermissionDenied):
        create(cast.user("head_teacher"), "名称\n北区\n")
    assert not ImportJob.objects.exists()


def test_problems_survive_the_round_trip_through_json(cast):
    import datetime

    problem = Problem(
        "a.xlsx", "Sheet1", 3, "D", "出生日期", "roster.birth_in_future", {"birth_date": datetime.date(2099, 1, 1)}
    )
    again = problem_from_json(problem_to_json(problem))
    assert again.message() == "文件“a.xlsx”工作表“Sheet1”第 3 行 D 列（出生日期）：出生日期 2099-01-01 晚于今天。"


def test_registering_another_importer_under_a_taken_kind_fails(importer):
    other = Importer(
        kind=KIND,
        label="x",
        template_url_name=None,
        check=lambda job: CheckResult([]),
        apply=lambda job, progress: {},
        may_import=may_import,
        needs_school=False,
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register(other)
    registry.register(importer)  # the same one again is fine


def test_role_changes_are_seen_by_the_next_check(cast):
    user = cast.user("principal")
    RoleAssignment.objects.filter(user=user).delete()
    forget_scope(user)
    assert registry.get_importer("students").may_import(user, ImportJob(kind="students", created_by=user)) is False


@pytest.mark.django_db(transaction=True)
def test_progress_while_applying_is_visible_to_other_connections_on_postgresql(cast, monkeypatch):
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: progress is not written while applying (docs/rosters.md)")
    monkeypatch.setattr("zhiliang.imports.progress._MIN_INTERVAL", 0)
    seen = []

    def apply_and_look(job, progress):
        EducationGroup.objects.create(county=job.county, name="北区")
        progress(50, "写到一半")
        side = connections.create_connection("default")
        try:
            with side.cursor() as cursor:
                cursor.execute("SELECT progress, progress_message FROM imports_importjob WHERE id = %s", [job.pk])
                seen.append(cursor.fetchone())
                cursor.execute("SELECT count(*) FROM org_educationgroup WHERE name = %s", ["北区"])
                seen.append(cursor.fetchone())
        finally:
            side.close()
        return {"create": 1}

    registry._REGISTRY[KIND] = Importer(
        kind=KIND, label="测试", template_url_name=None, check=check, apply=apply_and_look,
        may_import=may_import, needs_school=False,
    )  # fmt: skip
    job = import_job_confirm(job=create(cast.user("bureau_admin"), "名称\n北区\n"), user=cast.user("bureau_admin"))
    assert job.status == ImportStatus.DONE
    assert seen == [(65, "写到一半"), (0,)]  # progress is seen, the rows written so far are not
