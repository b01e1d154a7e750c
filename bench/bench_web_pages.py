"""Benchmark of the foundation's pages at county scale: home pages, lists and detail pages per role.

Builds, in a fresh test database (dropped afterwards), the county of `bench_web_import.build_county` (300 junior
schools, 1,500 classes of 40, 60,000 students, 8,100 teachers, 13,500 teaching assignments) plus a principal of
the first school and a head teacher of its first class, then renders each page with Django's test client (best
of 3, after one warm-up) and prints the time and the number of queries.

No assertions; record the numbers in docs/benchmarks.md (section "Foundation pages").

Run: ``.venv/bin/python bench/bench_web_pages.py`` (SQLite) or with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench`` (``--students 6000`` for a quick run).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhiliang.settings_test")

RUNS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the expected 404s of the head teacher
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    settings.ALLOWED_HOSTS = ["*"]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from bench.bench_web_import import build_county
        from zhiliang.accounts.models import Role, RoleAssignment, User

        started = time.perf_counter()
        world = build_county(args.students)
        print(f"built the county in {time.perf_counter() - started:.1f} s ({len(world['students']):,} students)")
        school, first_class = world["schools"][0], world["classes"][0]
        principal = User.objects.create_user(username="principal", password="x" * 12)
        RoleAssignment.objects.create(user=principal, role=Role.PRINCIPAL, school=school)
        head = User.objects.create_user(username="head", password="x" * 12)
        teacher = first_class.assignments.first().teacher
        teacher.user = head
        teacher.save()
        first_class.head_teacher = teacher
        first_class.save()
        student = world["students"][0]

        pages = [
            ("home", reverse("web:home")),
            ("schools", reverse("org:school_list")),
            ("school", reverse("org:school_detail", args=[school.pk])),
            ("classes", reverse("org:class_list")),
            ("classes over the standard", reverse("org:class_list") + "?over_standard=1"),
            ("class", reverse("org:class_detail", args=[first_class.pk])),
            ("students", reverse("people:student_list")),
            ("students, search 学生12", reverse("people:student_list") + "?q=学生12"),
            ("student", reverse("people:student_detail", args=[student.pk])),
            ("teachers", reverse("people:teacher_list")),
            ("teacher", reverse("people:teacher_detail", args=[teacher.pk])),
        ]
        print(f"{'user':<10} {'page':<28} {'status':>6} {'best ms':>8} {'queries':>8}")
        for user in (world["analyst"], principal, head):
            client = Client()
            client.force_login(user)
            for label, url in pages:
                client.get(url)
                best = float("inf")
                for _ in range(RUNS):
                    with CaptureQueriesContext(connection) as queries:
                        began = time.perf_counter()
                        response = client.get(url)
                        best = min(best, time.perf_counter() - began)
                status = response.status_code
                print(f"{user.username:<10} {label:<28} {status:>6} {best * 1000:8.0f} {len(queries):8d}", flush=True)
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
