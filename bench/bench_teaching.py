"""Benchmark of the teaching-routines core at county scale: scoring a year of lesson observations and checking a
term of homework loads.

Generates, deterministically (fixed seed), 20,000 observed lessons on the default 17-item rubric (a county of
500 teachers, about 40 lessons each a year counting every observer) and 200 classes × 100 school days of
homework (3–5 tasks a day); times `score_form` over every lesson, `standard_summary` and `criterion_shares`
over all of them, and `day_load` over every class-day. Prints wall and CPU time. No assertions: record the
numbers in docs/benchmarks.md.

Run: ``.venv/bin/python bench/bench_teaching.py``
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

from zhiliang.core.teaching.defaults import LESSON_RUBRIC
from zhiliang.core.teaching.homework import Task, day_load
from zhiliang.core.teaching.rubric import level_points, score_form
from zhiliang.core.teaching.summaries import LessonScore, criterion_shares, standard_summary

LESSONS, CLASSES, DAYS = 20_000, 200, 100


def _timed(label: str, function):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    rng = random.Random(7)
    levels = LESSON_RUBRIC.levels
    forms = [{item.key: level_points(item, rng.choice(levels)) for item in LESSON_RUBRIC.items} for _ in range(LESSONS)]
    days = [
        (rng.randint(1, 9), [Task(rng.randint(5, 30), rng.random() < 0.8) for _ in range(rng.randint(3, 5))])
        for _ in range(CLASSES * DAYS)
    ]
    scored = _timed(f"score_form × {LESSONS}", lambda: [score_form(LESSON_RUBRIC, f, Decimal(0)) for f in forms])
    lessons = [LessonScore(s.score, s.meets_standard, s.by_criterion) for s in scored]
    _timed("standard_summary + criterion_shares", lambda: (standard_summary(lessons), criterion_shares(lessons)))
    loads = _timed(f"day_load × {len(days)}", lambda: [day_load(grade, tasks) for grade, tasks in days])
    print(f"alerts: {sum(1 for load in loads if load.is_alert)} of {len(loads)} class-days")


if __name__ == "__main__":
    main()
