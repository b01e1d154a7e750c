"""Benchmark of the balanced-development core (results in docs/benchmarks.md, "Balanced development").

Generated counties (one-stage primary and junior schools and 10 % nine-year schools, enrolment 30–2,000) are
evaluated by `zhiliang.core.balance.evaluate` (split, seven indicators per part, fourteen CVs); a what-if is one
more evaluation; the CLI path reads the same county from an .xlsx with `read_schools` first. Wall and CPU time of
this process; no assertions.

Run: ``.venv/bin/python bench/bench_balance.py [--schools 20 200 2000]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from zhiliang.core.balance import SchoolInput, changed_input, evaluate
from zhiliang.core.balance.table import read_schools

HEADER = ["学校", "学段", "学校类型", "学生数", "高于规定学历教师数", "县级及以上骨干教师数", "体育艺术专任教师数",
          "教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数"]  # fmt: skip


def county(n: int, seed: int = 1) -> list[SchoolInput]:
    rng = random.Random(seed)
    schools = []
    for i in range(n):
        kind = "九年一贯制" if i % 10 == 0 else ("小学" if i % 3 else "初中")
        stages = ["小学", "初中"] if kind == "九年一贯制" else [kind]
        students = {stage: rng.randint(30, 2000) for stage in stages}
        total = sum(students.values())
        teachers = {
            stage: {k: round(students[stage] * rng.uniform(0.005, 0.07)) for k in ("qualified_teachers", "backbone_teachers", "pe_arts_teachers")}
            for stage in stages
        }  # fmt: skip
        facilities = {
            "teaching_area": total * rng.uniform(3, 9), "sports_area": total * rng.uniform(5, 15),
            "equipment_value": total * rng.uniform(1200, 4000), "multimedia_rooms": round(total * rng.uniform(0.015, 0.04)),
        }  # fmt: skip
        schools.append(SchoolInput(f"学校{i:04d}", kind, students, teachers, facilities))
    return schools


def write(schools: list[SchoolInput], path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for school in schools:
        for stage, students in school.students.items():
            t = school.teachers[stage]
            f = school.facilities
            sheet.append([school.school, stage, school.school_type, students, t["qualified_teachers"], t["backbone_teachers"],
                          t["pe_arts_teachers"], f["teaching_area"], f["sports_area"], f["equipment_value"], f["multimedia_rooms"]])  # fmt: skip
    book.save(path)


def timed(function: object) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, nargs="+", default=[20, 200, 2000])
    args = parser.parse_args()
    print("| schools (parts) | evaluate wall s (CPU s) | what-if wall s | read .xlsx + evaluate wall s |")
    print("|---|---|---|---|")
    for n in args.schools:
        schools = county(n)
        wall, cpu, evaluation = timed(lambda schools=schools: evaluate(schools))
        changed = changed_input(schools[0], facilities={"teaching_area": 1.0})
        what_if, _cpu, _ = timed(lambda changed=changed, schools=schools: evaluate([changed, *schools[1:]]))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "county.xlsx"
            write(schools, path)
            read, _cpu, _ = timed(lambda path=path: evaluate(read_schools(path, filename=path.name)))
        parts = len(evaluation.schools)  # type: ignore[attr-defined]
        print(f"| {n} ({parts}) | {wall:.3f} ({cpu:.3f}) | {what_if:.3f} | {read:.2f} |")


if __name__ == "__main__":
    main()
