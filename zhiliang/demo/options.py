"""The options of `zhiliang demo-data` and `manage.py demo_data` (no Django imports: the console script builds
its parser before Django is set up)."""

from __future__ import annotations

import argparse

DEFAULT_SEED = 2025


def scale_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"规模应是一个数，例如 0.05，而不是“{text}”") from None
    if not 0 < value <= 2:
        raise argparse.ArgumentTypeError("规模须大于 0、不超过 2，例如 0.05")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"随机种子（默认 {DEFAULT_SEED}）")
    parser.add_argument(
        "--scale", type=scale_value, default=1.0, help="学生人数的比例（默认 1，约 8000 人；测试可用 0.05）"
    )
    parser.add_argument("--reset", action="store_true", help="删除已有的演示县后重新生成")
    parser.add_argument("--no-exams", action="store_true", help="不生成考试与成绩")
    parser.add_argument("--force", action="store_true", help="在生产配置下也生成（演示账号使用公开密码）")
