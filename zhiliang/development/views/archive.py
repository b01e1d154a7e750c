"""Each teacher's growth archive (教师成长档案): everything of this app, exam results, value-added, observation,
and the distance to the next stage of the ladder."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import can_manage_school, get_for_user, scope_for
from zhiliang.core.development import evaluate_stage, metric_label, metric_unit, next_stage, stage_label
from zhiliang.core.reports.labels import fmt_number, fmt_percent, fmt_signed_percent
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec
from zhiliang.development import access
from zhiliang.development.exports import achievement_sheet, training_sheet, xlsx_response
from zhiliang.development.forms import ServiceForm
from zhiliang.development.models import (
    Achievement,
    GroupActivity,
    MentoringPair,
    SubjectGroup,
    TeacherService,
    TrainingRecord,
)
from zhiliang.development.results import recent_exams, teacher_result_rows
from zhiliang.development.selectors import (
    criteria_for,
    facts_by_teacher,
    observation_summary,
    training_progress_by_teacher,
    value_added_summary,
)
from zhiliang.development.selectors import today as today_
from zhiliang.exams.selectors import exams_visible
from zhiliang.people.models import Teacher


def _teacher(request: HttpRequest, teacher_id: int) -> Teacher:
    teacher: Teacher = get_for_user(access.archive_teachers(request.user).select_related("school"), pk=teacher_id)
    return teacher


def _exam_rows(request: HttpRequest, teacher: Teacher) -> list[dict[str, Any]]:
    """The teacher's class × subject results in the recent exams the viewer may open."""
    allowed = set(exams_visible(request.user).values_list("pk", flat=True))
    exams = [exam for exam in recent_exams([teacher.school]) if exam.pk in allowed]
    rows = teacher_result_rows(exams, {teacher.pk}).get(teacher.pk, [])
    return [
        {
            "exam": row["exam"],
            "class": row["class"],
            "subject": _("Total (head teacher)") if row["is_total"] else row["subject"],
            "mean": fmt_number(row["mean"], 2),
            "county_mean": fmt_number(row["county_mean"], 2),
            "pass_rate": fmt_percent(row["pass_rate"]),
            "excellent_rate": fmt_percent(row["excellent_rate"]),
            "over_mean_rate": fmt_signed_percent(row["over_mean_rate"]),
            "raw": row,
        }
        for row in rows
    ]


def _ladder(teacher: Teacher, facts: dict[str, float | None], lang: str) -> dict[str, Any]:
    in_force = criteria_for(teacher.school)
    stage = next_stage(teacher.growth_stage)
    evaluation = evaluate_stage(stage, in_force.rules, facts) if stage else None
    conditions = [
        {
            "label": metric_label(r.metric, lang),
            "unit": metric_unit(r.metric, lang),
            "minimum": r.minimum,
            "actual": r.actual,
            "met": r.met,
            "missing": r.missing,
        }
        for r in (evaluation.results if evaluation else ())
    ]
    return {
        "current": stage_label(teacher.growth_stage, lang),
        "next": stage_label(stage, lang) if stage else None,
        "evaluation": evaluation,
        "conditions": conditions,
        "criteria": in_force,
    }


