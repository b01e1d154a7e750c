"""`zhiliang analyze SCORES`: analyse one score sheet without a server, writing JSON, xlsx and PDF reports.

The stages are the ones the web import runs: read the sheet, check it (every problem, with row and column),
compute the analysis, write the reports. `--timings` prints how long each stage took (the benchmark reads it).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import sys
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import polars as pl

from zhiliang.commands import CommandError
from zhiliang.core.analytics import AnalysisConfig, ExamAnalysis, ScoresInputError, Thresholds, analyze_exam
from zhiliang.core.reports import ReportScope, ScopeNotFound, analysis_pdf, analysis_xlsx, write_analysis_json
from zhiliang.core.scores.messages import ABOVE_FULL_MARKS
from zhiliang.core.scores_file import ScoreSheet, read_score_table, scores_from_table
from zhiliang.core.tabular import ImportProblems, Problem

HELP = "分析一个成绩表（Excel）：三率一分、名次、分数段，输出 JSON、xlsx 和 PDF 报告"
MAX_PROBLEMS_SHOWN = 200
# Local files may be larger than web uploads: a county's scores in one workbook can pass 20 MB.
MAX_FILE_BYTES = 500 * 1024 * 1024
_RATIO = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$")
_FULL_MARKS = re.compile(r"^\s*([^=＝:：\s]+)\s*[=＝:：]\s*(\d+(?:\.\d*)?)\s*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scores", metavar="SCORES", help="成绩表文件（.xlsx / .xls / .csv），每名学生一行、每科一列")
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    parser.add_argument(
        "--full-marks",
        metavar="科目=满分",
        nargs="+",
        action="extend",
        default=[],
        help="各科满分，如 --full-marks 语文=120 数学=120；未指定的按默认值（见 docs/cli.md）",
    )
    parser.add_argument(
        "--pass", dest="pass_ratio", metavar="RATIO", default="0.6", help="及格线占满分的比例（默认 0.6）"
    )
    parser.add_argument("--excellent", metavar="RATIO", default="0.85", help="优秀线占满分的比例（默认 0.85）")
    parser.add_argument("--low", metavar="RATIO", default="0.4", help="低分线占满分的比例（默认 0.4）")
    parser.add_argument("--school", metavar="NAME", help="表中没有“学校”列时使用的学校名称（默认“本校”）")
    parser.add_argument("--title", metavar="TEXT", help="报告标题（默认取文件名）")
    parser.add_argument(
        "--scope",
        metavar="SCOPE",
        default="county",
        help="PDF 报告范围：county（全部，默认）、学校名、或 学校名/班级",
    )
    parser.add_argument("--xlsx", metavar="OUT.xlsx", type=Path, help="写出 Excel 分析报告")
    parser.add_argument("--pdf", metavar="OUT.pdf", type=Path, help="写出 PDF 质量分析报告")
    parser.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")
    parser.add_argument("--timings", action="store_true", help="在标准错误输出各阶段耗时与内存峰值（JSON）")


def parse_ratio(option: str, text: str) -> float:
    """A threshold written as 0.6 or 60%; anything else is a usage error."""
    match = _RATIO.match(text)
    if match is None:
        raise CommandError(f"{option} 的值“{text}”不是数字；应为 0 到 1 之间的比例，如 0.6 或 60%")
    value = float(match.group(1)) / (100 if match.group(2) else 1)
    if not 0 < value <= 1:
        raise CommandError(f"{option} 的值“{text}”超出范围；应为 0 到 1 之间的比例，如 0.6 或 60%")
    return value


def parse_full_marks(items: list[str]) -> dict[str, float]:
    """`["语文=120", "数学=150"]` → `{"语文": 120.0, "数学": 150.0}`; a bad item is a usage error."""
    marks: dict[str, float] = {}
    for item in items:
        match = _FULL_MARKS.match(item)
        if match is None:
            raise CommandError(f"--full-marks 的写法“{item}”不对；应写成 科目=满分，如 语文=120")
        subject, value = match.group(1), float(match.group(2))
        if value <= 0:
            raise CommandError(f"--full-marks 中{subject}的满分必须大于 0")
        if subject in marks:
            raise CommandError(f"--full-marks 中{subject}出现了两次")
        marks[subject] = value
    return marks


class _Stages:
    """Wall time of each stage, for `--timings`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def report(self) -> str:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stages = {name: round(value, 3) for name, value in self.seconds.items()}
        return json.dumps({"stages": stages, "peak_rss_mib": round(peak_kib / 1024, 1)})


def run(args: argparse.Namespace) -> int:
    stages = _Stages()
    path = Path(args.scores)
    if not path.is_file():
        raise CommandError(f"找不到文件“{path}”")
    full_marks = parse_full_marks(args.full_marks)
    pass_ratio = parse_ratio("--pass", args.pass_ratio)
    excellent_ratio = parse_ratio("--excellent", args.excellent)
    low_ratio = parse_ratio("--low", args.low)
    if not low_ratio <= pass_ratio <= excellent_ratio:
        raise CommandError("分数线应满足 低分线 ≤ 及格线 ≤ 优秀线（--low ≤ --pass ≤ --excellent）")
    thresholds = Thresholds(pass_ratio=pass_ratio, excellent_ratio=excellent_ratio, low_ratio=low_ratio)
    scope = _parse_scope(args.scope)

    with stages.stage("read"):
        try:
            table = read_score_table(path, filename=path.name, sheet=args.sheet, max_bytes=MAX_FILE_BYTES)
        except ImportProblems as error:
            return _print_problems(error.problems)
    with stages.stage("validate"):
        sheet = scores_from_table(table, full_marks=full_marks, school=args.school)
    del table
    if sheet.problems:
        return _print_problems(sheet.problems, assumed=sheet.assumed_full_marks)
    with stages.stage("compute"):
        try:
            analysis = analyze_exam(sheet.scores, sheet.subjects, AnalysisConfig(thresholds=thresholds))
        except ScoresInputError as error:
            raise CommandError(f"文件“{path.name}”：{error.message('zh-Hans')}") from error

    title = args.title or path.stem
    _write_outputs(args, analysis, title, scope, stages)
    if not args.json:
        print(human_summary(sheet, analysis, outputs=[p for p in (args.xlsx, args.pdf) if p]))
    if args.timings:
        print(stages.report(), file=sys.stderr)
    return 0


