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
    "fitness_records": "体质健康测试记录（两个学年）",
    "fitness_scored": "其中可评总分",
    "vision_records": "视力检查记录",
    "item_papers": "小题分析试卷",
    "item_scores": "学生小题得分",
    "knowledge_points": "知识点",
    "balance_inputs": "优质均衡指标数据",
    "balance_answers": "优质均衡清单填报",
    "balance_measures": "优质均衡整改措施",
    "development_training": "教师培训记录",
    "development_achievements": "教科研成果与获奖",
    "development_pairs": "结对带教",
    "development_meetings": "带教活动",
    "development_groups": "教研组",
    "development_activities": "教研组活动",
    "support_candidates": "学困生候选（规则与提名）",
    "support_cases": "学困生档案",
    "support_interventions": "帮扶记录",
    "support_reviews": "考后成效评估",
    "care_profiles": "特殊群体学生档案",
    "care_contacts": "家访与联系记录",
    "care_psych_cases": "心理个案",
    "care_follow_ups": "控辍保学跟踪记录",
    "care_observations": "日常表现记录",
    "care_comments": "学期评语",
    "teaching_observations": "听课评课记录",
    "teaching_results": "教学常规检查结果",
    "teaching_open_rectifications": "未销号整改",
    "teaching_homework": "作业记录",
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
