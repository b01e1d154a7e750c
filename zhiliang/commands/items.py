"""`zhiliang items ITEMS`: item analysis (小题分析) of one item-score file, without a server or database.

Reads the file with `zhiliang.core.items.read_item_scores` (the reader the web import uses), analyses it with
`analyse_items` and prints a table of the items, or with `--json` exactly
`{"test": {n, items, max_total, mean, sd, alpha, sem}, "items": [{item, max, mean, difficulty, discrimination,
r_it, r_it_corrected, alpha_if_deleted, omit_rate}]}`. Bad input exits with status 2 and says why.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from zhiliang.commands import CommandError
from zhiliang.core.items import ItemAnalysis, flag_text, normalise_letters, read_item_scores
from zhiliang.core.tabular import ImportProblems, Problem

HELP = "小题分析：读取一个小题得分表，计算难度、区分度、题总相关、克隆巴赫 α 和测量标准误"
MAX_PROBLEMS_SHOWN = 200
MAX_FILE_BYTES = 500 * 1024 * 1024
_PAIR = re.compile(r"^\s*([^=＝\s]+)\s*[=＝]\s*(\S+)\s*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "items",
        metavar="ITEMS",
        help="小题得分表（.xlsx / .xls / .csv）：学籍号或学号、可选学校和班级，然后每题一列，表头下一行为满分行",
    )
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    parser.add_argument(
        "--max",
        metavar="题号=满分",
        nargs="+",
        action="extend",
        default=[],
        help="各小题满分，如 --max 1=3 2=3 13(1)=6；给出后不需要满分行（未给出的小题仍取满分行）",
    )
    parser.add_argument(
        "--key",
        metavar="题号=答案",
        nargs="+",
        action="extend",
        default=[],
        help="选择题的标准答案，如 --key 1=B 2=ACD；表中写的是选项字母时按答案判分（也可在表中加“答案”行）",
    )
    parser.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")


def parse_max(pairs: list[str]) -> dict[str, float]:
    """`["1=3", "13(1)=6"]` → `{"1": 3.0, "13(1)": 6.0}`; anything else is a usage error."""
    out: dict[str, float] = {}
    for pair in pairs:
        match = _PAIR.match(pair)
        value: float | None = None
        if match:
            try:
                value = float(match.group(2))
            except ValueError:
                value = None
        if match is None or value is None:
            raise CommandError(f"--max 的写法“{pair}”不对；应写成 题号=满分，如 --max 1=3")
        if not value > 0 or value != value or value == float("inf"):
            raise CommandError(f"--max 中小题“{match.group(1)}”的满分必须是正数")
        if match.group(1) in out:
            raise CommandError(f"--max 中小题“{match.group(1)}”出现了两次")
        out[match.group(1)] = value
    return out


def parse_keys(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        match = _PAIR.match(pair)
        letters = normalise_letters(match.group(2)) if match else ""
        if match is None or not letters or len(letters) != len(match.group(2).replace(",", "")):
            raise CommandError(f"--key 的写法“{pair}”不对；应写成 题号=答案，如 --key 1=B 2=ACD")
        out[match.group(1)] = letters
    return out


def run(args: argparse.Namespace) -> int:
    path = Path(args.items)
    if not path.is_file():
        raise CommandError(f"找不到文件“{path}”")
    max_points = parse_max(args.max)
    keys = parse_keys(args.key)
    try:
        sheet = read_item_scores(
            path, filename=path.name, sheet=args.sheet, max_points=max_points, keys=keys, max_bytes=MAX_FILE_BYTES
        )
    except ImportProblems as error:
        return _print_problems(error.problems)
    if sheet.problems:
        return _print_problems(sheet.problems)
    from zhiliang.core.items import analyse_items

    analysis = analyse_items(sheet.points, sheet.items, sheet.answers)
    if analysis.test.n == 0:
        raise CommandError(f"文件“{path.name}”中没有学生作答（所有小题均为空）")
    if args.json:
        json.dump(analysis.as_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(human_summary(path.name, analysis))
    return 0


def _print_problems(problems: list[Problem]) -> int:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(problem.message("zh-hans"), file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"……另有 {len(problems) - MAX_PROBLEMS_SHOWN} 个问题未列出", file=sys.stderr)
    print(f"错误：共 {len(problems)} 个问题，未做分析。请修改文件后重试。", file=sys.stderr)
    return 2


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "—" if value is None else pattern.format(value)


def _row(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """Cells padded to terminal columns (a Chinese character takes two)."""
    parts = []
    for cell, width in zip(cells, widths, strict=True):
        used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in cell)
        parts.append(" " * max(width - used, 1) + cell)
    return "".join(parts)


def human_summary(filename: str, analysis: ItemAnalysis) -> str:
    t = analysis.test
    lines = [
        f"已读取“{filename}”：{t.n} 名学生"
        + (f"（另有 {t.absent} 名全部空白，按缺考处理）" if t.absent else "")
        + f"，{t.items} 道小题，满分 {t.max_total:g}。",
        f"平均分 {t.mean:.2f}，标准差 {t.sd:.2f}，α = {_fmt(t.alpha, '{:.3f}')}，测量标准误 {_fmt(t.sem)}",
        "",
    ]
    widths = (8, 6, 8, 8, 8, 8, 8, 10, 8)
    header = ("小题", "满分", "平均分", "难度", "区分度", "题总r", "校正r", "删题后α", "空白率")
    lines.append(_row(header, widths) + "  提示")
    for s in analysis.items:
        cells = (
            s.item,
            f"{s.max:g}",
            f"{s.mean:.2f}",
            f"{s.difficulty:.2f}",
            _fmt(s.discrimination),
            _fmt(s.r_it),
            _fmt(s.r_it_corrected),
            _fmt(s.alpha_if_deleted, "{:.3f}"),
            f"{s.omit_rate:.1%}",
        )
        lines.append(_row(cells, widths) + "  " + "；".join(flag_text(f) for f in s.flags))
    return "\n".join(lines)
