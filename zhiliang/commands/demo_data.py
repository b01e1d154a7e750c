"""`zhiliang demo-data`: build the demo county (清河县) in the configured database; see zhiliang/demo/build.py."""

from __future__ import annotations

import argparse
import os

from zhiliang.commands import CommandError

HELP = "生成演示县（清河县）的学校、学生、教师、账号和考试成绩；可重复运行，--reset 重建"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from zhiliang.demo.options import add_arguments as demo_arguments

    demo_arguments(parser)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhiliang.settings")
    import django

    django.setup()
    from zhiliang.demo import runner
    from zhiliang.demo.build import DemoRefused

    try:
        runner.run(vars(args), print)
    except DemoRefused as error:
        raise CommandError(str(error)) from error
    return 0
