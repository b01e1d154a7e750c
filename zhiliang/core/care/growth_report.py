"""The student growth report (学生成长报告) for parents: HTML built here, laid out as A4 PDF by WeasyPrint.

What a family sees, and only that: the term's observations per domain (德智体美劳) as counts of praise and
of things to work on, a level per domain and per subject (优秀/良好/合格/待合格, `levels.py`), the fitness
band when there is one, and the teacher's comment. No raw scores and no ranks: the students are minors, and
教基厅函〔2021〕34号 asks for levels, not scores, and forbids ranking (`levels.py`). Special-group flags,
psychological cases and the watch list never enter this report.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from string import Template

from zhiliang.core.care.domains import DOMAINS, domain_label
from zhiliang.core.care.levels import behaviour_level, level_label, subject_level
from zhiliang.core.care.observations import Tally

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "学生成长报告", "en": "Student growth report"},
    "domains": {"zh": "日常表现（德智体美劳）", "en": "Everyday growth (five domains)"},
    "domain": {"zh": "方面", "en": "Domain"},
    "praise": {"zh": "表扬", "en": "Praise"},
    "work_on": {"zh": "待改进", "en": "To work on"},
    "level": {"zh": "等级", "en": "Level"},
    "too_few": {"zh": "记录不足", "en": "Too few records"},
    "subjects": {"zh": "学业水平", "en": "Learning"},
    "subject": {"zh": "学科", "en": "Subject"},
    "no_exams": {"zh": "本学期暂无考试等级", "en": "No exam levels this term"},
    "fitness": {"zh": "体质健康", "en": "Physical fitness"},
    "no_fitness": {"zh": "暂无体质健康数据", "en": "No fitness data"},
    "comment": {"zh": "班主任评语", "en": "Teacher's comment"},
    "no_comment": {"zh": "（尚未填写）", "en": "(not written yet)"},
    "notice": {
        "zh": "本报告以等级呈现，不含分数和排名。表现等级依据本学期教师记录中表扬所占比例，记录少于3条不评等级；"
        "学科等级依据本学期各次考试得分占满分的比例（优秀≥85%，良好≥70%，合格≥60%）。",
        "en": "Levels only: no scores and no ranks. Domain levels come from the share of praise among the term's "
        "records (no level below 3 records); subject levels from the share of full marks over the term's exams "
        "(Excellent ≥ 85%, Good ≥ 70%, Pass ≥ 60%).",
    },
    "signature": {"zh": "家长签字：", "en": "Parent's signature:"},
}

_CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #1f2933; line-height: 1.6; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 2mm; }
.who { text-align: center; color: #3e4c59; margin: 0 0 8mm; }
h2 { font-size: 12pt; border-bottom: 0.8pt solid #2f6db5; padding-bottom: 1mm; margin: 7mm 0 3mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.6pt solid #c7d3e0; padding: 1.5mm 2.5mm; text-align: left; }
th { background: #eef3f9; }
td.num { text-align: right; }
.comment { border: 0.6pt solid #c7d3e0; padding: 3mm 4mm; min-height: 25mm; white-space: pre-wrap; }
.notice { font-size: 8.5pt; color: #6b7785; margin-top: 8mm; }
.signature { margin-top: 10mm; }
"""

_PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang"><head><meta charset="utf-8"><title>$title</title><style>$css</style></head>
<body><h1>$title</h1><p class="who">$who</p>$body</body></html>"""
)


@dataclass(frozen=True)
class GrowthReportInput:
    student_name: str
    school_name: str
    class_name: str
    term_label: str
    tallies: dict[str, Tally]  # per domain, the term's observations
    subjects: Sequence[tuple[str, Sequence[tuple[float, float]]]]  # (subject, [(score, full marks) …])
    fitness_band: str | None
    comment: str


@dataclass(frozen=True)
class GrowthReport:
    """What the report shows: levels and counts, nothing a family could rank by."""

    domains: list[tuple[str, Tally, str | None]]  # (domain key, tally, level)
    subjects: list[tuple[str, str | None]]  # (subject, level)
    fitness_band: str | None
    comment: str


def growth_report(data: GrowthReportInput) -> GrowthReport:
    return GrowthReport(
        domains=[(d, data.tallies.get(d, Tally()), behaviour_level(data.tallies.get(d, Tally()))) for d in DOMAINS],
        subjects=[(name, subject_level(pairs)) for name, pairs in data.subjects],
        fitness_band=data.fitness_band,
        comment=data.comment,
    )


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _t(key: str, lang: str) -> str:
    return TEXT[key]["en" if lang.startswith("en") else "zh"]


def render_html(data: GrowthReportInput, lang: str = "zh") -> str:
    report = growth_report(data)
    rows = "".join(
        f"<tr><td>{_e(domain_label(d, lang))}</td><td class='num'>{tally.positive}</td>"
        f"<td class='num'>{tally.negative}</td><td>{_e(level_label(level, lang) or _t('too_few', lang))}</td></tr>"
        for d, tally, level in report.domains
    )
    domains = (
        f"<h2>{_t('domains', lang)}</h2><table><thead><tr><th>{_t('domain', lang)}</th><th>{_t('praise', lang)}</th>"
        f"<th>{_t('work_on', lang)}</th><th>{_t('level', lang)}</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    if report.subjects:
        subject_rows = "".join(
            f"<tr><td>{_e(name)}</td><td>{_e(level_label(level, lang))}</td></tr>" for name, level in report.subjects
        )
        subjects = (
            f"<h2>{_t('subjects', lang)}</h2><table><thead><tr><th>{_t('subject', lang)}</th>"
            f"<th>{_t('level', lang)}</th></tr></thead><tbody>{subject_rows}</tbody></table>"
        )
    else:
        subjects = f"<h2>{_t('subjects', lang)}</h2><p>{_t('no_exams', lang)}</p>"
    fitness = f"<h2>{_t('fitness', lang)}</h2><p>{_e(report.fitness_band or _t('no_fitness', lang))}</p>"
    comment = f"<h2>{_t('comment', lang)}</h2><div class='comment'>{_e(report.comment or _t('no_comment', lang))}</div>"
    footer = f"<p class='signature'>{_t('signature', lang)}</p><p class='notice'>{_t('notice', lang)}</p>"
    who = f"{data.school_name} · {data.class_name} · {data.student_name} · {data.term_label}"
    return _PAGE.substitute(
        lang="en" if lang.startswith("en") else "zh-Hans",
        title=_t("title", lang),
        css=_CSS,
        who=_e(who),
        body=domains + subjects + fitness + comment + footer,
    )


def render_pdf(data: GrowthReportInput, lang: str = "zh") -> bytes:
    import weasyprint

    result: bytes = weasyprint.HTML(string=render_html(data, lang)).write_pdf()
    return result
