"""The balance pages for each role: county table, school page with what-if, figures form, checklist with
evidence, measures, reports and exports."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tests.balance.factories import fill
from zhiliang.audit.models import AuditEvent
from zhiliang.balance.models import ChecklistAnswer, ChecklistItem, Evidence, IndicatorInput, Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(cast):
    fill(cast)
    return cast


def login(client, cast, role):
    client.force_login(cast.user(role))
    return client


def test_county_table_for_the_bureau(client, filled):
    response = login(client, filled, "bureau_analyst").get(reverse("balance:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "第一初级中学" in html and "第二初级中学" in html and "城关中心小学" in html
    assert "0.091" in html  # junior CV of teaching space (tests/balance/test_selectors.py)
    assert 'id="balance-charts"' in html and 'id="balance-trend"' in html
    assert "county-docx" in html  # the bureau gets the county report


def test_group_leader_sees_only_the_group_schools(client, filled):
    html = login(client, filled, "group_leader").get(reverse("balance:index")).content.decode()
    assert "第一初级中学" in html and "第二初级中学" not in html
    assert "county-docx" not in html
    assert (
        login(client, filled, "group_leader").get(reverse("balance:school", args=[filled.junior2.pk])).status_code
        == 404
    )


def test_school_page_shows_gaps_in_actionable_units(client, filled):
    html = login(client, filled, "principal").get(reverse("balance:school", args=[filled.junior1.pk])).content.decode()
    assert "还需体育运动场馆 1,100 平方米" in html  # 10.2 × 500 − 4,000
    assert "还需教学仪器设备 250,000 元" in html  # 2,500 × 500 − 1,000,000
    assert "edit-figures" in html
    assert "what-if-form" in html


def test_what_if_changes_verdict_and_cv(client, filled):
    client = login(client, filled, "principal")
    url = reverse("balance:what_if", args=[filled.junior1.pk])
    data = {
        "year": filled.year.pk, "students_junior": 500, "qualified_teachers_junior": 30, "backbone_teachers_junior": 6,
        "pe_arts_teachers_junior": 5, "teaching_area": 2900, "sports_area": 5100, "equipment_value": 1250000,
        "multimedia_rooms": 12,
    }  # fmt: skip
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "what-if-result" in html
    # Teaching space 2,900 / 500 = 5.8: met; junior CV of it: 5.8 and 6.0 → mean 5.8889, CV 0.0167.
    assert "5.80" in html and "0.017" in html
    assert IndicatorInput.objects.filter(school=filled.junior1, key="teaching_area").count() == 1  # nothing saved


def test_figures_form_records_history_and_permissions(client, filled):
    url = reverse("balance:figures", args=[filled.junior1.pk])
    assert login(client, filled, "bureau_analyst").get(url).status_code == 404
    assert login(client, filled, "group_leader").get(url).status_code == 404
    client = login(client, filled, "academic_director")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"year": filled.year.pk, "teaching_area": "3000", "sports_area": "4000", "note": "新建"}
    )
    assert response.status_code == 302
    rows = IndicatorInput.objects.filter(school=filled.junior1, key="teaching_area").order_by("entered_at")
    assert [int(r.value) for r in rows] == [2500, 3000]
    assert rows.last().entered_by == filled.user("academic_director")
    # Sports area unchanged (4,000): no new row.
    assert IndicatorInput.objects.filter(school=filled.junior1, key="sports_area").count() == 1


def test_teachers_get_404_everywhere(client, filled):
    for role in ("grade_leader", "head_teacher", "subject_teacher", "other_teacher", "outsider"):
        client.force_login(filled.user(role))
        assert client.get(reverse("balance:index")).status_code == 404
        assert client.get(reverse("balance:school", args=[filled.junior1.pk])).status_code == 404


def test_reports_and_exports(client, filled):
    client = login(client, filled, "principal")
    docx = client.get(reverse("balance:school_report", args=[filled.junior1.pk, "docx"]))
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        text = archive.read("word/document.xml").decode()
    assert "自评报告" in text and "未达标" in text and "每百名学生拥有高于规定学历教师数" in text
    pdf = client.get(reverse("balance:school_report", args=[filled.junior1.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("balance:school_xlsx", args=[filled.junior1.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert any(
        "生均体育运动场馆面积" in str(c.value) or "Sports" in str(c.value) for row in sheet.iter_rows() for c in row
    )
    assert client.get(reverse("balance:county_report", args=["docx"])).status_code == 404  # bureau only
    assert AuditEvent.objects.filter(action="export").count() == 2 + 1
    bureau = login(client, filled, "bureau_admin")
    county = bureau.get(reverse("balance:county_report", args=["docx"]))
    with zipfile.ZipFile(io.BytesIO(county.content)) as archive:
        assert "校际差异系数" in archive.read("word/document.xml").decode()
    book = openpyxl.load_workbook(io.BytesIO(bureau.get(reverse("balance:county_xlsx")).content))
    assert len(book.worksheets) == 2


def test_measures(client, filled):
    client = login(client, filled, "principal")
    url = reverse("balance:measure_add", args=[filled.junior1.pk])
    data = {
        "year": filled.year.pk,
        "key": "sports_area",
        "text": "租用体育公园",
        "deadline": "2026-09-01",
        "responsible": "李",
    }
    assert client.post(url, data).status_code == 302
    measure = Measure.objects.get()
    assert (
        login(client, filled, "bureau_analyst").post(reverse("balance:measure_delete", args=[measure.pk])).status_code
        == 404
    )
    assert (
        login(client, filled, "principal").post(reverse("balance:measure_delete", args=[measure.pk])).status_code == 302
    )
    assert not Measure.objects.exists()


def test_checklist_answers_and_evidence_are_scoped(client, filled, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        admin = login(client, filled, "bureau_admin")
        assert admin.get(reverse("balance:checklist")).status_code == 200
        s1 = ChecklistItem.objects.get(county=filled.county, code="S1")
        admin.post(reverse("balance:answer", args=[s1.pk]), {"year": filled.year.pk, "value": "84", "note": "问卷"})
        assert ChecklistAnswer.objects.get(item=s1).value == 84
        html = admin.get(reverse("balance:checklist")).content.decode()
        assert "table-danger" in html  # 84 % < 85 %
        upload = SimpleUploadedFile("问卷汇总.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        admin.post(reverse("balance:evidence_upload", args=[s1.pk]), {"year": filled.year.pk, "file": upload})
        evidence = Evidence.objects.get()
        assert str(tmp_path) in evidence.file.path
        # The analyst reads it; a principal may not answer county items, nor download county evidence.
        analyst = login(client, filled, "bureau_analyst")
        download = analyst.get(reverse("balance:evidence_download", args=[evidence.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
        principal = login(client, filled, "principal")
        assert principal.get(reverse("balance:evidence_download", args=[evidence.pk])).status_code == 404
        assert (
            principal.post(reverse("balance:answer", args=[s1.pk]), {"year": filled.year.pk, "value": "99"}).status_code
            == 404
        )
        assert principal.get(reverse("balance:checklist")).status_code == 404
        # School items: the principal answers its own school's, not another's.
        q2 = ChecklistItem.objects.get(county=filled.county, code="Q2")
        ok = principal.post(
            reverse("balance:answer", args=[q2.pk]),
            {"year": filled.year.pk, "value": "96", "school": filled.junior1.pk},
        )
        assert ok.status_code == 302
        other = principal.post(
            reverse("balance:answer", args=[q2.pk]),
            {"year": filled.year.pk, "value": "96", "school": filled.junior2.pk},
        )
        assert other.status_code == 404


def test_bureau_admin_configures_the_checklist(client, filled):
    from zhiliang.balance.services import checklist_defaults_ensure

    checklist_defaults_ensure(filled.county)
    s1 = ChecklistItem.objects.get(county=filled.county, code="S1")
    data = {
        "year": filled.year.pk,
        "text": "社会认可度",
        "comparator": ">=",
        "threshold": "90",
        "unit": "%",
        "is_active": "on",
    }
    assert (
        login(client, filled, "bureau_analyst").post(reverse("balance:item_update", args=[s1.pk]), data).status_code
        == 404
    )
    assert (
        login(client, filled, "bureau_admin").post(reverse("balance:item_update", args=[s1.pk]), data).status_code
        == 302
    )
    s1.refresh_from_db()
    assert s1.threshold == 90
