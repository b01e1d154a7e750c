"""The A4 质量分析报告 (PDF) of an analysis for the county, one school or one class.

HTML is built here with `html.escape` and `string.Template` (no template engine: this is a pure core) and
laid out by WeasyPrint with report.css. Per grade the report has: 总体情况 (statistics per subject and a rate
chart), 分数分布 (score-band histogram, box plots by school or class), 主要发现 (findings computed from the
data), the table of schools or classes (or a class's students), 临界生 and 分档上线; a cover page shows the
scope, the full marks and the thresholds, and the last page defines every measure.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from importlib import resources
from string import Template

import polars as pl

from zhiliang.core.analytics import TOTAL, ExamAnalysis
from zhiliang.core.reports import charts
from zhiliang.core.reports.labels import (
    CHEATING_AS_ZERO,
    CHEATING_EXCLUDED,
    LINE_KIND_LABELS,
    STATUS_LABELS,
    STATUS_RULES,
    as_number,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_signed_percent,
    tier_label,
)
from zhiliang.core.reports.observations import context, observations
from zhiliang.core.reports.scope import ReportScope

_PAGE = Template(
    """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>$title</title><style>$css</style></head>
<body>
$cover
$body
</body></html>"""
)
_CHAPTER_NUMBERS = "一二三四五六七八九十"
Cell = tuple[str, str]  # (text, css class)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], row_classes: Sequence[str] = ()) -> str:
    """An HTML table; a cell is text, or (text, css class) — "num" right-aligns it."""
    head = "".join(f"<th>{_e(header)}</th>" for header in headers)
    body: list[str] = []
    for index, row in enumerate(rows):
        cells = []
        for cell in row:
            text, css = cell if isinstance(cell, tuple) else (cell, "")
            cells.append(f'<td class="{css}">{_e(text)}</td>' if css else f"<td>{_e(text)}</td>")
        css_row = row_classes[index] if index < len(row_classes) else ""
        body.append(f'<tr class="{css_row}">' + "".join(cells) + "</tr>")
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _num(text: str, css: str = "") -> Cell:
    return (text, f"num {css}".strip())


def render_pdf(analysis: ExamAnalysis, *, title: str, scope: ReportScope, extra_chapters: Sequence[str] = ()) -> bytes:
    """The report as PDF bytes. Raises ScopeNotFound when the scope's school or class is not analysed.

    `extra_chapters` are chapters other cores add (HTML starting with `<h1>`, e.g. the item analysis of
    `zhiliang.core.items.report`); they come after the grade chapters, before the definitions."""
    import weasyprint

    scope.check(analysis)
    document = render_html(analysis, title=title, scope=scope, extra_chapters=extra_chapters)
    result: bytes = weasyprint.HTML(string=document).write_pdf()
    return result


def render_html(analysis: ExamAnalysis, *, title: str, scope: ReportScope, extra_chapters: Sequence[str] = ()) -> str:
    grades = _grades(analysis)
    chapters: list[str] = []
    for grade in grades:
        heading = f"{grade} " if grade and len(grades) > 1 else ""
        chapters.extend(_grade_chapters(analysis, scope, grade, heading))
    chapters.extend(chapter for chapter in extra_chapters if chapter)
    chapters.append(_definitions(analysis))
    numbered = [
        chapter.replace("<h1>", f"<h1>{_CHAPTER_NUMBERS[i] if i < 10 else i + 1}、", 1)
        for i, chapter in enumerate(chapters)
    ]
    # Long tables (schools, classes, students) and the definitions start on a page of their own.
    body = "\n".join(
        f'<section class="chapter{" new-page" if _starts_page(chapter) else ""}">{chapter}</section>'
        for chapter in numbered
    )
    css = resources.files("zhiliang.core.reports").joinpath("report.css").read_text(encoding="utf-8")
    return _PAGE.substitute(
        title=_e(title), scope=_e(scope.label), css=css, cover=_cover(analysis, title, scope), body=body
    )


def _starts_page(chapter: str) -> bool:
    return any(marker in chapter[:80] for marker in ("各学校成绩", "各班级成绩", "本班学生成绩", "指标说明"))


def _grades(analysis: ExamAnalysis) -> list[str | None]:
    county = analysis.summary.filter(pl.col("level") == "county")
    return list(county.get_column("grade").unique(maintain_order=True).to_list()) or [None]


def _cover(analysis: ExamAnalysis, title: str, scope: ReportScope) -> str:
    students = scope.students(analysis.students.filter(pl.col("subject") == TOTAL))
    thresholds = analysis.config.thresholds
    figures = [
        (f"{students.height:,}", "学生"),
        (f"{students.get_column('school').n_unique():,}", "学校"),
        (f"{students.select('school', 'class').n_unique():,}", "班级"),
        (str(len(analysis.subjects) - 1), "学科"),
    ]
    if scope.level != "county":
        figures = [figure for figure in figures if figure[1] != "学校"]
    lines = [
        ("及格线", f"≥ 满分 × {fmt_percent(thresholds.pass_ratio, 0)}"),
        ("优秀线", f"≥ 满分 × {fmt_percent(thresholds.excellent_ratio, 0)}"),
        *([("良好线", f"≥ 满分 × {fmt_percent(thresholds.good_ratio, 0)}")] if thresholds.good_ratio else []),
        ("低分线", f"< 满分 × {fmt_percent(thresholds.low_ratio, 0)}"),
    ]
    subjects = [spec for spec in analysis.subjects if spec.name != TOTAL]
    marks_rows = [
        [
            spec.name,
            _num(fmt_number(spec.full_marks)),
            _num(fmt_number(spec.full_marks * thresholds.pass_ratio)),
            _num(fmt_number(spec.full_marks * thresholds.excellent_ratio)),
            _num(fmt_number(spec.full_marks * thresholds.low_ratio)),
        ]
        for spec in analysis.subjects
    ]
    meta = [
        ("报告范围", scope.label),
        ("年级", "、".join(str(grade) for grade in _grades(analysis) if grade) or "—"),
        ("学科", "、".join(spec.name for spec in subjects)),
        ("分数线", "；".join(f"{name} {rule}" for name, rule in lines)),
        ("生成日期", dt.date.today().isoformat()),
    ]
    figure_html = "".join(
        f'<div class="figure"><span class="value">{_e(value)}</span><span class="name">{_e(name)}</span></div>'
        for value, name in figures
    )
    meta_html = "".join(f"<tr><td>{_e(key)}</td><td>{_e(value)}</td></tr>" for key, value in meta)
    return (
        '<div class="cover"><p class="kicker">考试质量分析报告</p>'
        f'<h1>{_e(title)}</h1><p class="subtitle">{_e(scope.label)}</p>'
        f'<div class="figures">{figure_html}</div>'
        f'<table class="meta">{meta_html}</table>'
        "<h2>满分与分数线（分）</h2>"
        + _table(
            ("学科", "满分", "及格线", "优秀线", "低分线"),
            marks_rows,
            ["total" if r[0] == TOTAL else "" for r in marks_rows],
        )
        + '<p class="notice">本报告为内部资料，供学校和教育行政部门分析教学质量使用。'
        "依据教育部 2021 年关于加强义务教育学校考试管理的规定，考试成绩和名次不得公开张榜，"
        "不得向学生和家长公布排名，不得据此给学生贴标签或调整分班。</p></div>"
    )


def _grade_chapters(analysis: ExamAnalysis, scope: ReportScope, grade: str | None, heading: str) -> list[str]:
    ctx = context(analysis, scope, grade)
    chapters = [
        _overview(analysis, scope, ctx.unit, heading),
        _distribution(analysis, scope, grade, heading),
        "<h1>"
        + _e(f"{heading}主要发现")
        + "</h1>"
        + '<ol class="findings">'
        + "".join(f"<li>{_e(text)}</li>" for text in observations(analysis, scope, grade))
        + "</ol>",
    ]
    if scope.level == "class":
        chapters.append(_class_students(analysis, scope, grade, heading))
    else:
        chapters.append(_units_table(analysis, ctx.children, ctx.child_label, heading))
    chapters.append(_lists(analysis, scope, grade, heading))
    return chapters


def _overview(analysis: ExamAnalysis, scope: ReportScope, unit: pl.DataFrame, heading: str) -> str:
    compare = scope.level != "county"
    headers = ["学科", "满分", "应考", "实考", "缺考", "平均分", "标准差", "中位数", "最高", "最低"]
    headers += ["得分率", "及格率", "优秀率", "低分率"] + (["超均率"] if compare else [])
    rows, classes = [], []
    for row in unit.iter_rows(named=True):
        cells: list[object] = [
            row["subject"],
            _num(fmt_number(row["full_marks"])),
            _num(fmt_int(row["enrolled"])),
            _num(fmt_int(row["sat"])),
            _num(fmt_int(row["absent"])),
            _num(fmt_number(row["mean"], 1)),
            _num(fmt_number(row["sd"], 1)),
            _num(fmt_number(row["median"])),
            _num(fmt_number(row["max"])),
            _num(fmt_number(row["min"])),
            _num(fmt_percent(row["score_rate"])),
            _num(fmt_percent(row["pass_rate"])),
            _num(fmt_percent(row["excellent_rate"])),
            _num(fmt_percent(row["low_rate"])),
        ]
        if compare:
            over = as_number(row["over_mean_rate"])
            css = "" if over is None else ("good" if over >= 0 else "bad")
            cells.append(_num(fmt_signed_percent(over), css))
        rows.append(cells)
        classes.append("total" if row["subject"] == TOTAL else "")
    subjects = unit.filter(pl.col("subject") != TOTAL)
    chart = charts.rate_bars(
        subjects.get_column("subject").to_list(),
        [
            ("及格率", subjects.get_column("pass_rate").to_list(), charts.ACCENT),
            ("优秀率", subjects.get_column("excellent_rate").to_list(), charts.GOOD),
            ("低分率", subjects.get_column("low_rate").to_list(), charts.WARN),
        ],
        title="各学科及格率、优秀率、低分率",
    )
    parent = {"school": "全县", "class": "本校"}.get(scope.level)
    note = f"超均率 =（平均分 − {parent}平均分）÷ {parent}平均分。" if parent else ""
    return (
        "<h1>"
        + _e(f"{heading}总体情况")
        + "</h1>"
        + _table(headers, rows, classes)
        + f'<p class="hint">实考：有成绩的人数；总分行只计各科成绩齐全的学生。{_e(note)}</p>'
        + f"<figure>{chart}</figure>"
    )


def _distribution(analysis: ExamAnalysis, scope: ReportScope, grade: str | None, heading: str) -> str:
    bands = analysis.bands.filter((pl.col("subject") == TOTAL) & (pl.col("level") == scope.level))
    bands = bands.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)
    if scope.school is not None:
        bands = bands.filter(pl.col("school") == scope.school)
    if scope.class_name is not None:
        bands = bands.filter(pl.col("class") == scope.class_name)
    bands = bands.sort("band")
    thresholds = analysis.config.thresholds
    parts = ["<h1>" + _e(f"{heading}分数分布") + "</h1>"]
    if bands.height:
        labels = [
            f"{fmt_number(low)}–{fmt_number(high)}" for low, high in bands.select("band_low", "band_high").iter_rows()
        ]
        pass_from = next(
            (i for i, ratio in enumerate(analysis.config.band_ratios) if ratio >= thresholds.pass_ratio - 1e-9), None
        )
        parts.append(
            "<figure>"
            + charts.band_histogram(
                labels, bands.get_column("count").to_list(), title="总分分数段（人数与占比）", highlight_from=pass_from
            )
            + "<figcaption>深色为及格线以上的分数段；每段含下限、不含上限，最高段含满分。</figcaption></figure>"
        )
    parts.append(_box_plots(analysis, scope, grade))
    return "".join(parts)


def _box_plots(analysis: ExamAnalysis, scope: ReportScope, grade: str | None) -> str:
    totals = analysis.students.filter((pl.col("subject") == TOTAL) & pl.col("score").is_not_null())
    totals = totals.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)
    full = next((spec.full_marks for spec in analysis.subjects if spec.name == TOTAL), 100.0)
    thresholds = analysis.config.thresholds
    lines = [
        charts.Line(full * thresholds.pass_ratio, "及格线"),
        charts.Line(full * thresholds.excellent_ratio, "优秀线"),
    ]
    if scope.level == "county":
        key, caption = "school", "各校总分分布"
    else:
        totals = totals.filter(pl.col("school") == scope.school)
        key, caption = "class", "本校各班总分分布"
    mean = as_number(totals.get_column("score").mean()) if totals.height else None
    groups = [
        (("★ " if scope.class_name == label and key == "class" else "") + str(label), values)
        for label, values in totals.group_by(key, maintain_order=True).agg(pl.col("score")).iter_rows()
    ]
    if len(groups) < 2:
        return ""
    svg = charts.box_plot(groups, title=caption, full_marks=full, lines=lines, reference_mean=mean)
    if len(groups) > charts.MAX_LABELLED_BOXES:
        note = "每条竖线是一个单位：粗线为中间 50% 学生的分数范围，点为中位数；红线为整体平均分。"
    else:
        note = "箱体为中间 50% 学生的分数范围，竖线为中位数，白点为平均分，红线为整体平均分。"
    if scope.level == "class":
        note += "★ 为本班。"
    return f"<figure>{svg}<figcaption>{_e(note)}</figcaption></figure>"


def _units_table(analysis: ExamAnalysis, children: pl.DataFrame, label: str, heading: str) -> str:
    """Schools (or classes): mean per subject, the total, all-pass rate, over-mean rate and rank."""
    if children.is_empty():
        return "<h1>" + _e(f"{heading}各{label}成绩") + "</h1><p>没有数据。</p>"
    key = "school" if label == "学校" else "class"
    subjects = [spec.name for spec in analysis.subjects if spec.name != TOTAL]
    means = children.pivot(on="subject", index=key, values="mean", aggregate_function="first")
    totals = children.filter(pl.col("subject") == TOTAL).select(key, "sat", "all_pass_rate", "over_mean_rate", "rank")
    table = totals.join(means, on=key, how="left").sort("rank", nulls_last=True, maintain_order=True)
    headers = ["名次", label, "实考", *subjects, "总分均分", "全科及格率", "超均率"]
    rows = []
    for row in table.iter_rows(named=True):
        over = as_number(row["over_mean_rate"])
        rows.append(
            [
                _num(fmt_int(row["rank"])),
                str(row[key]),
                _num(fmt_int(row["sat"])),
                *(_num(fmt_number(row.get(subject), 1)) for subject in subjects),
                _num(fmt_number(row.get(TOTAL), 1)),
                _num(fmt_percent(row["all_pass_rate"])),
                _num(fmt_signed_percent(over), "" if over is None else ("good" if over >= 0 else "bad")),
            ]
        )
    parent = "全县" if label == "学校" else "本校"
    return (
        "<h1>"
        + _e(f"{heading}各{label}成绩")
        + "</h1>"
        + f'<p class="hint">按总分平均分排序；各科为平均分；实考为各科齐全的学生数；超均率与{parent}比较。</p>'
        + _table(headers, rows)
    )


def _class_students(analysis: ExamAnalysis, scope: ReportScope, grade: str | None, heading: str) -> str:
    students = scope.students(analysis.students)
    students = students.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)
    subjects = [spec.name for spec in analysis.subjects if spec.name != TOTAL]
    shown = students.with_columns(
        pl.when(pl.col("status") == "scored")
        .then(pl.col("score").round(1).cast(pl.String).str.replace(r"\.0$", ""))
        .otherwise(pl.col("status").replace_strict(STATUS_LABELS, default=pl.col("status")))
        .alias("shown")
    )
    table = shown.pivot(on="subject", index=["student_id", "name"], values="shown", aggregate_function="first")
    ranks = shown.filter(pl.col("subject") == TOTAL).select("student_id", "rank_class", "rank_school")
    table = table.join(ranks, on="student_id", how="left").sort("student_id")
    headers = ["学籍号", "姓名", *subjects, "总分", "班名次", "校名次"]
    rows = [
        [
            str(row["student_id"]),
            str(row["name"]),
            *(_num(row.get(subject) or "—") for subject in [*subjects, TOTAL]),
            _num(fmt_int(row["rank_class"])),
            _num(fmt_int(row["rank_school"])),
        ]
        for row in table.iter_rows(named=True)
    ]
    return (
        "<h1>"
        + _e(f"{heading}本班学生成绩")
        + "</h1>"
        + '<p class="hint">按学籍号排列；名次为本年级内的竞争排名，仅供教师分析，不得公开。</p>'
        + _table(headers, rows)
    )


def _lists(analysis: ExamAnalysis, scope: ReportScope, grade: str | None, heading: str) -> str:
    """临界生 counts per subject and line, the class's 临界生 by name, and 分档上线 of the unit."""
    parts = ["<h1>" + _e(f"{heading}临界生与分档上线") + "</h1>"]
    critical = scope.students(analysis.critical)
    critical = critical.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)
    kinds = [kind for kind in ("excellent", "good", "pass") if kind in set(critical.get_column("line_kind").to_list())]
    margin = fmt_percent(analysis.config.critical_margin_ratio, 0)
    parts.append(f'<h2>临界生人数</h2><p class="hint">低于该线、差距不超过满分 × {_e(margin)} 的学生。</p>')
    if critical.is_empty():
        parts.append("<p>没有临界生。</p>")
    else:
        counts = critical.group_by("subject", "line_kind").len()
        order = [spec.name for spec in analysis.subjects]
        rows = []
        for subject in order:
            subject_counts = counts.filter(pl.col("subject") == subject)
            if subject_counts.is_empty():
                continue
            values = dict(subject_counts.select("line_kind", "len").iter_rows())
            rows.append([subject, *(_num(fmt_int(values.get(kind, 0))) for kind in kinds)])
        parts.append(_table(["学科", *(LINE_KIND_LABELS[kind] for kind in kinds)], rows))
        if scope.level == "class":
            named = critical.sort("subject", "line_kind", "gap").select(
                "name", "subject", "score", "line_kind", "line_score", "gap"
            )
            parts.append("<h2>本班临界生名单</h2>")
            parts.append(
                _table(
                    ["姓名", "学科", "成绩", "临界线", "线上分数", "差距"],
                    [
                        [
                            str(name),
                            str(subject),
                            _num(fmt_number(score)),
                            LINE_KIND_LABELS.get(kind, kind),
                            _num(fmt_number(line)),
                            _num(fmt_number(gap)),
                        ]
                        for name, subject, score, kind, line, gap in named.iter_rows()
                    ],
                )
            )
    parts.append(_cut_lines(analysis, scope, grade))
    return "".join(parts)


