"""Benchmark of fitness scoring (results in docs/benchmarks.md, "Fitness scoring").

A county's year (8,000 pupils, grades 1–9, boys and girls) of generated measurements scored by
`zhiliang.core.fitness.score_student`, and the same pupils as a results sheet through `zhiliang fitness score`'s
`score_file` (reading the .xlsx, parsing every cell, scoring). Wall and CPU time of this process; no assertions.

Run: ``.venv/bin/python bench/bench_fitness.py [--pupils 8000]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from zhiliang.commands.fitness import score_file
from zhiliang.core.fitness import load_standard, score_student

HEADERS = {"vital_capacity": "肺活量", "run_50m": "50米跑", "sit_and_reach": "坐位体前屈", "rope_skip_1min": "一分钟跳绳",
           "sit_up_1min": "一分钟仰卧起坐", "shuttle_50mx8": "50米×8往返跑", "standing_long_jump": "立定跳远",
           "pull_up": "引体向上", "run_800m": "800米跑", "run_1000m": "1000米跑"}  # fmt: skip


def pupils(count: int) -> list[dict[str, object]]:
    rng = random.Random(1)
    standard = load_standard()
    rows = []
    for index in range(count):
        grade, sex = rng.randint(1, 9), rng.choice("MF")
        values: dict[str, Decimal] = {}
        for indicator in standard.indicators_for(grade, sex):
            table = standard.table(indicator, grade, sex)
            if table is None:
                continue
            level = rng.choice(table.levels)
            values[indicator] = level.threshold
        rows.append({"id": f"G{index:08d}", "grade": grade, "sex": sex, "values": values})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=8000)
    args = parser.parse_args()
    rows = pupils(args.pupils)
    load_standard()
    wall, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        score_student(grade=row["grade"], sex=row["sex"], height=Decimal("140"), weight=Decimal("35"),
                      measurements=row["values"])  # fmt: skip
    print(
        f"score_student × {len(rows)}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
    )

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["学籍号", "年级", "性别", "身高", "体重", *HEADERS.values()])
    for row in rows:
        values = row["values"]
        sheet.append([row["id"], row["grade"], "男" if row["sex"] == "M" else "女", 140, 35,
                      *(float(values[k]) if k in values else None for k in HEADERS)])  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "体测.xlsx"
        workbook.save(path)
        wall, cpu = time.perf_counter(), time.process_time()
        result = score_file(path)
        print(
            f"score_file ({len(result['students'])} scored, {len(result['errors'])} errors): "
            f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
        )


if __name__ == "__main__":
    main()
