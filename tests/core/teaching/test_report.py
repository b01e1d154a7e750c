"""The term report lays out what it is given, escapes text, and renders to a PDF."""

import datetime

from zhiliang.core.teaching.report import Table, TermReport, render_html, render_pdf


def _report(**overrides):
    values = {
        "school": "清河县第一初级中学",
        "term": "2025–2026学年 第二学期",
        "generated": datetime.date(2026, 7, 1),
        "figures": [("87.5%", "达标率"), ("40", "听课节数")],
        "observation_text": ["本学期共听课 40 节。"],
        "subject_groups": Table(["学科", "节数"], [["数学", 12], ["<b>语文</b>", 10]]),
        "quotas": Table(["角色", "完成"], []),
        "bands": Table(["等第", "节数"], [["优秀", 5]]),
        "inspection_text": ["检查 2 次。"],
        "inspections": Table(["检查", "平均分"], [["三月检查", 85.5]]),
        "open_items": Table(["教师", "状态"], [["张老师", "已逾期"]]),
        "homework_text": ["超时 3 班次。"],
        "homework": Table(["班级", "超时天数"], [["八年级(1)班", 2]]),
        "notes": ["达标：评分不低于达标分。"],
    }
    values.update(overrides)
    return TermReport(**values)


def test_html_has_sections_and_escapes():
    document = render_html(_report())
    for text in ("听课评课", "教学常规检查", "作业管理", "87.5%", "八年级(1)班", "已逾期"):
        assert text in document
    assert "<b>语文</b>" not in document and "&lt;b&gt;语文&lt;/b&gt;" in document
    assert '<td class="num">85.5</td>' in document
    assert "（无）" in document  # the empty quota table


def test_pdf_renders():
    assert render_pdf(_report()).startswith(b"%PDF")
