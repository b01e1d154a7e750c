"""Benchmark of balanced class placement (results in docs/benchmarks.md, "Class placement").

Realistic generated grade-7 intakes (tests/placement/intakes.py: feeder primaries of unequal size and
attainment, 2 % special needs, ~20 % left-behind, 1 % twins, two together pairs, two pre-assigned pupils) of
300, 600 and 1,200 students into 8, 14 and 24 classes, three intakes (generator seeds) per size. For each:
the time `place` takes to return (wall and CPU of this process), whether every hard constraint holds, and
the spread (max − min across classes) of the class means and of every balanced count, for the optimiser and
for the serpentine draft of the same intake. No assertions; record the numbers in docs/benchmarks.md.

Run: ``.venv/bin/python bench/bench_placement.py [--time-limit 5] [--intakes 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.placement.intakes import make_intake
from zhiliang.core.placement import PlacementOptions, Quality, place, violations

SIZES = [(300, 8, 8), (600, 14, 10), (1200, 24, 15)]  # students, classes, feeder schools


def counts(quality: Quality) -> str:
    return (
        f"{quality.male_spread}/{quality.female_spread}/{quality.special_needs_spread}/{quality.left_behind_spread}/"
        f"{quality.band_spread}/{quality.feeder_spread}/{quality.birth_spread}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--intakes", type=int, default=3)
    args = parser.parse_args()
    print(
        "| students | classes | intake | wall s | CPU s | stopped by | hard ok | mean spread (draft) | ratio |"
        " SD spread (draft) | subject spreads max (draft) | boys/girls/SN/LB/band/feeder/birth (draft) |"
    )
    print("|---" * 12 + "|")
    for students, classes, feeders in SIZES:
        ratios, walls = [], []
        for intake_seed in range(1, args.intakes + 1):
            intake = make_intake(students, seed=intake_seed, feeders=feeders, classes=classes)
            options = PlacementOptions(classes=classes, max_size=50, seed=0, time_limit=args.time_limit)
            started, cpu = time.perf_counter(), time.process_time()
            outcome = place(intake, options)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            mine, draft = outcome.placement.quality, outcome.draft.quality
            ok = not violations(intake, options, outcome.placement.assignment)
            ratio = (mine.mean_spread or 0) / (draft.mean_spread or 1)
            ratios.append(ratio)
            walls.append(wall)
            subject_mine = max(v or 0 for v in mine.subject_mean_spread.values())
            subject_draft = max(v or 0 for v in draft.subject_mean_spread.values())
            report = outcome.placement.solver
            stopped = report.stopped_by if report else "?"
            print(
                f"| {students} | {classes} | {intake_seed} | {wall:.1f} | {cpu:.1f} | {stopped} | {'yes' if ok else 'NO'} |"
                f" {mine.mean_spread:.3f} ({draft.mean_spread:.2f}) | {ratio:.3f} |"
                f" {mine.sd_spread:.2f} ({draft.sd_spread:.2f}) | {subject_mine:.2f} ({subject_draft:.2f}) |"
                f" {counts(mine)} ({counts(draft)}) |",
                flush=True,
            )
        print(
            f"<!-- {students}/{classes}: worst ratio {max(ratios):.3f}, median wall {statistics.median(walls):.1f} s -->",
            flush=True,
        )


if __name__ == "__main__":
    main()
