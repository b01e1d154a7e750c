"""How much `read_table` costs over raw python-calamine on a county-scale score sheet.

Generates a 60,000-row x 15-column .xlsx (title row, header, student number / name / class as text, twelve
scores as numbers, a footnote), then times:
  - python-calamine alone (open + to_python), the floor;
  - read_table (calamine + cell normalisation + header/footnote detection);
  - the same table written back with write_workbook (xlsxwriter, constant_memory).
Prints the best of a few runs; asserts nothing. Run: .venv/bin/python bench/bench_read_table.py
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import python_calamine
import xlsxwriter

from zhiliang.core.tabular import read_table
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, write_workbook

SUBJECTS = ("语文", "数学", "英语", "物理", "化学", "生物", "政治", "历史", "地理", "体育", "音乐", "美术")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵欣怡梓轩浩宇雨桐一诺俊杰思远佳怡明轩嘉怡"


def generate(path: Path, rows: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("成绩")
    sheet.write_string(0, 0, "XX县2025学年第一学期期末考试成绩表")
    sheet.write_row(1, 0, ["考号", "姓名", "班级", *SUBJECTS])
    for index in range(rows):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        school_class = f"{rng.choice('七八九')}年级({rng.randint(1, 12)})班"
        sheet.write_string(index + 2, 0, f"2025{index:06d}")
        sheet.write_string(index + 2, 1, name)
        sheet.write_string(index + 2, 2, school_class)
        for column in range(len(SUBJECTS)):
            sheet.write_number(index + 2, column + 3, round(rng.uniform(20, 150), 1))
    sheet.write_string(rows + 3, 0, "注：缺考记为 0 分。")
    workbook.close()


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "scores.xlsx"
        start = time.perf_counter()
        generate(path, args.rows)
        print(
            f"generated {args.rows} rows x 15 columns in {time.perf_counter() - start:.2f} s "
            f"({path.stat().st_size / 1e6:.1f} MB)"
        )

        def raw_calamine() -> object:
            with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
                return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)

        table = read_table(path, filename=path.name)
        assert len(table.rows) == args.rows and table.header_row == 2  # the benchmark reads what it should

        results = {
            "python-calamine to_python": best_of(args.runs, raw_calamine),
            "read_table": best_of(args.runs, lambda: read_table(path, filename=path.name)),
        }
        columns = [ColumnSpec(column.label) for column in table.columns[:3]]
        columns += [ColumnSpec(column.label, kind="number", decimals=1) for column in table.columns[3:]]
        rows = [row.values for row in table.rows]
        out = Path(directory) / "export.xlsx"
        results["write_workbook (same table)"] = best_of(
            args.runs, lambda: write_workbook(out, [SheetSpec("成绩", columns, rows, title="成绩表")])
        )
        for label, (best, median) in results.items():
            print(f"{label:30s} best {best:6.2f} s   median {median:6.2f} s")
        floor = results["python-calamine to_python"][0]
        print(f"read_table / calamine: {results['read_table'][0] / floor:.2f}x")


if __name__ == "__main__":
    main()