def _context(request: HttpRequest, teacher: Teacher) -> dict[str, Any]:
    as_of = today_()
    lang = request.LANGUAGE_CODE
    facts = facts_by_teacher([teacher], as_of)[teacher.pk]
    progress = training_progress_by_teacher([teacher.pk], as_of)[teacher.pk]
    trainings = TrainingRecord.objects.filter(teacher=teacher).prefetch_related("evidence").order_by("-ended_on")
    achievements = Achievement.objects.filter(teacher=teacher).prefetch_related("evidence").order_by("-date")
    pairs = (
        MentoringPair.objects.filter(Q(mentor=teacher) | Q(mentee=teacher))
        .select_related("mentor", "mentee")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-started_on")
    )
    groups = SubjectGroup.objects.filter(members=teacher).select_related("leader").order_by("name")
    held = dict(
        GroupActivity.objects.filter(group__in=groups)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    attended = dict(
        GroupActivity.objects.filter(group__in=groups, attendees=teacher)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    service = TeacherService.objects.filter(teacher=teacher).first()
    can_manage = can_manage_school(request.user, teacher.school)
    return {
        "teacher": teacher,
        "is_self": scope_for(request.user).teacher_id == teacher.pk,
        "can_manage": can_manage,
        "facts": facts,
        "progress": progress,
        "progress_percent": round(100 * progress.share),
        "trainings": trainings,
        "achievements": achievements,
        "pairs": pairs,
        "groups": [{"group": g, "held": held.get(g.pk, 0), "attended": attended.get(g.pk, 0)} for g in groups],
        "exam_rows": _exam_rows(request, teacher),
        "value_added": value_added_summary(teacher),
        "observation": observation_summary(teacher),
        "ladder": _ladder(teacher, facts, lang),
        "service": service,
        "service_form": ServiceForm(initial={"started_on": service.started_on if service else None})
        if can_manage
        else None,
    }


@login_required
def archive(request: HttpRequest, teacher_id: int) -> HttpResponse:
    teacher = _teacher(request, teacher_id)
    context = _context(request, teacher)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            request, _sheets(context), f"growth-archive-{teacher.staff_number}.xlsx", "development_archive", teacher
        )
    return render(request, "development/archive.html", context)


@login_required
def my_archive(request: HttpRequest) -> HttpResponse:
    teacher_id = scope_for(request.user).teacher_id
    if teacher_id is None:
        raise Http404
    return redirect("development:archive", teacher_id=teacher_id)


@login_required
@require_POST
def archive_service(request: HttpRequest, teacher_id: int) -> HttpResponse:
    teacher = _teacher(request, teacher_id)
    if not can_manage_school(request.user, teacher.school):
        raise Http404
    form = ServiceForm(request.POST)
    if form.is_valid():
        TeacherService.objects.update_or_create(teacher=teacher, defaults=form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("development:archive", teacher_id=teacher.pk)


def _sheets(context: dict[str, Any]) -> list[SheetSpec]:
    teacher: Teacher = context["teacher"]
    ladder = context["ladder"]
    summary = SheetSpec(
        name="晋级条件",
        title=f"{teacher.school.name} {teacher.name} 成长档案：{ladder['current']} → {ladder['next'] or '—'}",
        columns=[ColumnSpec("条件"), ColumnSpec("要求", kind="number"), ColumnSpec("现有"), ColumnSpec("是否达到")],
        rows=[
            (
                c["label"],
                float(c["minimum"]),
                "—" if c["actual"] is None else c["actual"],
                "达到" if c["met"] else ("缺少数据" if c["missing"] else "未达到"),
            )
            for c in ladder["conditions"]
        ],
        notes=[f"近5年已确认培训 {context['progress'].hours} 学时，要求 {context['progress'].required} 学时。"],
    )
    results = SheetSpec(
        name="考试成绩",
        title=f"{teacher.name} 近期考试成绩",
        columns=[ColumnSpec(h) for h in ("考试", "班级", "学科")]
        + [ColumnSpec(h, kind="number") for h in ("平均分", "全县平均")]
        + [ColumnSpec(h, kind="percent") for h in ("及格率", "优秀率", "超均率")],
        rows=[
            (
                r["exam"].name,
                r["class"],
                str(r["subject"]),
                r["raw"]["mean"],
                r["raw"]["county_mean"],
                r["raw"]["pass_rate"],
                r["raw"]["excellent_rate"],
                r["raw"]["over_mean_rate"],
            )
            for r in context["exam_rows"]
        ],
    )
    pairs = SheetSpec(
        name="结对带教",
        title=f"{teacher.name} 结对带教",
        columns=[
            ColumnSpec("师傅"),
            ColumnSpec("徒弟"),
            ColumnSpec("开始", kind="date"),
            ColumnSpec("活动次数", kind="int"),
        ],
        rows=[(p.mentor.name, p.mentee.name, p.started_on, p.meeting_count) for p in context["pairs"]],
    )
    trainings = list(context["trainings"])
    for record in trainings:
        record.teacher = teacher
    achievements = list(context["achievements"])
    for item in achievements:
        item.teacher = teacher
    return [
        summary,
        training_sheet(trainings, f"{teacher.name} 培训记录"),
        achievement_sheet(achievements, f"{teacher.name} 教科研成果与获奖"),
        pairs,
        results,
    ]
