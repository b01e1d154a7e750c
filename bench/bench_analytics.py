"""Benchmark of ``analyze_exam`` at county scale.

Generates, deterministically (fixed seed), a county exam of 60,000 students x 9 subjects (540,000 score
rows) in 300 schools and 1,500 classes over grades 7-9, with 20 education groups, a few absent / exempt /
cheating / not-entered cells, one teacher per class and subject, and a previous exam. Then times:

1. ``analyze_exam`` on the previous exam (with teachers),
2. ``analyze_exam`` on the current exam with teachers and ``previous`` (the full feature set),
3. ``analyze_exam`` on the current exam alone (what ``zhiliang analyze`` does: no teachers, no previous),

and prints wall time, CPU time of all threads (steadier than wall time on a busy machine), peak Python-heap
memory (tracemalloc, which does not see polars' Rust allocations) and the process's peak resident set size so
far (getrusage), which does. With ``--runs N`` the analyses are repeated and the best run is printed (the
first run of a process also pays for imports and fresh memory). No assertions: record the numbers in
docs/benchmarks.md.

Run: ``.venv/bin/python bench/bench_analytics.py [--runs 3] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import polars as pl

from zhiliang.core.analytics import AnalysisConfig, SubjectSpec, analyze_exam

SUBJECTS = [
    SubjectSpec("语文", 120),
    SubjectSpec("数学", 120),
    SubjectSpec("英语", 120),
    SubjectSpec("物理", 100),
    SubjectSpec("化学", 100),
    SubjectSpec("道德与法治", 100),
    SubjectSpec("历史", 100),
    SubjectSpec("地理", 100),
    SubjectSpec("生物", 100),
]
T = TypeVar("T")
STUDENTS, SCHOOLS, CLASSES_PER_SCHOOL, GROUPS = 60_000, 300, 5, 20


def make_exam(seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One exam's long scores frame and the teaching assignments."""
    rng = np.random.default_rng(seed)
    students = np.arange(STUDENTS)
    class_no = students % (SCHOOLS * CLASSES_PER_SCHOOL)  # 1,500 classes of 40
    school_no = class_no // CLASSES_PER_SCHOOL
    grade = 7 + class_no % 3
    ability = rng.normal(0, 1, STUDENTS) + rng.normal(0, 0.4, SCHOOLS)[school_no]
    n_subjects = len(SUBJECTS)
    full = np.array([s.full_marks for s in SUBJECTS])
    raw = 0.68 + 0.14 * (ability[:, None] * 0.8 + rng.normal(0, 0.6, (STUDENTS, n_subjects)))
    score = np.clip(np.round(raw * full * 2) / 2, 0, full)
    status = rng.choice(
        np.array(["scored", "absent", "exempt", "cheating", "missing"]),
        p=[0.985, 0.008, 0.002, 0.001, 0.004],
        size=(STUDENTS, n_subjects),
    )
    roster = pl.DataFrame({"i": students, "c": class_no, "s": school_no, "g": grade}).select(
        student_id=pl.format("S{}", pl.col("i").cast(pl.String).str.zfill(6)),
        name=pl.format("学生{}", "i"),
        school=pl.format("第{}中学", pl.col("s") + 1),
        **{"class": pl.format("{}班", pl.col("c") % CLASSES_PER_SCHOOL + 1)},
        grade=pl.format("{}年级", "g"),
        group=pl.format("集团{}", pl.col("s") % GROUPS + 1),
    )
    flat_status = status.ravel()
    scores = roster.join(pl.DataFrame({"subject": [s.name for s in SUBJECTS]}), how="cross").with_columns(
        score=pl.Series(np.where(flat_status == "scored", score.ravel(), np.nan)).fill_nan(None),
        status=pl.Series(flat_status),
    )
    classes = scores.select("school", "grade", "class").unique(maintain_order=True)
    teachers = (
        classes.join(pl.DataFrame({"subject": [s.name for s in SUBJECTS]}), how="cross")
        .with_row_index("i")
        .with_columns(teacher=pl.format("教师{}", pl.col("i") // 2))  # each teaches two classes
        .drop("i")
    )
    return scores, teachers


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def timed(label: str, func: Callable[[], T], runs: int = 1) -> T:
    best: tuple[float, float, float] | None = None
    for _ in range(runs):
        tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = func()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        _, heap = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if best is None or elapsed < best[0]:
            best = (elapsed, cpu, float(heap))
    assert best is not None
    elapsed, cpu, peak = best
    print(
        f"{label:<36} {elapsed:5.2f} s (CPU {cpu:5.2f} s)   Python heap peak {peak / 2**20:5.1f} MiB"
        f"   process peak RSS so far {peak_rss_mib():6.0f} MiB" + (f"   best of {runs}" if runs > 1 else "")
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="repeat each analysis, print the fastest")
    parser.add_argument("--profile", action="store_true", help="cProfile the full analysis, top 30 functions")
    args = parser.parse_args()

    print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads")
    previous_scores, teachers = timed("generate previous exam", lambda: make_exam(1))
    scores, _ = timed("generate current exam", lambda: make_exam(2))
    print(f"rows: {scores.height:,}  classes: {teachers.select('school', 'grade', 'class').n_unique():,}")
    config = AnalysisConfig()
    previous = timed(
        "analyze_exam (teachers)",
        lambda: analyze_exam(previous_scores, SUBJECTS, config, teachers=teachers),
        args.runs,
    )
    current = timed(
        "analyze_exam (teachers + previous)",
        lambda: analyze_exam(scores, SUBJECTS, config, teachers=teachers, previous=previous),
        args.runs,
    )
    timed("analyze_exam (scores only)", lambda: analyze_exam(scores, SUBJECTS, config), args.runs)
    for name in current.FRAMES:
        print(f"  {name:<20} {getattr(current, name).height:>9,} rows")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(analyze_exam, scores, SUBJECTS, config, teachers=teachers, previous=previous)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
