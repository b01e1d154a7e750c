"""The self-evaluation report of a school (自评报告) and the county summary, as Word (python-docx) and PDF
(WeasyPrint) from one list of blocks.

The reports are documents submitted to the supervision office, so they are written in Chinese whatever the
page's language, in the structure the seed plans use (/work/shared/seeds/003): 基本情况, then 资源配置 with each
indicator 达标 / 未达标 and the figures it was computed from, 政府保障与教育质量 items, and the school's
整改措施 with deadlines.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from django.utils import timezone

from zhiliang.balance.models import AppliesTo, ChecklistAnswer, ChecklistItem, Measure
from zhiliang.balance.picture import Picture
from zhiliang.balance.selectors import STAGE_NAMES
from zhiliang.core.balance import BY_KEY, CV_LIMITS, INDICATORS, SOURCE, STAGES
from zhiliang.core.balance.checklists import PART_LABELS, is_met
from zhiliang.core.balance.split import SPLIT_RULE_TEXT
from zhiliang.org.models import School

EXCLUSION_TEXT = {
    "small_teaching_point": "不足50人的教学点",
    "special_education": "特殊教育学校",
    "vocational": "职业学校",
}


@dataclass
class Block:
    kind: str  # h1, h2, p, table
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _n(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _status(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def _checklist_blocks(picture: Picture, school: School | None) -> list[Block]:
    applies = AppliesTo.SCHOOL if school else AppliesTo.COUNTY
    items = list(ChecklistItem.objects.filter(county=picture.county, applies_to=applies, is_active=True))
    answers: dict[int, ChecklistAnswer] = {}
    for answer in ChecklistAnswer.objects.filter(item__in=items, school_year=picture.year, school=school):
        answers.setdefault(answer.item_id, answer)
    blocks: list[Block] = []
    for part, (zh, _en) in PART_LABELS.items():
        rows = []
        for item in (i for i in items if i.part == part):
            answer = answers.get(item.pk)
            rule = "佐证材料" if item.comparator == "evidence" else f"{item.comparator} {item.threshold:g}{item.unit}"
            value = "—"
            met = None
            if answer is not None:
                value = (
                    "已完成"
                    if item.comparator == "evidence"
                    else f"{answer.value:g}{item.unit}"
                    if answer.value is not None
                    else "—"
                )
                threshold = None if item.threshold is None else float(item.threshold)
                met = is_met(
                    item.comparator, threshold, None if answer.value is None else float(answer.value), answer.done
                )
            rows.append([item.code, item.text, rule, value, _status(met), answer.note if answer else ""])
        if rows:
            blocks.append(Block("h2", zh))
            blocks.append(Block("table", header=["编号", "项目", "要求", "现状", "情况", "说明"], rows=rows))
    return blocks


def school_blocks(picture: Picture, school: School) -> list[Block]:
    data = picture.data_for(school.pk)
    parts = picture.parts_of(school.name)
    blocks = [Block("h1", f"{school.name}义务教育优质均衡发展自评报告（{picture.year}）")]
    blocks.append(Block("h2", "一、基本情况"))
    if data is not None:
        students = "、".join(f"{STAGE_NAMES[s]}{int(f.value)}人" for s, f in data.students.items())
        blocks.append(Block("p", f"学校类型：{data.school_type}。在校生：{students}。评估依据：{SOURCE}。"))
    for excluded in picture.evaluation.excluded:
        if excluded.school == school.name:
            blocks.append(Block("p", f"本校为{EXCLUSION_TEXT[excluded.reason]}，不参加资源配置指标评估。"))
    blocks.append(Block("h2", "二、资源配置"))
    if not parts and data is not None and not data.complete:
        blocks.append(Block("p", "设施数据尚未填报，暂不能计算。"))
    for part in parts:
        verdict = "达标" if part.meets_standard else "未达标"
        blocks.append(
            Block(
                "p",
                f"{part.stage}部分（{part.students}人）：7项指标中{part.met_count}项达到标准，"
                f"{'其余指标均不低于标准的85%，' if not part.below_floor else ''}学校{verdict}"
                f"（规则：至少6项达标且其余不低于标准的85%）。",
            )
        )
        if part.share < 1:
            rule = SPLIT_RULE_TEXT.get(part.school_type or "", "")
            blocks.append(Block("p", f"设施按{rule}拆分，本学段占全校设施的{part.share:.2%}。"))
        rows = []
        for indicator in INDICATORS:
            r = part.indicators[indicator.key]
            per = "×100" if indicator.per == 100 else ""
            gap = "" if r.met else f"差{r.shortfall:,.0f}{indicator.unit}"
            rows.append(
                [
                    indicator.label,
                    f"{_n(r.quantity)}{indicator.unit}÷{part.students}{per}",
                    _n(r.value),
                    f"{r.standard:g}",
                    _status(r.met),
                    gap,
                ]
            )
        blocks.append(Block("table", header=["指标", "计算", "现值", "标准", "情况", "差距"], rows=rows))
    blocks.append(Block("h2", "三、政府保障与教育质量"))
    blocks += _checklist_blocks(picture, school)
    blocks.append(Block("h2", "四、整改措施"))
    measures = Measure.objects.filter(school=school, school_year=picture.year)
    if measures:
        blocks.append(
            Block(
                "table",
                header=["指标", "措施", "完成时限", "责任人"],
                rows=[[BY_KEY[m.key].label, m.text, m.deadline.isoformat(), m.responsible] for m in measures],
            )
        )
    else:
        blocks.append(Block("p", "尚未填写整改措施。"))
    blocks.append(Block("p", f"生成日期：{timezone.localdate().isoformat()}"))
    return blocks


def county_blocks(picture: Picture) -> list[Block]:
    evaluation = picture.evaluation
    blocks = [Block("h1", f"{picture.county.name}义务教育优质均衡发展情况汇总（{picture.year}）")]
    blocks.append(Block("h2", "一、资源配置：各校达标情况"))
    counts = {stage: [p for p in evaluation.schools if p.stage == stage] for stage in STAGES}
    for stage, parts in counts.items():
        if parts:
            passed = sum(1 for p in parts if p.meets_standard)
            blocks.append(Block("p", f"{stage}：参评{len(parts)}所（部），达标{passed}所（部）。"))
    rows = [
        [p.school, p.stage, str(p.students), f"{p.met_count}/7", "达标" if p.meets_standard else "未达标"]
        for p in evaluation.schools
    ]
    blocks.append(Block("table", header=["学校", "学段", "在校生", "达标指标", "结论"], rows=rows))
    if evaluation.excluded:
        blocks.append(
            Block(
                "p",
                "不参评："
                + "；".join(f"{e.school}（{EXCLUSION_TEXT[e.reason]}，{e.students}人）" for e in evaluation.excluded),
            )
        )
    if picture.incomplete:
        blocks.append(Block("p", "数据未填报：" + "、".join(item.school.name for item in picture.incomplete)))
    blocks.append(Block("h2", "二、校际差异系数"))
    blocks.append(
        Block(
            "p",
            "差异系数按在校生加权计算：均值为全县总量除以全县在校生，标准差按各校在校生占比加权（教督〔2012〕3号计算方法）。",
        )
    )
    for stage in STAGES:
        rows = []
        for indicator in INDICATORS:
            item = evaluation.county[stage][indicator.key]
            pulling = "、".join(f"{name}（{share:.0%}）" for name, _v, share in item.cv.pulling_up())
            rows.append(
                [
                    indicator.label,
                    _n(item.cv.mean),
                    _n(item.cv.cv, 3),
                    f"{CV_LIMITS[stage]:.2f}",
                    _status(item.met),
                    pulling,
                ]
            )
        blocks.append(Block("h2", f"{stage}（限 {CV_LIMITS[stage]:.2f}）：{_status(evaluation.stage_meets(stage))}"))
        blocks.append(
            Block("table", header=["指标", "加权均值", "差异系数", "上限", "情况", "主要影响学校"], rows=rows)
        )
    blocks.append(Block("h2", "三、政府保障程度、教育质量、社会认可度"))
    blocks += _checklist_blocks(picture, None)
    blocks.append(Block("p", f"生成日期：{timezone.localdate().isoformat()}"))
    return blocks


def to_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    for block in blocks:
        if block.kind == "h1":
            document.add_heading(block.text, level=0)
        elif block.kind == "h2":
            document.add_heading(block.text, level=1)
        elif block.kind == "p":
            document.add_paragraph(block.text)
        else:
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


CSS = """
@page { size: A4; margin: 18mm 15mm; }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; color: #1f2933; line-height: 1.5; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 12pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; } th, td { border: 0.5pt solid #888; padding: 2pt 4pt; }
th { background: #eef2f7; } td.bad { color: #b42318; }
"""


def to_html(blocks: list[Block]) -> str:
    parts = [f"<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'><style>{CSS}</style></head><body>"]
    for block in blocks:
        if block.kind in ("h1", "h2", "p"):
            parts.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
        else:
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            body = "".join(
                "<tr>"
                + "".join(f"<td{' class=bad' if c == '未达标' else ''}>{html.escape(c)}</td>" for c in row)
                + "</tr>"
                for row in block.rows
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(blocks: list[Block]) -> bytes:
    import weasyprint

    result: bytes = weasyprint.HTML(string=to_html(blocks)).write_pdf()
    return result


def _render(blocks: list[Block], fmt: str) -> bytes:
    return to_docx(blocks) if fmt == "docx" else to_pdf(blocks)


def school_report(picture: Picture, school: School, fmt: str) -> bytes:
    return _render(school_blocks(picture, school), fmt)


def county_report(picture: Picture, fmt: str) -> bytes:
    return _render(county_blocks(picture), fmt)
