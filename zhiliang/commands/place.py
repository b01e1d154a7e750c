"""`zhiliang place STUDENTS --classes N`: balanced class placement (均衡分班) of one intake file, no server needed.

Reads the intake (`zhiliang.core.placement.intake`), places it (`zhiliang.core.placement.place`) and prints the
classes and their balance next to the serpentine draft's, or the JSON of the documented contract with
`--json`. Impossible constraints are listed with the students and rows concerned; the exit status is then 2
and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from zhiliang.commands import CommandError
from zhiliang.core.placement import (
    PRIMARY_MAX_SIZE,
    IntakeStudent,
    Placement,
    PlacementInfeasible,
    PlacementOptions,
    PlacementOutcome,
    place,
    read_intake,
    violation_message,
)
from zhiliang.core.placement.export import class_lists_xlsx
from zhiliang.core.tabular import ImportProblems

HELP = "均衡分班：把一批新生分成人数、性别、成绩和需要关爱的学生都均衡的平行班"
MAX_PROBLEMS_SHOWN = 200
MAX_FILE_BYTES = 100 * 1024 * 1024
DEFAULT_TIME_LIMIT = 3.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "students",
        metavar="STUDENTS",
        help="新生名单（.xlsx / .xls / .csv）：学籍号、姓名、性别，可选 成绩、出生日期、特殊需要、留守、毕业学校、同胞组、同班组、指定班级",
    )
    parser.add_argument("--classes", metavar="N", type=int, required=True, help="分成几个班")
    parser.add_argument(
        "--max-size",
        metavar="N",
        type=int,
        default=PRIMARY_MAX_SIZE,
        help=f"每班人数上限（默认 {PRIMARY_MAX_SIZE}，小学标准；初中为 50）",
    )
    parser.add_argument(
        "--seed", metavar="S", type=int, default=0, help="随机种子（默认 0）：同一文件、同一种子结果相同"
    )
    parser.add_argument(
        "--time-limit",
        metavar="SECONDS",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        help=f"求解时间上限，按求解器的确定性时间计（约等于秒，默认 {DEFAULT_TIME_LIMIT:g}）",
    )
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    parser.add_argument(
        "--apart",
        metavar="学籍号,学籍号",
        action="append",
        default=[],
        help="另外须分在不同班的两名学生，如 --apart G001,G002；可重复",
    )
    parser.add_argument("--bands", metavar="N", type=int, default=5, help="均衡的成绩档数（按名次等分，默认 5）")
    parser.add_argument("--xlsx", metavar="OUT.xlsx", type=Path, help="写出分班名单（Excel，每班一个工作表）")
    parser.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")


def _options(args: argparse.Namespace) -> PlacementOptions:
    if args.classes < 1:
        raise CommandError("--classes 必须至少为 1")
    if args.max_size < 1:
        raise CommandError("--max-size 必须至少为 1")
    if not 0 < args.time_limit <= 3600:
        raise CommandError("--time-limit 应在 0 到 3600 秒之间")
    if not 1 <= args.bands <= 20:
        raise CommandError("--bands 应在 1 到 20 之间")
    pairs = []
    for item in args.apart:
        parts = [part.strip().upper() for part in item.replace("，", ",").split(",")]
        if len(parts) != 2 or not all(parts):
            raise CommandError(f"--apart 的写法“{item}”不对；应写成 学籍号,学籍号，如 --apart G001,G002")
        pairs.append((parts[0], parts[1]))
    return PlacementOptions(
        classes=args.classes,
        max_size=args.max_size,
        seed=args.seed,
        time_limit=args.time_limit,
        bands=args.bands,
        apart_pairs=tuple(pairs),
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.students)
    if not path.is_file():
        raise CommandError(f"找不到文件“{path}”")
    options = _options(args)
    try:
        intake = read_intake(path, filename=path.name, sheet=args.sheet, max_bytes=MAX_FILE_BYTES)
    except ImportProblems as error:
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            print(problem.message("zh-hans"), file=sys.stderr)
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            print(f"……另有 {len(error.problems) - MAX_PROBLEMS_SHOWN} 个问题未列出", file=sys.stderr)
        print(f"错误：共 {len(error.problems)} 个问题，未分班。请修改文件后重试。", file=sys.stderr)
        return 2
    try:
        outcome = place(intake.students, options)
    except PlacementInfeasible as error:
        for violation in error.violations:
            print(f"文件“{path.name}”：{violation_message(violation)}", file=sys.stderr)
        print("错误：硬性要求无法全部满足，未分班。", file=sys.stderr)
        return 2
    if args.xlsx:
        content = class_lists_xlsx(intake.students, outcome.placement, title=f"{path.stem} 分班名单")
        try:
            args.xlsx.write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入“{args.xlsx}”：{error.strerror}") from error
    if args.json:
        json.dump(contract(intake.students, outcome.placement), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(human_summary(outcome, students=len(intake.students), written=args.xlsx))
    return 0


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def contract(students: list[IntakeStudent] | tuple[IntakeStudent, ...], placement: Placement) -> dict[str, Any]:
    """The JSON of `--json` (docs/cli.md): assignments in file order, classes 1..N, the quality."""
    classes = [
        {
            "class": stats.number,
            "size": stats.size,
            "male": stats.male,
            "female": stats.female,
            "mean": _round(stats.mean),
            "sd": _round(stats.sd),
            "special_needs": stats.special_needs,
            "left_behind": stats.left_behind,
        }
        for stats in placement.classes
    ]
    means = [entry["mean"] for entry in classes if entry["mean"] is not None]
    return {
        "assignments": [
            {"student_id": student.student_id, "class": placement.assignment[student.student_id]}
            for student in students
        ],
        "classes": classes,
        "quality": {
            "mean_spread": _round(max(means) - min(means)) if means else None,  # type: ignore[operator]
            "size_spread": placement.quality.size_spread,
            "method": placement.method,
            "optimal": placement.optimal,
        },
    }


def _cells(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    parts = []
    for cell, width in zip(cells, widths, strict=True):
        used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in cell)
        parts.append(" " * max(width - used, 1) + cell)
    return "".join(parts)


def _number(value: float | None, pattern: str = "{:.2f}") -> str:
    return "—" if value is None else pattern.format(value)


def human_summary(outcome: PlacementOutcome, *, students: int, written: Path | None) -> str:
    placement, draft = outcome.placement, outcome.draft
    solver = placement.solver
    widths = (6, 6, 5, 5, 9, 8, 9, 6)
    lines = [f"{students} 名学生，分成 {len(placement.classes)} 个班。", ""]
    lines.append(_cells(("班级", "人数", "男", "女", "平均分", "标准差", "特殊需要", "留守"), widths))
    for stats in placement.classes:
        cells = (
            f"{stats.number}班",
            str(stats.size),
            str(stats.male),
            str(stats.female),
            _number(stats.mean),
            _number(stats.sd),
            str(stats.special_needs),
            str(stats.left_behind),
        )
        lines.append(_cells(cells, widths))
    lines += ["", "各班之间的差距（最大 − 最小）：本方案 / S形分班"]
    mine, theirs = placement.quality, draft.quality
    rows = [
        ("平均分", _number(mine.mean_spread), _number(theirs.mean_spread)),
        ("标准差", _number(mine.sd_spread), _number(theirs.sd_spread)),
        ("人数", str(mine.size_spread), str(theirs.size_spread)),
        ("男生", str(mine.male_spread), str(theirs.male_spread)),
        ("女生", str(mine.female_spread), str(theirs.female_spread)),
        ("特殊需要", str(mine.special_needs_spread), str(theirs.special_needs_spread)),
        ("留守", str(mine.left_behind_spread), str(theirs.left_behind_spread)),
        ("各成绩档人数", str(mine.band_spread), str(theirs.band_spread)),
        ("各毕业学校人数", str(mine.feeder_spread), str(theirs.feeder_spread)),
        ("各出生季度人数", str(mine.birth_spread), str(theirs.birth_spread)),
    ]
    for label, a, b in rows:
        lines.append(f"  {label}：{a} / {b}")
    if solver is not None:
        verdicts = {
            "optimal": "已证明最优",
            "no_improvement": "搜索不再改进时的最好方案（未证明最优）",
            "deterministic_limit": "时限内找到的最好方案（未证明最优）",
            "wall_limit": "达到时钟上限时的最好方案（未证明最优，结果可能因机器负载而不同）",
        }
        verdict = verdicts[solver.stopped_by]
        lines += [
            "",
            f"求解：{solver.solver}，种子 {solver.seed}，{verdict}；用时 {solver.wall_seconds:.1f} 秒"
            f"（确定性时间 {solver.deterministic_seconds:.2f} / {solver.time_limit:g}）。",
        ]
    if written:
        lines.append(f"已写入 {written}")
    return "\n".join(lines)
