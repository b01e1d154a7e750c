"""What `zhiliang demo-data` and `manage.py demo_data` share: the build and what they print."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhiliang.demo.build import demo_allowed, demo_county_build

LABELS = {
    "schools": "学校",
    "classes": "班级（两个学年）",
    "students": "学生（含已毕业、转出）",
    "current_students": "本学年在籍学生",
    "memberships": "分班记录",
    "events": "学籍变动",
    "teachers": "教师",
    "assignments": "任课安排",
    "users": "演示账号",
    "exams": "考试",
    "scores": "成绩",
}


def run(options: dict[str, Any], write: Callable[[str], None]) -> None:
    """Build the demo county and print what it holds. Raises DemoRefused when it must not run here."""
    demo_allowed(force=options.get("force", False))
    report = demo_county_build(
        seed=options["seed"],
        scale=options["scale"],
        reset=options.get("reset", False),
        with_exams=not options.get("no_exams", False),
        log=write,
    )
    if report.created or report.layers_added:
        write(f"完成，用时 {report.seconds:.1f} 秒。")
    for key, value in report.counts.items():
        write(f"  {LABELS.get(key, key)}：{value}")
    write("演示账号：python manage.py demo_logins")