def _cut_lines(analysis: ExamAnalysis, scope: ReportScope, grade: str | None) -> str:
    lines = scope.units(analysis.cut_lines).filter(pl.col("level").is_in(("county", "school", "class")))
    lines = lines.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)
    if scope.level == "county":
        lines = lines.filter(pl.col("level") == "county")
    elif scope.level == "school":
        lines = lines.filter(pl.col("level") != "county")
    if lines.is_empty():
        return ""
    tiers = sorted(set(lines.get_column("line").to_list()))
    scores = dict(lines.select("line", "line_score").unique("line").iter_rows())
    headers = ["单位", "实考", *(f"{tier_label(t)}（≥{fmt_number(scores[t])}）" for t in tiers)]
    rows = []
    for (level, school, class_name), unit in lines.group_by("level", "school", "class", maintain_order=True):
        name = {"county": "全县", "school": str(school)}.get(str(level), f"{school} {class_name}")
        by_line = {row["line"]: row for row in unit.iter_rows(named=True)}
        first = next(iter(by_line.values()))
        rows.append(
            [
                name,
                _num(fmt_int(first["sat"])),
                *(
                    _num(f"{fmt_int(by_line[t]['count_above'])}（{fmt_percent(by_line[t]['share_above'])}）")
                    if t in by_line
                    else _num("—")
                    for t in tiers
                ),
            ]
        )
    return (
        "<h2>分档上线（总分）</h2>"
        '<p class="hint">分数线按全县总分从高到低的人数比例划定；上线人数为累计人数（二档含一档），括号内为上线率。</p>'
        + _table(headers, rows)
    )


