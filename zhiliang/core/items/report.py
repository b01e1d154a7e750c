"""The item-analysis chapter (小题分析) of the printed 质量分析报告, as HTML for `zhiliang.core.reports`.

Pure: takes each paper's `ItemAnalysis` (and, for a school or class report, that unit's difficulty per item)
and returns one chapter starting with `<h1>`, styled by the report's CSS (`table.data`, `td.num`, `p.hint`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from zhiliang.core.items.flags import flag_text
from zhiliang.core.items.stats import ItemAnalysis


@dataclass(frozen=True)
class PaperSection:
    subject: str
    analysis: ItemAnalysis
    unit_label: str | None = None  # "本校" / the class, when the report is for a unit
    unit_difficulty: Sequence[float | None] = ()


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def item_chapter(papers: Sequence[PaperSection]) -> str:
    """One chapter with, per paper, its reliability line and the table of items with their flags."""
    if not papers:
        return ""
    parts = ["<h1>小题分析</h1>"]
    for paper in papers:
        t = paper.analysis.test
        parts.append(f"<h2>{_e(paper.subject)}</h2>")
        parts.append(
            '<p class="hint">'
            + _e(
                f"全卷 {t.n} 人，满分 {t.max_total:g}，平均分 {t.mean:.2f}，标准差 {t.sd:.2f}，"
                f"克隆巴赫 α = {_n(t.alpha, 3)}，测量标准误 {_n(t.sem)}，整卷难度 {t.observed_difficulty:.2f}"
                + (f"（命题预估 {t.intended_difficulty:.2f}）" if t.intended_difficulty is not None else "")
                + "。"
            )
            + "</p>"
        )
        unit = paper.unit_label
        headers = ["题号", "满分", "难度"] + ([f"难度（{unit}）"] if unit else []) + ["区分度", "校正题总相关", "提示"]
        rows = []
        for index, s in enumerate(paper.analysis.items):
            cells = [_e(s.item), f'<td class="num">{s.max:g}</td>', f'<td class="num">{s.difficulty:.2f}</td>']
            if unit:
                value = paper.unit_difficulty[index] if index < len(paper.unit_difficulty) else None
                cells.append(f'<td class="num">{_n(value)}</td>')
            cells += [
                f'<td class="num">{_n(s.discrimination)}</td>',
                f'<td class="num">{_n(s.r_it_corrected)}</td>',
                f"<td>{_e('；'.join(flag_text(f) for f in s.flags))}</td>",
            ]
            rows.append("<tr><td>" + cells[0] + "</td>" + "".join(cells[1:]) + "</tr>")
        head = "".join(f"<th>{_e(h)}</th>" for h in headers)
        parts.append(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    parts.append(
        '<p class="hint">难度 = 平均得分 ÷ 满分；区分度 D = 总分前 27% 与后 27% 学生平均得分之差 ÷ 满分（与分界分数'
        "相同的学生一并计入）；提示依据 Crocker &amp; Algina（1986）与 Ebel 区分度标准：D ≥ 0.40 优秀，0.30–0.39 良好，"
        "0.20–0.29 一般需改进，低于 0.20 较差。</p>"
    )
    return "\n".join(parts)
