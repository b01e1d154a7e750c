"""`zhiliang fitness score MEASUREMENTS [--json]`: score a results sheet by the National Student Physical Fitness
Standard (2014), no server needed.

Reads one row per student (学籍号, 年级 1–9, 性别, 身高, 体重 and the tested items under the upload template's
Chinese headers; see docs/cli.md), scores each row with `zhiliang.core.fitness.score_student` and prints a
table, or the JSON of the documented contract with `--json`. A row that cannot be scored is listed in
"errors" with its reason; a file that cannot be read at all exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhiliang.commands import CommandError
from zhiliang.core.fitness import INDICATOR_KEYS, score_student
from zhiliang.core.fitness.messages import describe
from zhiliang.core.fitness.sheet import known_headers, read_measurements
from zhiliang.core.tabular import ImportProblems, Problem, read_table

HELP = "体质健康评分：按《国家学生体质健康标准（2014年修订）》给一张测试成绩表逐人评分"
MAX_FILE_BYTES = 100 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="score", required=True)
    score = actions.add_parser("score", help="逐人评分", description="逐人评分：单项得分、标准分、加分、学年总分和等级")
    score.add_argument(
        "measurements",
        metavar="MEASUREMENTS",
        help="测试成绩表（.xlsx / .xls / .csv）：学籍号、年级（1–9）、性别、身高、体重及各测试项目（表头同上报模板）",
    )
    score.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    score.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _problem_error(problem: Problem) -> dict[str, Any]:
    return {
        "row": problem.row,
        "student_id": None,
        "column": problem.header,
        "reason": problem.detail("zh-hans"),
        "message": problem.message("zh-hans"),
    }


def score_file(path: Path, sheet: str | None = None) -> dict[str, Any]:
    """The contract's JSON for a file; raises ImportProblems when the file cannot be used at all."""
    table = read_table(path, filename=path.name, sheet=sheet, known_headers=known_headers(), max_bytes=MAX_FILE_BYTES)
    measurements = read_measurements(table)
    if measurements.file_problems:
        raise ImportProblems(measurements.file_problems)
    students: list[dict[str, Any]] = []
    errors = [_problem_error(problem) for problem in measurements.problems]
    for row in measurements.rows:
        assert row.grade is not None and row.sex is not None  # required columns, checked by the reader
        result = score_student(
            grade=row.grade,
            sex=row.sex,
            height=row.height,
            weight=row.weight,
            measurements=row.values,
            exempt=row.exempt,
        )
        students.append(
            {
                "student_id": row.student_id,
                "grade": row.grade,
                "sex": "男" if row.sex == "M" else "女",
                "bmi": _number(result.bmi),
                "scores": {key: s.score for key, s in result.scores.items()},
                "weighted_total": _number(result.weighted_total),
                "bonus": result.bonus,
                "total": _number(result.total),
                "band": result.band_label,
            }
        )
        for refusal in result.refusals:
            reason = describe(refusal.code, refusal.params)
            location = f"文件“{table.filename}”" + (f"工作表“{table.sheet}”" if table.sheet else "")
            errors.append(
                {
                    "row": row.row,
                    "student_id": row.student_id,
                    "column": refusal.indicator if refusal.indicator in INDICATOR_KEYS else None,
                    "reason": reason,
                    "message": f"{location}第 {row.row} 行（{row.student_id}）：{reason}",
                }
            )
    errors.sort(key=lambda error: error["row"] or 0)
    return {"students": students, "errors": errors}


def run(args: argparse.Namespace) -> int:
    path = Path(args.measurements)
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}")
    try:
        result = score_file(path, args.sheet)
    except ImportProblems as error:
        for problem in error.problems:
            print(problem.message("zh-hans"), file=sys.stderr)
        print(f"错误：共 {len(error.problems)} 个问题，未评分。", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print("学籍号\t年级\t性别\tBMI\t标准分\t加分\t总分\t等级")
    for student in result["students"]:
        cells = [student["student_id"], student["grade"], student["sex"], student["bmi"], student["weighted_total"]]
        cells += [student["bonus"], student["total"], student["band"]]
        print("\t".join("" if cell is None else str(cell) for cell in cells))
    for error in result["errors"]:
        print(error["message"], file=sys.stderr)
    print(f"共 {len(result['students'])} 名学生，{len(result['errors'])} 个问题。", file=sys.stderr)
    return 0
