"""Benchmark of the struggling-student rules (``zhiliang.core.support.identify``) at county scale.

Generates, deterministically (fixed seed), three exams of a county grade: 300 schools x 200 students (60,000
students) with 语数英 scores out of 120 and a total; then times identifying candidates school by school (as the
app does, one comparison group per school and grade) with the default rules (two low subjects or bottom 10 %, in
two consecutive exams), and computing the outcome of every candidate between the last two exams. Prints wall
and CPU time and the number of candidates. No assertions: record the numbers in docs/benchmarks.md.

Run: ``.venv/bin/python bench/bench_support.py``
"""

from __future__ import annotations

import random
import time

from zhiliang.core.support import ExamCohort, IdentificationRules, OutcomePoint, StudentExam, identify, outcome_between

SCHOOLS, PER_SCHOOL, EXAMS = 300, 200, 3
SUBJECTS = ("语文", "数学", "英语")
LINES = dict.fromkeys(SUBJECTS, 48.0)


def county(seed: int = 7) -> list[list[ExamCohort]]:
    rng = random.Random(seed)
    ability = {f"S{s:03d}-{i:03d}": rng.gauss(0, 1) for s in range(SCHOOLS) for i in range(PER_SCHOOL)}
    exams: list[list[ExamCohort]] = []
    for exam in range(EXAMS):
        cohorts = []
        for school in range(SCHOOLS):
            students = []
            for i in range(PER_SCHOOL):
                sid = f"S{school:03d}-{i:03d}"
                scores = {s: max(0.0, min(120.0, 75 + 22 * ability[sid] + rng.gauss(0, 10))) for s in SUBJECTS}
                students.append(StudentExam(sid, sum(scores.values()), scores, LINES))
            cohorts.append(ExamCohort(exam, f"exam {exam}", students))
        exams.append(cohorts)
    return exams


def main() -> None:
    exams = county()
    rules = IdentificationRules()
    wall, cpu = time.perf_counter(), time.process_time()
    found = []
    for school in range(SCHOOLS):
        found += identify([exams[e][school] for e in range(EXAMS)], rules)
    print(
        f"identify: {len(found)} candidates of {SCHOOLS * PER_SCHOOL} students "
        f"in {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
    )
    wall = time.perf_counter()
    points = [OutcomePoint(1, "x", random.random() * 100, 2) for _ in found]
    after = [OutcomePoint(2, "y", random.random() * 100, 1) for _ in found]
    outcomes = [outcome_between(a, b) for a, b in zip(points, after, strict=True)]
    print(f"outcomes: {len(outcomes)} in {time.perf_counter() - wall:.3f} s")


if __name__ == "__main__":
    main()
