"""The printable term report of teaching routines for one school (教学常规工作学期报告), A4 PDF via WeasyPrint.

Pure: the Django layer gathers the figures into `TermReport`; this module lays them out with the shared
report stylesheet (zhiliang/core/reports/report.css) and the same table helper style. Sections: 听课评课
(lessons, mean, share meeting the standard against the target, bands, by subject group, quotas), 常规检查
(inspections, mean score, problems, the rectification loop), 作业管理 (class-days recorded and over the
"双减" limits per class).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class TermReport:
    school: str
    term: str
    generated: dt.date
    figures: Sequence[tuple[str, str]]  # (value, label) on the cover
    observation_text: Sequence[str]
    subject_groups: Table
    quotas: Table
    bands: Table
    inspection_text: Sequence[str]
    inspections: Table
    open_items: Table
    homework_text: Sequence[str]
    homework: Table
    notes: Sequence[str] = field(default_factory=tuple)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(table: Table, empty: str = "（无）") -> str:
    if not table.rows:
        return f'<p class="hint">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{_e(c)}</td>' if isinstance(c, (int, float)) else f"<td>{_e(c)}</td>" for c in row)
        + "</tr>"
        for row in table.rows
    )
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _paragraphs(lines: Iterable[str]) -> str:
    return "".join(f"<p>{_e(line)}</p>" for line in lines)


def render_html(report: TermReport) -> str:
    css = resources.files("zhiliang.core.reports").joinpath("report.css").read_text(encoding="utf-8")
    figures = "".join(
        f'<div class="figure"><span class="value">{_e(value)}</span><span class="name">{_e(label)}</span></div>'
        for value, label in report.figures
    )
    notes = "".join(f"<li>{_e(note)}</li>" for note in report.notes)
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{_e(report.school)} 教学常规工作学期报告</title>
<style>{css}</style></head><body>
<section class="cover">
<p class="kicker">教学常规工作学期报告</p>
<h1>{_e(report.school)}</h1>
<p class="subtitle">{_e(report.term)}</p>
<div class="figures">{figures}</div>
<p class="hint">生成日期：{report.generated.isoformat()}</p>
</section>
<section class="chapter"><h1>一、听课评课</h1>{_paragraphs(report.observation_text)}
<h2>各学科教研组</h2>{_table(report.subject_groups)}
<h2>评价等第分布</h2>{_table(report.bands)}
<h2>听课任务完成情况</h2>{_table(report.quotas)}</section>
<section class="chapter"><h1>二、教学常规检查</h1>{_paragraphs(report.inspection_text)}
<h2>各次检查</h2>{_table(report.inspections)}
<h2>尚未销号的整改</h2>{_table(report.open_items)}</section>
<section class="chapter"><h1>三、作业管理</h1>{_paragraphs(report.homework_text)}
{_table(report.homework)}</section>
<section class="chapter"><h1>四、说明</h1><ul>{notes}</ul></section>
</body></html>"""


def render_pdf(report: TermReport) -> bytes:
    import weasyprint

    result: bytes = weasyprint.HTML(string=render_html(report)).write_pdf()
    return result
