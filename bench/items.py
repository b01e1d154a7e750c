"""Benchmark of item analysis at county scale: 60,000 students × 25 items (results in docs/benchmarks.md).

    .venv/bin/python bench/items.py                      # 60,000 × 25, with the database stages
    .venv/bin/python bench/items.py --students 6000      # a quick run
    .venv/bin/python bench/items.py --no-db              # the pure core only (what `zhiliang items` does)

It writes a deterministic item-score workbook as a marking system exports it (学籍号, 学校, 班级, 25 item
columns with a 满分 row and an 答案 row; 10 single-choice items as letters, 15 constructed items as points;
300 schools, 1,500 classes) into bench/data/ (git-ignored), then times, in one process:

1. read: `read_item_scores` (read the workbook, find the 满分/答案 rows, score letters against the key,
   check every cell);
2. analyse: `analyse_items` (difficulty, D, item-total and corrected correlations, α, α if deleted, SEM,
   distractors by group) and `knowledge_mastery` (8 knowledge points, per student, class, school, grade);
3. with the database (a throwaway SQLite database from the test settings): write the 60,000 `ItemResponse`
   rows (`responses_write`, as the importer's apply does), then `paper_data` reading them back and
   analysing (what the first page view of a paper costs).

Peak memory is the process's maximum resident set (getrusage). Student matching (学籍号 → database ids, done
by the exams app's matcher for score imports too) is not part of the database stage: the students are
created with the ids the file uses.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"
ITEMS = 25
CHOICE = 10
KNOWLEDGE = ("实数", "整式", "方程", "不等式", "函数", "三角形", "圆", "统计")


def _maxima() -> list[int]:
    return [3] * CHOICE + [4, 4, 4, 4, 4, 6, 6, 6, 8, 8, 8, 10, 10, 12, 12]


def generate(students: int, path: Path) -> None:
    """The workbook, streamed with xlsxwriter (constant memory)."""
    import xlsxwriter

    rng = np.random.default_rng(2025)
    maxima = _maxima()
    keys = [("ABCD")[i % 4] for i in range(CHOICE)]
    b = np.linspace(-1.5, 1.5, ITEMS)
    theta = rng.normal(size=students)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("小题分")
    sheet.write_row(0, 0, ["学籍号", "学校", "班级", *[str(i + 1) for i in range(ITEMS)]])
    sheet.write_row(1, 0, ["满分", None, None, *maxima])
    sheet.write_row(2, 0, ["答案", None, None, *keys])
    p = 1 / (1 + np.exp(-1.5 * (theta[:, None] - b[None, :])))
    for s in range(students):
        school = s % 300
        row: list[object] = [f"G{s:08d}", f"学校{school:03d}", f"九年级({s // 300 % 5 + 1})班"]
        for i in range(ITEMS):
            if i < CHOICE:
                row.append(keys[i] if rng.random() < p[s, i] else "ABCD"[(i + 1 + s) % 4])
            else:
                row.append(round(float(maxima[i] * p[s, i])))
        sheet.write_row(3 + s, 0, row)
    workbook.close()


def peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_core(path: Path) -> tuple[dict[str, float], object]:
    from zhiliang.core.items import analyse_items, knowledge_mastery, read_item_scores

    times: dict[str, float] = {}
    start = time.perf_counter()
    sheet = read_item_scores(path, filename=path.name, max_bytes=500 * 1024 * 1024)
    times["read"] = time.perf_counter() - start
    assert not sheet.problems, sheet.problems[:3]
    start = time.perf_counter()
    analysis = analyse_items(sheet.points, sheet.items, sheet.answers)
    import polars as pl

    units = pl.DataFrame(
        {
            "student": [s.student_id for s in sheet.students],
            "school": [s.school for s in sheet.students],
            "class": [s.class_name for s in sheet.students],
        }
    )
    kps = {name: [i for i in range(ITEMS) if i % len(KNOWLEDGE) == k] for k, name in enumerate(KNOWLEDGE)}
    knowledge_mastery(sheet.points, [it.max_points for it in sheet.items], kps, units)
    times["analyse"] = time.perf_counter() - start
    assert analysis.test.n == len(sheet.students)
    return times, sheet


def run_db(sheet: object) -> dict[str, float]:
    """Write and read back the item scores in a throwaway SQLite database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhiliang.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _db_stages(sheet)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def _db_stages(sheet: object) -> dict[str, float]:
    import datetime

    from zhiliang.core.items import ItemSpec
    from zhiliang.curriculum.models import Subject
    from zhiliang.exams.models import Exam, ExamSubject
    from zhiliang.items.analysis import paper_data
    from zhiliang.items.models import Paper
    from zhiliang.items.services import ResponseWrite, paper_define, responses_write
    from zhiliang.org.models import County, School, SchoolClass, SchoolYear, Term
    from zhiliang.people.models import Student

    county = County.objects.create(name="基准县", code="999999")
    year = SchoolYear.objects.create(
        county=county, start_year=2025, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 7, 31)
    )
    term = Term.objects.create(
        school_year=year, number=1, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 1, 20)
    )
    subject = Subject.objects.create(code="math", name="数学")
    schools = School.objects.bulk_create(
        [School(county=county, code=f"S{i:03d}", name=f"学校{i:03d}", kind="junior") for i in range(300)]
    )
    classes = SchoolClass.objects.bulk_create(
        [SchoolClass(school=s, school_year=year, grade=9, number=n) for s in schools for n in range(1, 6)]
    )
    students = sheet.students  # type: ignore[attr-defined]
    rows = Student.objects.bulk_create(
        [
            Student(
                county=county,
                student_number=s.student_id,
                name=f"学生{i}",
                sex="M",
                birth_date=datetime.date(2011, 1, 1),
                school=schools[i % 300],
            )
            for i, s in enumerate(students)
        ],
        batch_size=5000,
    )
    exam = Exam.objects.create(county=county, scope="county", term=term, name="基准统考", kind="unified")
    es = ExamSubject.objects.create(exam=exam, grade=9, subject=subject, full_marks=150)
    items: list[ItemSpec] = list(sheet.items)  # type: ignore[attr-defined]
    paper = paper_define(exam_subject=es, items=items)
    points = sheet.points  # type: ignore[attr-defined]
    answers = sheet.answers  # type: ignore[attr-defined]
    writes = [
        ResponseWrite(
            row.pk,
            classes[(i % 300) * 5 + i // 300 % 5].pk,
            [None if np.isnan(v) else float(v) for v in points[i]],
            {str(k): letters[i] for k, letters in answers.items() if letters[i]},
        )
        for i, row in enumerate(rows)
    ]
    times: dict[str, float] = {}
    start = time.perf_counter()
    responses_write(paper=paper, rows=writes)
    times["db_write"] = time.perf_counter() - start
    paper = Paper.objects.get(pk=paper.pk)
    start = time.perf_counter()
    data = paper_data(paper)
    times["db_read_and_analyse"] = time.perf_counter() - start
    assert data.analysis.test.n == len(students)
    start = time.perf_counter()
    again = responses_write(paper=paper, rows=writes)
    times["db_write_again_unchanged"] = time.perf_counter() - start
    assert again["unchanged"] == len(students)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    parser.add_argument("--no-db", action="store_true")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"items-{args.students}x{ITEMS}.xlsx"
    if not path.exists():
        generate(args.students, path)
    times, sheet = run_core(path)
    result: dict[str, object] = {
        "students": args.students,
        "items": ITEMS,
        "file_mib": round(path.stat().st_size / 1024 / 1024, 1),
        **{k: round(v, 2) for k, v in times.items()},
        "peak_rss_mib_core": peak_mib(),
    }
    if not args.no_db:
        result.update({k: round(v, 2) for k, v in run_db(sheet).items()})
        result["peak_rss_mib"] = peak_mib()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
