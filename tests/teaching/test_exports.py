"""Exports are scoped like their pages and audited; the term report is a PDF; the county sees aggregates."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.teaching.factories import inspection_result, observation
from zhiliang.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _rows(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_observation_export_is_scoped_and_audited(cast, client):
    observation(cast)
    # A record in the other school (written directly through the service) that 一中's principal must not get.
    observation(cast, teacher="other_teacher", observer="bureau_admin", role="teacher", class_key="J02-7-1")
    client.force_login(cast.user("principal"))
    rows = _rows(client.get(reverse("teaching:export", args=["observations"])))
    teachers = [row[3] for row in rows[1:]]
    assert teachers == ["李老师"]
    assert AuditEvent.objects.filter(action="export", target_repr="observations").count() == 1


def test_every_table_exports(cast, client):
    observation(cast)
    inspection_result(cast)
    client.force_login(cast.user("principal"))
    for table, query in [("school", {"school": cast.junior1.pk}), ("results", {}), ("homework", {})]:
        response = client.get(reverse("teaching:export", args=[table]), query)
        assert response.status_code == 200, table
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(cast.user("bureau_analyst"))
    rows = _rows(client.get(reverse("teaching:export", args=["county"])))
    assert [row[0] for row in rows if row and row[0] == "第一初级中学"] == ["第一初级中学"]
    assert client.get(reverse("teaching:export", args=["school"]), {"school": cast.junior1.pk}).status_code == 404
    assert client.get(reverse("teaching:export", args=["nothing"])).status_code == 404


def test_term_report_pdf(cast, client):
    observation(cast)
    inspection_result(cast)
    client.force_login(cast.user("academic_director"))
    response = client.get(reverse("teaching:report", args=[cast.junior1.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_county_overview_shows_aggregates_without_teacher_names(cast, client):
    observation(cast)
    inspection_result(cast)
    client.force_login(cast.user("bureau_admin"))
    response = client.get(reverse("teaching:county"))
    row = next(r for r in response.context["rows"] if r["school"] == cast.junior1)
    assert (row["stats"].count, row["loop"].still_open) == (1, 1)
    assert "李老师" not in response.content.decode()
