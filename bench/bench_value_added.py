"""Benchmark of value-added (results in docs/benchmarks.md, "Value-added").

A generated county of 60,000 students in 1,500 classes of 300 schools sits two exams of 9 subjects. The run
is what the web pages do for a pair of exams, for every subject and the total at class and at school level:
T scores within each exam and subject (`zhiliang.core.value_added` takes them as given; the exams app computes
them in its analysis), the later exam joined to the earlier one by student, and 20 REML fits
(`zhiliang.core.value_added.value_added`: 10 outcomes x 2 levels, two priors each: the subject and the total).
Wall and CPU time per stage and the peak resident memory of this process; no assertions.

Run: ``.venv/bin/python bench/bench_value_added.py [--students 60000 --classes 1500 --schools 300]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import polars as pl

from zhiliang.core.value_added import value_added

SUBJECTS = ("语文", "数学", "英语", "物理", "化学", "道德与法治", "历史", "地理", "生物")
TOTAL = "总分"


def county(students: int, classes: int, schools: int, seed: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Long frames (student x subject) of two exams with school, class and teacher-like class effects."""
    rng = np.random.default_rng(seed)
    klass = rng.integers(0, classes, students)
    school = klass % schools
    ability = rng.normal(0, 1, students) + rng.normal(0, 0.3, schools)[school]
    growth = rng.normal(0, 0.15, classes)[klass] + rng.normal(0, 0.1, schools)[school]
    frames = []
    for exam, shift in (("earlier", 0.0), ("later", 1.0)):
        for subject in SUBJECTS:
            score = 70 + 12 * (ability + shift * growth + rng.normal(0, 0.45, students))
            frames.append(
                pl.DataFrame(
                    {
                        "student_id": np.arange(students),
                        "school": school.astype(str),
                        "class": (school.astype(str).astype(object) + "-" + klass.astype(str)).astype(str),
                        "subject": subject,
                        "score": np.clip(score, 0, 120),
                        "exam": exam,
                    }
                )
            )
    long = pl.concat(frames)
    return long.filter(pl.col("exam") == "earlier"), long.filter(pl.col("exam") == "later")


def t_scores(frame: pl.DataFrame) -> pl.DataFrame:
    """T = 50 + 10 z within the exam and subject, the total as one more subject (as the exams core does)."""
    total = (
        frame.group_by("student_id", "school", "class")
        .agg(pl.col("score").sum())
        .with_columns(pl.lit(TOTAL).alias("subject"))
    )
    both = pl.concat([frame.select(total.columns), total])
    z = (pl.col("score") - pl.col("score").mean().over("subject")) / pl.col("score").std(ddof=0).over("subject")
    return both.with_columns((50 + 10 * z).alias("t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60_000)
    parser.add_argument("--classes", type=int, default=1_500)
    parser.add_argument("--schools", type=int, default=300)
    args = parser.parse_args()

    def clock() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    timings: list[tuple[str, float, float]] = []
    wall, _cpu = clock()
    earlier, later = county(args.students, args.classes, args.schools)
    generated = clock()

    start = clock()
    before = t_scores(earlier)
    after = t_scores(later)
    prior = before.select("student_id", "subject", pl.col("t").alias("prior_t"))
    prior_total = before.filter(pl.col("subject") == TOTAL).select("student_id", pl.col("t").alias("prior_total_t"))
    joined = (
        after.select("student_id", "school", "class", "subject", pl.col("t").alias("outcome_t"))
        .join(prior, on=["student_id", "subject"], how="left")
        .join(prior_total, on="student_id", how="left")
    )
    end = clock()
    timings.append(("T scores and join (2 exams, 10 subjects)", end[0] - start[0], end[1] - start[1]))

    for level in ("class", "school"):
        start = clock()
        for subject in (*SUBJECTS, TOTAL):
            rows = joined.filter(pl.col("subject") == subject)
            priors = ["prior_total_t"] if subject == TOTAL else ["prior_t", "prior_total_t"]
            result = value_added(rows, outcome="outcome_t", priors=priors, group=level)
            assert result.n_students == args.students
        end = clock()
        timings.append((f"10 fits at {level} level", end[0] - start[0], end[1] - start[1]))
    total_wall, total_cpu = time.perf_counter() - generated[0], time.process_time() - generated[1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"students {args.students}, classes {args.classes}, schools {args.schools}")
    print(f"(generating the data: {generated[0] - wall:.2f} s wall)")
    print("| stage | wall s | CPU s |\n|---|---|---|")
    for name, w, c in timings:
        print(f"| {name} | {w:.2f} | {c:.2f} |")
    print(f"| whole run | {total_wall:.2f} | {total_cpu:.2f} |")
    print(f"peak resident memory of the process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
