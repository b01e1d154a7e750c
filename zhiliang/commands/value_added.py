"""`zhiliang value-added DATA --outcome COL --prior COL --group COL`: value-added of groups from one table.

Reads a table with one row per student (`zhiliang.core.tabular.read_table`), fits the random-intercept model
of `zhiliang.core.value_added` and prints each group's effect with its 95% interval, or with `--json` the
documented contract: `{"model": {...}, "groups": [...], "missing": {...}}`. Rows missing a value are left
out of the model and counted (per column, with their spreadsheet row numbers). Bad input: exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import polars as pl

from zhiliang.commands import CommandError
from zhiliang.core.tabular import ImportProblems, Table, cell_text, read_table
from zhiliang.core.value_added import ValueAdded, ValueAddedInputError, value_added

HELP = "增值评价：在控制前测成绩后，估计各班级、教师或学校的增值（多层模型，含95%区间）"
MAX_FILE_BYTES = 500 * 1024 * 1024
ROW_COLUMN = "source_row"  # the core names spreadsheet rows from it
CATEGORY_WORDS = {"above": "高于预期", "expected": "符合预期", "below": "低于预期"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA", help="数据表（.xlsx / .xls / .csv），每名学生一行")
    parser.add_argument("--outcome", metavar="COL", required=True, help="结果成绩所在列（后测）")
    parser.add_argument(
        "--prior", metavar="COL", action="append", required=True, help="前测成绩所在列；可重复，如多个学科或多次考试"
    )
    parser.add_argument("--group", metavar="COL", required=True, help="分组列：班级、教师或学校")
    parser.add_argument(
        "--context", metavar="COL", action="append", default=[], help="背景变量（分类，如 性别）；可重复，默认不用"
    )
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    parser.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")


def _frame(table: Table, columns: list[str]) -> pl.DataFrame:
    found = {}
    for name in columns:
        column = table.column(name)
        if column is None:
            labels = "、".join(c.label for c in table.columns)
            raise CommandError(f"文件“{table.filename}”中没有“{name}”列；现有的列：{labels}")
        found[name] = column
    data: dict[str, list[Any]] = {ROW_COLUMN: [row.number for row in table.rows]}
    for name, column in found.items():
        data[name] = [cell_text(row.get(column)) or None for row in table.rows]
    return pl.DataFrame(data, schema={ROW_COLUMN: pl.Int64, **dict.fromkeys(found, pl.String)})


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def contract(result: ValueAdded, left_out_rows: list[int]) -> dict[str, Any]:
    """The JSON of the CLI contract (docs/cli.md)."""
    return {
        "model": result.model_json(),
        "groups": [
            {key: row[key] for key in ("group", "n", "effect", "se", "ci_low", "ci_high", "category")}
            for row in result.groups.iter_rows(named=True)
        ],
        "missing": {
            "rows": result.missing.rows,
            "used": result.missing.used,
            "left_out": result.missing.left_out,
            "by_column": result.missing.by_column,
            "row_numbers": left_out_rows,
        },
    }


def _print_text(result: ValueAdded, left_out_rows: list[int]) -> None:
    print(
        f"学生 {result.n_students} 名，分组 {result.n_groups} 个；"
        f"组间方差 {result.group_variance:.4g}，组内方差 {result.residual_variance:.4g}"
    )
    print("系数：" + "，".join(f"{name} {value:.4f}" for name, value in result.coefficients.items()))
    width = max([_width(str(g)) for g in result.groups.get_column("group").to_list()] + [4]) + 2
    print(_pad("分组", width) + "人数   增值      标准误    95%区间               判断")
    for row in result.groups.iter_rows(named=True):
        interval = f"[{row['ci_low']:.3f}, {row['ci_high']:.3f}]"
        print(
            f"{_pad(str(row['group']), width)}{row['n']:<6} {row['effect']:<9.3f} {row['se']:<9.3f} "
            f"{interval:<21} {CATEGORY_WORDS[row['category']]}"
        )
    if result.missing.left_out:
        parts = "，".join(f"缺“{name}” {count} 行" for name, count in result.missing.by_column.items() if count)
        rows = "、".join(str(n) for n in left_out_rows[:20]) + ("……" if len(left_out_rows) > 20 else "")
        print(f"未纳入模型的行：{result.missing.left_out} 行（{parts}）：第 {rows} 行")


def run(args: argparse.Namespace) -> int:
    path = Path(args.data)
    if not path.is_file():
        raise CommandError(f"找不到文件“{path}”")
    try:
        table = read_table(path, filename=path.name, sheet=args.sheet, max_bytes=MAX_FILE_BYTES)
    except ImportProblems as error:
        for problem in error.problems:
            print(problem.message("zh-hans"), file=sys.stderr)
        return 2
    columns = [args.outcome, *args.prior, args.group, *args.context]
    frame = _frame(table, list(dict.fromkeys(columns)))
    try:
        result = value_added(frame, outcome=args.outcome, priors=args.prior, group=args.group, context=args.context)
    except ValueAddedInputError as error:
        raise CommandError(f"文件“{path.name}”：{error.message('zh')}") from error
    left_out_rows = list(result.missing.row_numbers)
    if args.json:
        print(json.dumps(contract(result, left_out_rows), ensure_ascii=False, indent=2))
    else:
        _print_text(result, left_out_rows)
    return 0
