"""Benchmark of the web side of exam analysis at county scale, on PostgreSQL.

Builds, in a fresh test database (``test_<name>`` of ``DATABASE_URL``, dropped afterwards), a county of 300
schools with 1,500 classes of 40 (grades 7–9, 60,000 students), a teacher per school × grade × subject and
their teaching assignments; writes the 60,000-row wide score file (9 subjects, 540,000 scores, a few status
words) with xlsxwriter, then times:

1. the import through the generic flow: upload + check (read, match, validate, preview) and confirm + apply
   (the flow checks again inside the transaction, then writes 540,000 scores and completes the roster);
2. the first analysis of each grade (one query for the long frame, the core, storing the cache);
3. rendering the county overview, a school page and a class page for a bureau analyst with the cache in the
   database but not in the process's memo (a fresh worker), and again warm; and the 质量分析报告 PDF of a school.

No assertions; record the numbers in docs/benchmarks.md (section "Web import and pages").

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench .venv/bin/python bench/bench_web_import.py``
(``--students 6000`` for a quick run).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhiliang.settings_test")

T = TypeVar("T")
SUBJECTS = [("语文", 120), ("数学", 120), ("英语", 120), ("道德与法治", 100), ("历史", 100), ("地理", 100)]
SUBJECTS += [("物理", 100), ("化学", 100), ("生物", 100)]
CLASS_SIZE = 40
CLASSES_PER_SCHOOL = 5
TIMINGS: list[tuple[str, float]] = []


def timed(label: str, function: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    TIMINGS.append((label, elapsed))
    print(f"{label:<62} {elapsed:8.2f} s   (peak RSS {peak_mb():,.0f} MB)", flush=True)
    return result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_county(students: int) -> dict[str, Any]:
    from zhiliang.accounts.models import Role, RoleAssignment, User
    from zhiliang.curriculum.models import Subject
    from zhiliang.org.models import County, EducationGroup, School, SchoolClass, SchoolKind, SchoolYear, Term
    from zhiliang.people.models import ClassMembership, Student, Teacher, TeachingAssignment

    county = County.objects.create(name="基准县")
    groups = [EducationGroup.objects.create(county=county, name=f"第{i + 1}学区") for i in range(20)]
    year = SchoolYear.objects.create(
        county=county, start_year=2025, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 7, 31)
    )
    term = Term.objects.create(
        school_year=year, number=1, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 1, 20)
    )
    subjects = [Subject.objects.create(code=f"s{i}", name=name, order=i) for i, (name, _f) in enumerate(SUBJECTS)]
    n_classes = students // CLASS_SIZE
    n_schools = max(1, n_classes // CLASSES_PER_SCHOOL)
    schools = School.objects.bulk_create(
        School(county=county, group=groups[i % 20], code=f"S{i:03d}", name=f"第{i + 1:03d}中学", kind=SchoolKind.JUNIOR)
        for i in range(n_schools)
    )
    classes = []
    for school in schools:
        for c in range(CLASSES_PER_SCHOOL):
            grade = 7 + c % 3
            classes.append(SchoolClass(school=school, school_year=year, grade=grade, number=1 + c // 3))
    classes = SchoolClass.objects.bulk_create(classes, batch_size=2000)
    people = Student.objects.bulk_create(
        (
            Student(
                county=county,
                student_number=f"G{i:012d}",
                name=f"学生{i}",
                sex="M" if i % 2 else "F",
                school=classes[i // CLASS_SIZE].school,
            )
            for i in range(n_classes * CLASS_SIZE)
        ),
        batch_size=5000,
    )
    ClassMembership.objects.bulk_create(
        (
            ClassMembership(
                student=student, school_class=classes[i // CLASS_SIZE], school_year=year, seat_number=i % 40 + 1
            )
            for i, student in enumerate(people)
        ),
        batch_size=5000,
    )
    teachers = Teacher.objects.bulk_create(
        (
            Teacher(county=county, school=school, staff_number=f"T{s:03d}{g}{k}", name=f"教师{s}-{g}-{k}", sex="F")
            for s, school in enumerate(schools)
            for g in (7, 8, 9)
            for k in range(len(subjects))
        ),
        batch_size=5000,
    )
    by_key = {(t.school_id, int(t.staff_number[4]), int(t.staff_number[5:])): t for t in teachers}
    TeachingAssignment.objects.bulk_create(
        (
            TeachingAssignment(
                teacher=by_key[(klass.school_id, klass.grade, k)], school_class=klass, subject=subject, term=term
            )
            for klass in classes
            for k, subject in enumerate(subjects)
        ),
        batch_size=5000,
    )
    analyst = User.objects.create_user(username="analyst", password="x" * 12)
    RoleAssignment.objects.create(user=analyst, role=Role.BUREAU_ANALYST, county=county)
    admin = User.objects.create_user(username="admin", password="x" * 12)
    RoleAssignment.objects.create(user=admin, role=Role.BUREAU_ADMIN, county=county)
    return {"county": county, "term": term, "subjects": subjects, "schools": schools, "classes": classes,
            "students": people, "admin": admin, "analyst": analyst}  # fmt: skip


def score_file(world: dict[str, Any]) -> bytes:
    """The wide sheet a county exam office would upload: 学校, 班级, 学籍号, 姓名, nine subjects."""
    import xlsxwriter

    from zhiliang.org.models import grade_name

    rng = random.Random(7)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet("成绩")
    sheet.write_row(0, 0, ["学校", "班级", "学籍号", "姓名", *(name for name, _f in SUBJECTS)])
    schools = {s.pk: s.name for s in world["schools"]}
    for i, student in enumerate(world["students"]):
        klass = world["classes"][i // CLASS_SIZE]
        row: list[object] = [
            schools[klass.school_id],
            f"{grade_name(klass.grade)}({klass.number})班",
            student.student_number,
            student.name,
        ]
        ability = rng.gauss(0, 1)
        for _name, full in SUBJECTS:
            draw = rng.random()
            if draw < 0.006:
                row.append("缺考")
            elif draw < 0.008:
                row.append("免考")
            else:
                row.append(
                    max(0.0, min(full, round((0.68 + 0.14 * (0.8 * ability + rng.gauss(0, 0.6))) * full * 2) / 2))
                )
        sheet.write_row(i + 1, 0, row)
    book.close()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (see the module docstring).")

    import logging

    import django

    django.setup()
    for noisy in ("weasyprint", "fontTools", "django.request"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.utils import setup_databases, teardown_databases

    settings.MAX_UPLOAD_BYTES = 200 * 1024 * 1024
    settings.ALLOWED_HOSTS = ["*"]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from zhiliang.exams import cache
        from zhiliang.exams.analysis import grade_analysis
        from zhiliang.exams.importer import KIND
        from zhiliang.exams.reports import report_request
        from zhiliang.exams.services import exam_create
        from zhiliang.imports import services as imports

        world = timed("build the county (schools, classes, students, teachers)", lambda: build_county(args.students))
        content = timed("write the wide score file (xlsxwriter)", lambda: score_file(world))
        print(
            f"score file: {len(content) / 1e6:.1f} MB, {len(world['students']):,} students × {len(SUBJECTS)} subjects"
        )
        exam = exam_create(
            actor=world["admin"],
            name="基准县七至九年级期末统考",
            kind="unified",
            term=world["term"],
            subjects=dict.fromkeys((7, 8, 9), world["subjects"]),
            scope="county",
            county=world["county"],
        )
        job = timed(
            "import: upload + check (read, match, validate, preview)",
            lambda: imports.import_job_create(
                user=world["admin"], kind=KIND, upload=SimpleUploadedFile("成绩.xlsx", content), target_id=exam.pk
            ),
        )
        if job.status != "ready":
            sys.exit(f"check failed: {job.status} {job.problems[:3]}")
        profiler = None
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        job = timed(
            "import: confirm + apply (check again, write, warm the analysis)",
            lambda: imports.import_job_confirm(job=job, user=world["admin"]),
        )
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(os.environ["BENCH_PROFILE"])
        job.refresh_from_db()
        print(f"import result: {job.status} {job.result}")
        exam.refresh_from_db()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        timed("import the same file again (check + apply, nothing changes)", lambda: imports.import_job_confirm(
            job=imports.import_job_create(user=world["admin"], kind=KIND, upload=SimpleUploadedFile("成绩.xlsx", content), target_id=exam.pk),
            user=world["admin"],
        ))  # fmt: skip
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(os.environ["BENCH_PROFILE"] + ".again")
        exam.refresh_from_db()
        # The import warmed the cache (tasks.analysis_warm); drop it to time a first analysis.
        from zhiliang.exams.models import AnalysisCache

        AnalysisCache.objects.filter(exam=exam).delete()
        cache.cache_forget()
        for grade in (7, 8, 9):
            timed(
                f"first analysis of grade {grade} (long frame query + core + cache)",
                lambda g=grade: grade_analysis(exam, g),
            )
        client = Client()
        client.force_login(world["analyst"])
        school, klass = world["schools"][0], world["classes"][0]
        from zhiliang.people.models import TeachingAssignment

        teacher_id = TeachingAssignment.objects.filter(school_class=klass).values_list("teacher_id", flat=True).first()
        pages = {
            "county overview (grade 7)": reverse("exams:overview", args=[exam.pk]) + "?grade=7",
            "school page (grade 7)": reverse("exams:school", args=[exam.pk, school.pk]) + "?grade=7",
            "class page": reverse("exams:class", args=[exam.pk, klass.pk]),
            "student page": reverse("exams:student", args=[exam.pk, world["students"][0].pk]),
            "teacher page": reverse("exams:teacher", args=[exam.pk, teacher_id]) + "?grade=7",
            "exam page": reverse("exams:detail", args=[exam.pk]),
        }
        for label, url in pages.items():
            cache.cache_forget()
            response = timed(f"page: {label}, cache in the database only", lambda u=url: client.get(u))
            assert response.status_code == 200, (label, response.status_code)
            timed(f"page: {label}, warm", lambda u=url: client.get(u))
        queries = []
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            client.get(pages["county overview (grade 7)"])
        queries.append(len(context))
        print(f"county overview: {queries[0]} queries")
        # With the immediate task backend the report is built as soon as it is requested (outside a transaction).
        report = timed(
            "质量分析报告 PDF of a school (request + background build)",
            lambda: report_request(
                exam=exam, grade=7, kind="pdf", scope_key=f"school:{school.pk}", actor=world["admin"]
            ),
        )
        report.refresh_from_db()
        print(f"report: {report.status} {len(bytes(report.content or b'')) / 1e3:.0f} kB")
    finally:
        teardown_databases(old, verbosity=0)
    print(f"\npeak RSS {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
