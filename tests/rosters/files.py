"""Building roster files for tests (xlsx, xls, csv) and running them through the import flow."""

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from zhiliang.imports.models import ImportJob
from zhiliang.imports.services import import_job_confirm, import_job_create

STUDENT_HEADER = ["学籍号", "姓名", "性别", "出生日期", "身份证号", "学校", "年级", "班级"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(birth: str = "20130501", sequence: str = "001", region: str = "110101") -> str:
    """A valid 18-digit ID number (GB 11643 check digit) for the birth date YYYYMMDD and sequence."""
    body = region + birth + sequence
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def xlsx(rows: Sequence[Sequence[Any]], *, title: str | None = None, merge: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名册"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(rows: Sequence[Sequence[Any]]) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> bytes:
    text = "\n".join(",".join("" if value is None else str(value) for value in row) for row in rows) + "\n"
    return text.encode(encoding)


def upload(
    user: Any, kind: str, content: bytes, *, filename: str = "名册.xlsx", school: Any = None, **kwargs: Any
) -> ImportJob:
    """Upload and check (the test task backend runs the check at once); returns the checked job."""
    return import_job_create(
        user=user, kind=kind, upload=SimpleUploadedFile(filename, content), school=school, **kwargs
    )


def confirm(job: ImportJob, user: Any = None) -> ImportJob:
    import_job_confirm(job=job, user=user or job.created_by)
    job.refresh_from_db()
    return job


def codes(job: ImportJob) -> list[str]:
    return [problem["code"] for problem in job.problems]


def problems_at(job: ImportJob, code: str) -> list[dict[str, Any]]:
    return [problem for problem in job.problems if problem["code"] == code]
