"""The .xlsx sheets of teacher development (every table a page shows), written by `zhiliang.core.xlsx_export`.

Headers are Chinese, as schools file them. Every download is audited (`export`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.development import METRICS, metric_label, stage_label
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.development.models import (
    Achievement,
    GroupActivity,
    MentoringMeeting,
    MentoringPair,
    SubjectGroup,
    TrainingRecord,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(
    request: HttpRequest, sheets: Sequence[SheetSpec], filename: str, what: str, target: Any = None
) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=target, what=what)
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cols(*specs: tuple[str, str] | str) -> list[ColumnSpec]:
    return [ColumnSpec(s) if isinstance(s, str) else ColumnSpec(s[0], kind=s[1]) for s in specs]  # type: ignore[arg-type]


def training_sheet(records: Iterable[TrainingRecord], title: str = "培训记录") -> SheetSpec:
    return SheetSpec(
        name="培训记录",
        title=title,
        columns=_cols(
            "学校",
            "工号",
            "教师",
            "培训项目",
            "主办单位",
            "级别",
            ("开始", "date"),
            ("结束", "date"),
            ("学时", "number"),
            "状态",
        ),
        rows=(
            (
                r.teacher.school.name,
                r.teacher.staff_number,
                r.teacher.name,
                r.course,
                r.provider,
                r.get_level_display(),
                r.started_on,
                r.ended_on,
                float(r.hours),
                r.get_status_display(),
            )
            for r in records
        ),
    )


def achievement_sheet(records: Iterable[Achievement], title: str = "教科研成果与获奖") -> SheetSpec:
    return SheetSpec(
        name="成果与获奖",
        title=title,
        columns=_cols("学校", "工号", "教师", "类别", "名称", "级别", ("日期", "date"), "说明", "状态"),
        rows=(
            (
                r.teacher.school.name,
                r.teacher.staff_number,
                r.teacher.name,
                r.get_kind_display(),
                r.title,
                r.get_level_display(),
                r.date,
                r.detail,
                r.get_status_display(),
            )
            for r in records
        ),
    )


def pairs_sheet(pairs: Iterable[MentoringPair]) -> SheetSpec:
    return SheetSpec(
        name="结对带教",
        title="结对带教",
        columns=_cols("学校", "师傅", "徒弟", ("开始", "date"), ("结束", "date"), "目标", ("活动次数", "int")),
        rows=(
            (
                p.school.name,
                p.mentor.name,
                p.mentee.name,
                p.started_on,
                p.ended_on,
                p.goals,
                getattr(p, "meeting_count", 0),
            )
            for p in pairs
        ),
    )


def meetings_sheet(pair: MentoringPair, meetings: Iterable[MentoringMeeting]) -> SheetSpec:
    return SheetSpec(
        name="带教活动",
        title=f"{pair.mentor.name} → {pair.mentee.name} 带教活动",
        columns=_cols(("日期", "date"), "类型", "主题", "记录"),
        rows=((m.date, m.get_kind_display(), m.topic, m.notes) for m in meetings),
    )


def groups_sheet(groups: Iterable[SubjectGroup]) -> SheetSpec:
    return SheetSpec(
        name="教研组",
        title="教研组",
        columns=_cols("学校", "教研组", "学科", "组长", ("成员数", "int"), ("活动次数", "int")),
        rows=(
            (
                g.school.name,
                g.name,
                "、".join(s.name for s in g.subjects.all()),
                g.leader.name,
                getattr(g, "member_count", 0),
                getattr(g, "activity_count", 0),
            )
            for g in groups
        ),
    )


def activities_sheet(group: SubjectGroup, activities: Iterable[GroupActivity], members: int) -> SheetSpec:
    return SheetSpec(
        name="教研活动",
        title=f"{group.school.name} {group.name} 活动记录",
        columns=_cols(("日期", "date"), "类型", "主题", ("出席", "int"), ("应到", "int"), "出席教师", "纪要"),
        rows=(
            (
                a.date,
                a.get_kind_display(),
                a.topic,
                len(a.attendees.all()),
                members,
                "、".join(t.name for t in a.attendees.all()),
                a.minutes,
            )
            for a in activities
        ),
    )


def _fact(value: float | None) -> object:
    return "—" if value is None else value


def ladder_sheet(rows: Iterable[Any], title: str) -> SheetSpec:
    metrics = list(METRICS)
    return SheetSpec(
        name="评审资格",
        title=title,
        columns=_cols(
            "学校",
            "工号",
            "教师",
            "现阶段",
            "申报阶段",
            "是否符合",
            ("达标条件数", "int"),
            ("条件总数", "int"),
            "未达条件",
            *(metric_label(m) for m in metrics),
        ),
        rows=(
            (
                r.teacher.school.name,
                r.teacher.staff_number,
                r.teacher.name,
                stage_label(r.teacher.growth_stage),
                stage_label(r.next_stage) if r.next_stage else "—",
                "符合" if r.eligible else "不符合",
                r.evaluation.met_count if r.evaluation else 0,
                len(r.evaluation.results) if r.evaluation else 0,
                "、".join(metric_label(c.metric) for c in r.evaluation.unmet) if r.evaluation else "",
                *(_fact(r.facts.get(m)) for m in metrics),
            )
            for r in rows
        ),
        notes=["注：只计已确认的培训与成果；培训学时为截至导出日的近5年累计。"],
    )


def training_progress_sheet(rows: Iterable[dict[str, Any]]) -> SheetSpec:
    return SheetSpec(
        name="5年360学时",
        title="教师近5年培训学时（要求不少于360学时）",
        columns=_cols(
            "学校",
            "工号",
            "教师",
            ("已确认学时", "number"),
            ("待确认学时", "number"),
            ("尚差学时", "number"),
            "是否完成",
        ),
        rows=(
            (
                r["teacher"].school.name,
                r["teacher"].staff_number,
                r["teacher"].name,
                float(r["progress"].hours),
                float(r["pending_hours"]),
                float(r["progress"].shortfall),
                "完成" if r["progress"].met else "未完成",
            )
            for r in rows
        ),
    )


def school_training_sheet(rows: Iterable[dict[str, Any]]) -> SheetSpec:
    return SheetSpec(
        name="学校汇总",
        title="各校教师5年360学时培训完成率",
        columns=_cols(
            "学校",
            ("教师数", "int"),
            ("完成人数", "int"),
            ("完成率", "percent"),
            ("人均学时", "number"),
            ("待确认记录", "int"),
        ),
        rows=((r["school"].name, r["teachers"], r["met"], r["rate"], r["mean_hours"], r["pending"]) for r in rows),
        notes=["依据：教督〔2017〕6号“教师5年360学时培训完成率”须达100%。"],
    )
