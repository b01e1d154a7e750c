"""Training records and achievements: a teacher records, the leadership confirms, evidence stays scoped."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.development import factories
from zhiliang.audit.models import AuditEvent
from zhiliang.development.models import Achievement, Confirmation, Evidence, TrainingRecord
from zhiliang.development.selectors import training_progress_by_teacher

AS_OF = datetime.date(2026, 1, 10)


def _training_post(cast, **extra):
    return {
        "teacher": cast.teachers["subject_teacher"].pk,
        "course": "国培计划·初中数学",
        "provider": "省教育厅",
        "level": "provincial",
        "started_on": "2025-07-10",
        "ended_on": "2025-07-20",
        "hours": "60",
        **extra,
    }


def test_teacher_records_a_course_with_its_certificate(cast, login):
    client = login(cast, "subject_teacher")
    certificate = SimpleUploadedFile("结业证书.pdf", b"%PDF-1.4 certificate", content_type="application/pdf")
    response = client.post(reverse("development:training_add"), {**_training_post(cast), "evidence": certificate})
    teacher = cast.teachers["subject_teacher"]
    assert response.status_code == 302 and response["Location"] == reverse("development:archive", args=[teacher.pk])
    record = TrainingRecord.objects.get(teacher=teacher)
    assert record.status == Confirmation.PENDING and record.hours == Decimal(60)
    assert record.evidence.get().original_name == "结业证书.pdf"
    # Pending hours do not count toward the 360 yet.
    assert training_progress_by_teacher([teacher.pk], AS_OF)[teacher.pk].hours == 0


def test_a_teacher_cannot_record_for_a_colleague(cast, login):
    client = login(cast, "subject_teacher")
    post = _training_post(cast, teacher=cast.teachers["head_teacher"].pk)
    response = client.post(reverse("development:training_add"), post)
    assert response.status_code == 200  # the form refuses the choice
    assert not TrainingRecord.objects.exists()


def test_principal_confirms_and_hours_count(cast, login):
    record = factories.training(cast, hours="48")
    teacher = cast.teachers["subject_teacher"]
    client = login(cast, "principal")
    response = client.post(reverse("development:training_confirm", args=[record.pk]), {"accept": "1"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == Confirmation.CONFIRMED and record.confirmed_by == cast.user("principal")
    assert training_progress_by_teacher([teacher.pk], AS_OF)[teacher.pk].hours == Decimal(48)


def test_principal_rejects(cast, login):
    record = factories.achievement(cast)
    login(cast, "academic_director").post(reverse("development:achievement_confirm", args=[record.pk]), {"accept": "0"})
    record.refresh_from_db()
    assert record.status == Confirmation.REJECTED


def test_principal_records_for_a_teacher_confirmed_at_once(cast, login):
    client = login(cast, "principal")
    client.post(
        reverse("development:achievement_add"),
        {
            "teacher": cast.teachers["head_teacher"].pk,
            "kind": "open_lesson",
            "title": "《一元一次方程》公开课",
            "level": "school",
            "date": "2025-11-12",
            "detail": "",
        },
    )
    assert Achievement.objects.get().status == Confirmation.CONFIRMED


def test_other_school_principal_cannot_pick_our_teacher(cast, login):
    client = login(cast, "central_principal")
    assert client.get(reverse("development:training_add")).status_code == 404  # nobody to record for


def test_evidence_is_a_scoped_download(cast, login):
    item = factories.evidence(cast)
    url = reverse("development:evidence", args=[item.pk])
    response = login(cast, "subject_teacher").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert login(cast, "head_teacher").get(url).status_code == 404  # a colleague
    assert login(cast, "other_teacher").get(url).status_code == 404
    assert "development/evidence/" in item.file.name and "证书" not in item.file.name


def test_evidence_of_a_kind_a_browser_would_run_is_refused(cast, login):
    client = login(cast, "subject_teacher")
    page = SimpleUploadedFile("cert.html", b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(reverse("development:training_add"), {**_training_post(cast), "evidence": page})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not TrainingRecord.objects.exists() and not Evidence.objects.exists()


def test_lists_are_scoped(cast, login):
    factories.training(cast, "subject_teacher", course="甲课程")
    factories.training(cast, "other_teacher", course="乙课程")
    mine = login(cast, "subject_teacher").get(reverse("development:training_list")).content.decode()
    assert "甲课程" in mine and "乙课程" not in mine
    colleague = login(cast, "head_teacher").get(reverse("development:training_list")).content.decode()
    assert "甲课程" not in colleague
    principal = login(cast, "principal").get(reverse("development:training_list")).content.decode()
    assert "甲课程" in principal and "乙课程" not in principal
    county = login(cast, "bureau_analyst").get(reverse("development:training_list")).content.decode()
    assert "甲课程" in county and "乙课程" in county


def test_list_export_is_audited(cast, login):
    factories.training(cast, course="甲课程")
    response = login(cast, "principal").get(reverse("development:training_list") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="export", detail__what="development_training").exists()


def test_list_queries_do_not_grow(cast, login, django_assert_max_num_queries):
    client = login(cast, "principal")
    factories.training(cast)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("development:training_list"))
    for _ in range(15):
        factories.evidence(cast)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("development:training_list"))
