"""`zhiliang balance evaluate SCHOOLS [--json]`: the 优质均衡 resource indicators of a county from one table.

Reads the table (`zhiliang.core.balance.table`: one row per school and stage), evaluates every school part
against the seven indicators and the county against the CV limits (`zhiliang.core.balance.evaluate`,
教督〔2017〕6号), and prints the results, or the JSON of the documented contract with `--json`. Bad input is
listed with file, sheet, row and column; the exit status is then 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zhiliang.commands import CommandError
from zhiliang.core.balance import BY_KEY, KEYS, STAGES, Evaluation, contract, evaluate
from zhiliang.core.balance.split import SPLIT_RULE_TEXT
from zhiliang.core.balance.table import read_schools
from zhiliang.core.tabular import ImportProblems

HELP = "义务教育优质均衡：按教督〔2017〕6号计算各校资源配置七项指标、达标情况和全县差异系数"
MAX_PROBLEMS_SHOWN = 200
MAX_FILE_BYTES = 50 * 1024 * 1024
EXCLUSION_TEXT = {
    "small_teaching_point": "不足50人的教学点",
    "special_education": "特殊教育学校",
    "vocational": "职业学校",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = actions.add_parser(
        "evaluate", help="计算各校七项指标与全县差异系数", description="计算各校七项指标与全县差异系数"
    )
    run.add_argument(
        "schools",
        metavar="SCHOOLS",
        help="指标表（.xlsx / .xls / .csv），每校每学段一行：学校、学段、[学校类型]、学生数、高于规定学历教师数、"
        "县级及以上骨干教师数、体育艺术专任教师数、教学及辅助用房面积、体育运动场馆面积、教学仪器设备值、网络多媒体教室数",
    )
    run.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有数据的工作表）")
    run.add_argument("--json", action="store_true", help="在标准输出打印 JSON 结果")


def run(args: argparse.Namespace) -> int:
    path = Path(args.schools)
    if not path.is_file():
        raise CommandError(f"找不到文件“{path}”")
    try:
        schools = read_schools(path, filename=path.name, sheet=args.sheet, max_bytes=MAX_FILE_BYTES)
    except ImportProblems as error:
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            print(problem.message("zh-hans"), file=sys.stderr)
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            print(f"……另有 {len(error.problems) - MAX_PROBLEMS_SHOWN} 个问题未列出", file=sys.stderr)
        print(f"错误：共 {len(error.problems)} 个问题，未计算。请修改文件后重试。", file=sys.stderr)
        return 2
    evaluation = evaluate(schools)
    for item in evaluation.excluded:
        print(
            f"说明：{item.school}（{item.stage}，{item.students} 人）为{EXCLUSION_TEXT[item.reason]}，不参加评估。",
            file=sys.stderr,
        )
    if args.json:
        json.dump(contract(evaluation), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(human_summary(evaluation))
    return 0


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def human_summary(evaluation: Evaluation) -> str:
    """Every number with what it was computed from, so a reviewer can redo it by hand."""
    lines: list[str] = []
    for part in evaluation.schools:
        verdict = "达标" if part.meets_standard else "未达标"
        lines.append(f"{part.school}（{part.stage}，{part.students} 人）：{part.met_count}/7 项达标，{verdict}")
        if part.share < 1:
            rule = SPLIT_RULE_TEXT.get(part.school_type or "", "")
            lines.append(f"  设施按 {rule} 拆分，本学段占 {part.share:.4f}")
        for key in KEYS:
            indicator, result = BY_KEY[key], part.indicators[key]
            mark = "✓" if result.met else "✗"
            gap = "" if result.met else f"，差 {result.shortfall:,.0f} {indicator.unit}"
            lines.append(
                f"  {mark} {indicator.label}：{_number(result.quantity)} {indicator.unit} ÷ {part.students} 人"
                f"{' × 100' if indicator.per == 100 else ''} = {_number(result.value)}（标准 {result.standard:g}{gap}）"
            )
    lines.append("")
    for stage in STAGES:
        items = evaluation.county[stage]
        if all(item.cv.cv is None for item in items.values()):
            continue
        verdict = "达标" if evaluation.stage_meets(stage) else "未达标"
        lines.append(f"全县{stage}差异系数（按在校生加权，限 {items[KEYS[0]].limit:g}）：{verdict}")
        for key in KEYS:
            item = items[key]
            pulling = "、".join(f"{name} {share:.0%}" for name, _value, share in item.cv.pulling_up())
            lines.append(
                f"  {'✓' if item.met else '✗'} {BY_KEY[key].label}：均值 {_number(item.cv.mean)}，"
                f"标准差 {_number(item.cv.sd)}，差异系数 {_number(item.cv.cv, 3)}"
                + (f"（主要来自 {pulling}）" if pulling else "")
            )
    return "\n".join(lines)
