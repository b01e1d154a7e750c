"""Gather one school's term figures for the printable report (zhiliang.core.teaching.report). The report is
in Chinese, like the other printed reports (it is filed with the school's records)."""

from __future__ import annotations

import datetime
from typing import Any

from zhiliang.core.reports.labels import fmt_percent
from zhiliang.core.teaching.homework import STATUS_LABELS
from zhiliang.core.teaching.rectification import STATE_LABELS, loop_summary
from zhiliang.core.teaching.report import Table, TermReport
from zhiliang.org.models import School, SchoolClass, Term
from zhiliang.teaching.models import Inspection, InspectionResult
from zhiliang.teaching.selectors import homework_load, open_rows, quota_rows, quota_totals, school_summary


def _pct(value: Any) -> str:
    return fmt_percent(float(value)) if value is not None else "—"


def _num(value: Any) -> Any:
    return float(value) if value is not None else "—"


def term_report(school: School, term: Term, user: Any, today: datetime.date) -> TermReport:
    summary = school_summary(school, term)
    stats = summary.overall
    quotas = quota_totals(quota_rows(school, term))
    results = InspectionResult.objects.filter(inspection__school=school, inspection__term=term)
    states = [result.state(today) for result in results]
    loop = loop_summary(states)
    inspections = Inspection.objects.filter(school=school, term=term).order_by("held_on")
    inspection_rows = []
    for inspection in inspections:
        rows = list(inspection.results.all())
        mean = sum(float(r.score) for r in rows) / len(rows) if rows else None
        inspection_rows.append(
            [
                inspection.held_on.isoformat(),
                inspection.title,
                len(rows),
                round(mean, 1) if mean is not None else "—",
                sum(1 for r in rows if not r.passed),
                sum(1 for r in rows if r.rectification_required),
            ]
        )
    open_items = [
        [
            row["result"].teacher.name,
            row["result"].inspection.title,
            row["result"].deadline.isoformat(),
            STATE_LABELS[row["state"]][0],
            row["result"].problems[:60],
        ]
        for row in open_rows(results, today)
    ]
    classes = SchoolClass.objects.filter(school=school, school_year=term.school_year)
    days = homework_load(classes, term.start_date, term.end_date)
    per_class: dict[int, dict[str, Any]] = {}
    for day in days:
        entry = per_class.setdefault(
            day.school_class.pk, {"class": str(day.school_class), "days": 0, "minutes": 0, "alerts": 0, "worst": 0}
        )
        entry["days"] += 1
        entry["minutes"] += day.load.written_minutes
        entry["alerts"] += 1 if day.load.is_alert else 0
        entry["worst"] = max(entry["worst"], day.load.written_minutes)
    homework_rows = [
        [e["class"], e["days"], round(e["minutes"] / e["days"], 1), e["worst"], e["alerts"]] for e in per_class.values()
    ]
    alerts = sum(1 for day in days if day.load.is_alert)
    target_text = "达到" if stats.reaches_target else "未达到"
    observation_text = (
        [
            f"本学期提交听课记录 {stats.count} 节，平均得分 {_num(stats.mean_score)} 分；达标 {stats.meeting} 节，"
            f"达标率 {_pct(stats.share)}，{target_text}学校目标 {_pct(stats.target)}。"
        ]
        if stats.count
        else ["本学期尚无提交的听课记录。"]
    )
    return TermReport(
        school=school.name,
        term=str(term),
        generated=today,
        figures=[
            (str(stats.count), "听课节数"),
            (_pct(stats.share), f"达标率（目标 {_pct(stats.target)}）"),
            (str(loop.still_open), "未销号整改"),
            (str(alerts), "作业超时班次"),
        ],
        observation_text=observation_text,
        subject_groups=Table(
            ["学科", "听课节数", "平均分", "达标节数", "达标率"],
            [
                [
                    row["subject"],
                    row["stats"].count,
                    _num(row["stats"].mean_score),
                    row["stats"].meeting,
                    _pct(row["stats"].share),
                ]
                for row in summary.by_subject
            ],
        ),
        quotas=Table(
            ["角色", "听课人数", "每人应听", "已完成人数", "实际听课节数"],
            [
                [
                    q["role"],
                    q["observers"],
                    q["required"] if q["required"] is not None else "未设定",
                    q["met"],
                    q["done"],
                ]
                for q in quotas
            ],
        ),
        bands=Table(["等第", "节数"], [[band or "—", count] for band, count in summary.bands]),
        inspection_text=[
            f"本学期开展常规检查 {inspections.count()} 次，检查教师 {results.count()} 人次；要求整改 {loop.required} 项，"
            f"已销号 {loop.closed} 项，尚未销号 {loop.still_open} 项（其中逾期 {loop.overdue} 项）。"
        ],
        inspections=Table(["日期", "检查", "检查人次", "平均分", "不合格", "要求整改"], inspection_rows),
        open_items=Table(["教师", "检查", "整改期限", "状态", "问题"], open_items),
        homework_text=[
            f"本学期登记作业 {len(days)} 个班次（班级 × 日），其中超出“双减”书面作业时长规定或低年级布置书面作业的 "
            f"{alerts} 个班次（{STATUS_LABELS['over'][0]}或{STATUS_LABELS['written_not_allowed'][0]}）。"
        ],
        homework=Table(["班级", "登记天数", "日均书面作业（分钟）", "最多一天（分钟）", "超标天数"], homework_rows),
        notes=[
            "达标：一节课按其评价表版本的得分（百分制）不低于该版本的达标分；达标率 = 达标节数 ÷ 听课节数。",
            "听课记录按评课时使用的评价表版本计分，评价表修改后旧记录不变。",
            "作业时长限额：《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》（2021）规定小学一、二年级"
            "不布置家庭书面作业，三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟。",
            f"报告由 {user} 生成。",
        ],
    )