def _definitions(analysis: ExamAnalysis) -> str:
    config = analysis.config
    weights = config.weights
    cheating = CHEATING_AS_ZERO if config.cheating_as_zero else CHEATING_EXCLUDED
    items = [
        ("应考、实考", "应考：该科应参加考试的学生（免考者除外）；实考：有成绩的学生。"),
        *((f"{word}", rule.format(cheating=cheating)) for word, rule in STATUS_RULES),
        ("平均分、标准差", "按实考学生计算；标准差为总体标准差。得分率 = 平均分 ÷ 满分。"),
        ("及格率、优秀率、低分率", "达到及格线、优秀线或低于低分线的人数 ÷ 实考人数。"),
        ("全科及格率", "各科均及格的学生 ÷ 各科成绩齐全的学生。"),
        ("超均率", "（本单位平均分 − 上级平均分）÷ 上级平均分：学校与全县比，班级与本校比。"),
        (
            "三率一分",
            f"{fmt_number(weights.mean)}×得分率 + {fmt_number(weights.pass_)}×及格率 + "
            f"{fmt_number(weights.excellent)}×优秀率 + {fmt_number(weights.low)}×（1 − 低分率）。",
        ),
        ("差异系数（CV）", "各单位平均分的标准差 ÷ 其平均值，越小说明各单位越均衡。"),
        ("名次", "按平均分从高到低的竞争排名（1, 2, 2, 4）。"),
        ("临界生", f"低于某条线、差距不超过满分 × {fmt_percent(config.critical_margin_ratio, 0)} 的学生。"),
    ]
    body = "".join(f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>" for term, text in items)
    return f'<h1>指标说明</h1><dl class="definitions">{body}</dl>'
