"""Benchmark of the student roster import at county scale (results in docs/benchmarks.md, "Roster import").

Builds, in a fresh test database (``test_<name>`` of ``DATABASE_URL``, or SQLite without it; dropped
afterwards), a county of 300 junior middle schools with 1,500 classes (grades 7–9) and no students; writes a
60,000-row student roster (学籍号, 姓名, 性别, 出生日期, 身份证号 with valid check digits, 学校, 年级, 班级) with
xlsxwriter; then times, through the generic import flow (the task backend runs immediately):

1. upload + check of the first import (read, validate every ID number, look up schools/classes/students),
2. confirm + apply (the flow checks again in the transaction, then creates 60,000 students with encrypted ID
   numbers, their memberships and enrolment events),
3. upload + check of the same file again (everything "unchanged"), and its apply (writes nothing).

No assertions; record the numbers in docs/benchmarks.md.

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench .venv/bin/python bench/bench_roster_import.py``
(``--students 6000`` for a quick run).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhiliang.settings_test")

T = TypeVar("T")
CLASS_SIZE = 40
CLASSES_PER_SCHOOL = 5
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def timed(label: str, function: Callable[[], T]) -> T:
    """Run and print wall time, this process's CPU time (steadier on a busy machine; the database server's
    work is not in it) and the peak resident memory so far."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<52} {elapsed:7.2f} s wall {cpu:7.2f} s CPU   (peak RSS {peak:,.0f} MB)", flush=True)
    return result


def id_number(index: int) -> str:
    """A distinct valid ID number per index, born between 2011-09-01 and 2013-07-31 (ages 12–14)."""
    birth = datetime.date(2011, 9, 1) + datetime.timedelta(days=index % 700)
    body = f"330102{birth:%Y%m%d}{index // 700:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def build_county(students: int) -> dict[str, Any]:
    from zhiliang.accounts.models import Role, RoleAssignment, User
    from zhiliang.org.models import County, School, SchoolClass, SchoolKind, SchoolYear

    county = County.objects.create(name="基准县")
    year = SchoolYear.objects.create(
        county=county,
        start_year=2025,
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 7, 31),
        is_current=True,
    )
    n_classes = students // CLASS_SIZE
    n_schools = max(1, n_classes // CLASSES_PER_SCHOOL)
    schools = School.objects.bulk_create(
        School(county=county, code=f"S{i:03d}", name=f"第{i + 1:03d}中学", kind=SchoolKind.JUNIOR)
        for i in range(n_schools)
    )
    classes = SchoolClass.objects.bulk_create(
        (
            SchoolClass(school=school, school_year=year, grade=7 + c % 3, number=1 + c // 3)
            for school in schools
            for c in range(CLASSES_PER_SCHOOL)
        ),
        batch_size=2000,
    )
    admin = User.objects.create_user(username="admin", password="x" * 12)
    RoleAssignment.objects.create(user=admin, role=Role.BUREAU_ADMIN, county=county)
    return {"classes": classes[:n_classes], "admin": admin}


def roster_file(world: dict[str, Any]) -> bytes:
    import xlsxwriter

    from zhiliang.org.models import grade_name

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet("学生名册")
    header = ["学籍号", "姓名", "性别", "出生日期", "身份证号", "学校", "年级", "班级"]
    sheet.write_row(0, 0, header)
    row = 1
    for number, school_class in enumerate(world["classes"]):
        for seat in range(CLASS_SIZE):
            index = number * CLASS_SIZE + seat
            identity = id_number(index)
            birth = f"{identity[6:10]}-{identity[10:12]}-{identity[12:14]}"
            sex = "男" if int(identity[16]) % 2 else "女"
            values = [f"G{identity}", f"学生{index}", sex, birth, identity]
            values += [school_class.school.name, grade_name(school_class.grade), str(school_class.number)]
            sheet.write_row(row, 0, values)
            row += 1
    workbook.close()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    settings.MAX_UPLOAD_BYTES = 100 * 1024 * 1024
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from zhiliang.imports.services import import_job_confirm, import_job_create
        from zhiliang.people.models import Student

        print(f"database: {connection.vendor}, students: {args.students:,}")
        world = timed("build the county (schools, classes)", lambda: build_county(args.students))
        content = timed("write the roster file (xlsxwriter)", lambda: roster_file(world))
        print(f"roster file: {len(content) / 1024 / 1024:.1f} MB")
        admin = world["admin"]

        def upload() -> Any:
            return import_job_create(user=admin, kind="students", upload=SimpleUploadedFile("名册.xlsx", content))

        job = timed("first import: upload + check", upload)
        assert job.status == "ready", job.problems[:3]
        job = timed(
            "first import: confirm + apply (check again, write)", lambda: import_job_confirm(job=job, user=admin)
        )
        print(f"  result: {job.result}, students now {Student.objects.count():,}")
        again = timed("same file again: upload + check", upload)
        print(f"  preview: {again.preview['summary']}")
        again = timed("same file again: confirm + apply", lambda: import_job_confirm(job=again, user=admin))
        print(f"  result: {again.result}")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
