"""The value-added chapter of the printed 质量分析报告 (HTML for `zhiliang.core.reports`' PDF, zh-Hans).

One table per section (e.g. "各校 · 总分", "各班 · 数学"): the groups with students, effect, 95% interval and the
judgement, then a short note on how to read them. Text is escaped here; the PDF renderer numbers the chapter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

JUDGEMENT = {"above": "高于预期", "expected": "符合预期", "below": "低于预期"}
NOTE = (
    "增值 = 学生后测 T 分比前测相同的全县学生平均高出多少（T 分，10 分为一个标准差），由多层模型（REML）估计，"
    "已按各组人数与信度向 0 收缩；括号内为 95% 区间。只有整个区间都在 0 以上或以下，才判为高于或低于预期。"
    "增值年年有波动，请结合多年结果、课堂观察与学生作业理解，不用于给学生排名。"
)


@dataclass(frozen=True)
class ChapterRow:
    name: str
    n: int
    effect: float
    ci_low: float
    ci_high: float
    category: str


@dataclass(frozen=True)
class ChapterSection:
    heading: str  # e.g. "各校 · 总分"
    rows: Sequence[ChapterRow]


def value_added_chapter(pair_label: str, sections: Sequence[ChapterSection]) -> str:
    """The chapter's HTML (starting with <h1>), or "" when no section has a row."""
    parts = []
    for section in sections:
        if not section.rows:
            continue
        body = "".join(
            f'<tr><td>{html.escape(row.name)}</td><td class="num">{row.n}</td>'
            f'<td class="num">{row.effect:+.2f}</td>'
            f'<td class="num">[{row.ci_low:.2f}, {row.ci_high:.2f}]</td>'
            f"<td>{JUDGEMENT[row.category]}</td></tr>"
            for row in section.rows
        )
        parts.append(
            f"<h2>{html.escape(section.heading)}</h2><table><thead><tr><th>单位</th><th>人数</th><th>增值</th>"
            f"<th>95% 区间</th><th>判断</th></tr></thead><tbody>{body}</tbody></table>"
        )
    if not parts:
        return ""
    return f'<h1>增值评价</h1><p>{html.escape(pair_label)}</p>{"".join(parts)}<p class="note">{NOTE}</p>'