def _parse_scope(text: str) -> ReportScope:
    if text.strip().lower() in ("", "county", "全县", "全部"):
        return ReportScope()
    school, _, class_name = text.partition("/")
    if not school.strip():
        raise CommandError(f"--scope 的写法“{text}”不对；应为 county、学校名 或 学校名/班级")
    return ReportScope(school=school.strip(), class_name=class_name.strip() or None)


def _write_outputs(
    args: argparse.Namespace, analysis: ExamAnalysis, title: str, scope: ReportScope, stages: _Stages
) -> None:
    """Render every requested report before writing any, so a failure leaves no half set of files."""
    outputs: list[tuple[Path, bytes]] = []
    if args.xlsx:
        with stages.stage("write_xlsx"):
            outputs.append((args.xlsx, analysis_xlsx(analysis, title=title)))
    if args.pdf:
        with stages.stage("write_pdf"):
            try:
                outputs.append((args.pdf, analysis_pdf(analysis, title=title, scope=scope)))
            except ScopeNotFound as error:
                raise CommandError(str(error)) from error
    for target, content in outputs:
        try:
            target.write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入“{target}”：{error.strerror}") from error
    if args.json:
        with stages.stage("write_json"):
            sys.stdout.flush()
            write_analysis_json(analysis, cast(io.BufferedIOBase, sys.stdout.buffer))
            sys.stdout.buffer.write(b"\n")
            sys.stdout.flush()


def _print_problems(problems: list[Problem], assumed: tuple[str, ...] = ()) -> int:
    shown = problems[:MAX_PROBLEMS_SHOWN]
    for problem in shown:
        print(problem.message("zh-hans"), file=sys.stderr)
    if len(problems) > len(shown):
        print(f"……另有 {len(problems) - len(shown)} 个问题未列出", file=sys.stderr)
    over = {problem.params.get("subject") for problem in problems if problem.code == ABOVE_FULL_MARKS}
    defaulted = [subject for subject in assumed if subject in over]
    if defaulted:
        example = " ".join(f"{subject}=150" for subject in defaulted)
        print(
            f"提示：{'、'.join(defaulted)}的满分是默认值；若不对，请用 --full-marks 指定，如 --full-marks {example}",
            file=sys.stderr,
        )
    print(f"错误：共 {len(problems)} 个问题，未生成分析结果。请修改文件后重试。", file=sys.stderr)
    return 2


def human_summary(sheet: ScoreSheet, analysis: ExamAnalysis, *, outputs: list[Path]) -> str:
    """A few lines for the terminal: what was read, the county figures per subject, what was written."""
    totals = analysis.students.filter(pl.col("subject") == "总分")
    lines = [
        f"已读取“{sheet.filename}”"
        + (f"工作表“{sheet.sheet}”" if sheet.sheet else "")
        + f"：{totals.get_column('school').n_unique()} 所学校，{totals.select('school', 'class').n_unique()} 个班，"
        f"{totals.height} 名学生，{len(sheet.subjects)} 个学科。",
        "满分："
        + "、".join(
            f"{spec.name} {spec.full_marks:g}" + ("（默认）" if spec.name in sheet.assumed_full_marks else "")
            for spec in sheet.subjects
        ),
    ]
    county = analysis.summary.filter(pl.col("level") == "county")
    widths = (8, 12, 8, 9, 9, 9, 9)
    lines += ["", _row(("年级", "学科", "实考", "平均分", "及格率", "优秀率", "低分率"), widths)]
    for row in county.iter_rows(named=True):
        cells = (
            row["grade"] or "",
            row["subject"],
            str(row["sat"]),
            _fmt(row["mean"], "{:.1f}"),
            _fmt(row["pass_rate"], "{:.1%}"),
            _fmt(row["excellent_rate"], "{:.1%}"),
            _fmt(row["low_rate"], "{:.1%}"),
        )
        lines.append(_row(cells, widths))
    if sheet.assumed_full_marks:
        lines += ["", "注意：标有“默认”的满分未指定；若不对，请用 --full-marks 指定后重新分析。"]
    lines += [f"已写入 {path}" for path in outputs]
    return "\n".join(lines)


def _row(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """Cells padded to terminal columns: a Chinese character takes two, so str.ljust would misalign."""
    parts = []
    for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in cell)
        padding = " " * max(width - used, 1)
        parts.append(cell + padding if index < 2 else padding + cell)
    return "".join(parts).rstrip()


def _fmt(value: object, pattern: str) -> str:
    if isinstance(value, int | float) and value == value:
        return pattern.format(value)
    return "—"
