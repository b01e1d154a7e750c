"""Import pages: upload, preview with problems, progress, confirmation, error report, list; who sees what."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.rosters.files import STUDENT_HEADER, upload, xlsx
from zhiliang.imports.models import ImportJob, ImportStatus
from zhiliang.people.models import Student

pytestmark = pytest.mark.django_db

GOOD = xlsx([STUDENT_HEADER, ["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"]])
BAD = xlsx(
    [
        STUDENT_HEADER,
        ["G001", "陈一", "男", "2013-02-30", "", "第一初级中学", "七年级", "1"],
        ["G002", "陈二", "男", "2013-05-01", "", "第一初级中学", "七年级", "9"],
    ]
)


def post_file(client, content, name="名册.xlsx", **data):
    return client.post("/imports/students/upload/", {"file": SimpleUploadedFile(name, content), **data})


def test_upload_preview_confirm(cast, client):
    client.force_login(cast.user("academic_director"))
    page = client.get("/imports/students/upload/")
    assert page.status_code == 200
    assert "下载模板" in page.content.decode() and "/rosters/templates/students.xlsx" in page.content.decode()
    assert f'<option value="{cast.junior1.pk}" selected>' in page.content.decode()  # their only school
    response = post_file(client, GOOD, school=str(cast.junior1.pk))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/jobs/{job.pk}/"
    assert job.school == cast.junior1
    detail = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "检查通过" in detail and "确认导入" in detail and 'id="import-sample"' in detail and "陈一" in detail
    assert client.get(f"/imports/jobs/{job.pk}/confirm/").status_code == 405
    response = client.post(f"/imports/jobs/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Student.objects.filter(student_number="G001").exists()
    assert "已于" in client.get(f"/imports/jobs/{job.pk}/").content.decode()


def test_problems_are_listed_with_file_sheet_row_and_column(cast, client):
    client.force_login(cast.user("principal"))
    post_file(client, BAD, school="")
    job = ImportJob.objects.get()
    html = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "确认导入" not in html
    assert 'id="import-problems"' in html
    for header in ("文件", "工作表", "行", "列", "问题"):
        assert f'<th scope="col">{header}</th>' in html
    assert "“2013-02-30”不是有效日期" in html and "D（出生日期）" in html
    assert "第一初级中学本学年没有七年级(9)班" in html


def test_problems_in_english(cast, client):
    client.force_login(cast.user("principal"))
    post_file(client, BAD)
    job = ImportJob.objects.get()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "“2013-02-30” is not a valid date." in html
    assert "has no class 七年级(9) this school year" in html


def test_the_error_report_downloads_as_xlsx(cast, client):
    client.force_login(cast.user("principal"))
    post_file(client, BAD)
    job = ImportJob.objects.get()
    response = client.get(f"/imports/jobs/{job.pk}/problems.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert rows[1] == ("文件", "工作表", "行", "列", "列名", "问题")
    assert rows[2][:5] == ("名册.xlsx", "名册", 2, "D", "出生日期")
    assert len(rows) == 4


@override_settings(MAX_UPLOAD_BYTES=100)
def test_a_large_file_is_refused_with_a_clear_message(cast, client):
    client.force_login(cast.user("principal"))
    response = post_file(client, GOOD)
    assert response.status_code == 200
    assert "MB 的上限" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_progress_fragment(cast, client):
    client.force_login(cast.user("principal"))
    job = upload(cast.user("principal"), "students", GOOD)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLYING, progress=40, progress_message="正在写入")
    fragment = client.get(f"/imports/jobs/{job.pk}/progress/")
    html = fragment.content.decode()
    assert 'value="40"' in html and "正在写入" in html and 'hx-trigger="every 1s"' in html
    assert "正在写入" in client.get(f"/imports/jobs/{job.pk}/").content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, progress=100)
    done = client.get(f"/imports/jobs/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("principal", 200),  # uploaded it
        ("academic_director", 200),  # manages the same school
        ("bureau_admin", 200),  # the county's administrator
        ("bureau_analyst", 404),
        ("group_leader", 404),
        ("central_principal", 404),
        ("grade_leader", 404),
        ("head_teacher", 404),
        ("other_teacher", 404),
        ("outsider", 404),
    ],
)
def test_who_sees_a_job(cast, client, role, status):
    job = upload(cast.user("principal"), "students", GOOD, school=cast.junior1)
    client.force_login(cast.user(role))
    for url in (
        f"/imports/jobs/{job.pk}/",
        f"/imports/jobs/{job.pk}/progress/",
        f"/imports/jobs/{job.pk}/problems.xlsx",
    ):
        assert client.get(url).status_code == status, url
    confirm = client.post(f"/imports/jobs/{job.pk}/confirm/")
    assert confirm.status_code == (302 if status == 200 else 404)


def test_a_job_without_school_is_seen_by_its_owner_and_the_bureau_only(cast, client):
    job = upload(cast.user("academic_director"), "students", GOOD)
    ImportJob.objects.filter(pk=job.pk).update(school=None)
    for role, status in [("academic_director", 200), ("bureau_admin", 200), ("principal", 404)]:
        client.force_login(cast.user(role))
        assert client.get(f"/imports/jobs/{job.pk}/").status_code == status, role


def test_the_job_list_shows_visible_jobs_only(cast, client):
    mine = upload(cast.user("principal"), "students", GOOD, school=cast.junior1)
    other = upload(cast.user("bureau_admin"), "students", GOOD, school=cast.junior2)
    client.force_login(cast.user("principal"))
    html = client.get("/imports/").content.decode()
    assert f"/imports/jobs/{mine.pk}/" in html and f"/imports/jobs/{other.pk}/" not in html
    client.force_login(cast.user("bureau_admin"))
    html = client.get("/imports/").content.decode()
    assert f"/imports/jobs/{mine.pk}/" in html and f"/imports/jobs/{other.pk}/" in html
    client.force_login(cast.user("head_teacher"))
    assert client.get("/imports/").status_code == 404


def test_upload_pages_exist_only_for_those_who_may_import(cast, client):
    for role, status in [
        ("principal", 200),
        ("central_principal", 200),
        ("bureau_analyst", 404),
        ("head_teacher", 404),
    ]:
        client.force_login(cast.user(role))
        assert client.get("/imports/students/upload/").status_code == status, role
    assert client.get("/imports/nonsense/upload/").status_code == 404


def test_the_school_field_offers_only_managed_schools(cast, client):
    client.force_login(cast.user("central_principal"))
    html = client.get("/imports/students/upload/").content.decode()
    assert "城关中心小学" in html and "李庄教学点" in html and "第一初级中学" not in html
    response = post_file(client, GOOD, school=str(cast.junior1.pk))
    assert response.status_code == 200  # not a valid choice
    assert not ImportJob.objects.exists()
