"""Struggling-student archives for the demo county, found by the same rules and services a school would use.

For every class of grades 3–9 this school year, the county's default rules are evaluated as of the last exam of
the autumn term (two consecutive exams: last year's spring exams count for the same cohort). Most candidates are
confirmed a week after that exam, a few dismissed with a note, one per class in five left waiting, and one
class in four gets a teacher's nomination still waiting. Each confirmed case gets causes, strengths, goals and a
teacher of the class paired with the student (结对帮扶); interventions every one to three weeks (tutoring most,
home visits rarer) until the end of the school year, except for one case in eight whose help stopped in spring
(so the "idle" list has something to show; the others are helped until shortly before the end of teaching);
outcome reviews after every later exam, computed from the exam analysis; and students whose latest review is
"improved" with no main subject under the low-score line exit (转化) a week after that exam (at the latest on the
last day of teaching). 县一中 九年级(1)班 (the demo head teacher's class) has cases with the default seed (tested in
tests/support/test_demo.py).

Randomness: `random.Random(f"{seed}:support:<学籍号>")` per student and `f"{seed}:support:<school code>:<grade>:<n>"`
per class, so the archives do not depend on database ids or the order classes are visited.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成学困生档案与帮扶记录"

CAUSE_WEIGHTS = {
    "foundation": 6,
    "habits": 5,
    "attention": 3,
    "family": 3,
    "health": 1,
    "psychological": 1,
    "language": 1,
}
STRENGTHS = (
    "热爱劳动，班级值日认真",
    "体育好，篮球是班队主力",
    "喜欢画画，板报设计有创意",
    "乐于助人，和同学关系融洽",
    "动手能力强，实验课积极",
    "朗读声音洪亮，敢于表达",
    "对历史故事很感兴趣",
)
GOALS = (
    "{subject}期末达到及格线；每天按时完成并订正作业",
    "{subject}低分科目减少一门；课堂笔记完整",
    "总分进入年级后20%以上；每周主动提问两次",
    "{subject}基础题不丢分；养成错题本习惯",
)
NOTES = {
    "tutoring": ("课后辅导{subject}基础题，订正错题", "讲解上周作业中的典型错误", "一起复习单元知识点"),
    "homework": ("面批作业，订正率提高", "检查错题本，已坚持一周", "作业基本按时完成，书写有进步"),
    "talk": (
        "谈心：近期学习状态，约定每天读书二十分钟",
        "鼓励为主，肯定作业进步",
        "了解到晚上玩手机较多，约定交给家长保管",
    ),
    "home_visit": ("家访：与家长沟通作息和作业检查", "家访：家长外出务工，与祖辈沟通监护"),
    "parent_call": ("电话告知家长近期进步", "与家长约定每晚签字检查作业"),
}
KIND_WEIGHTS = {"tutoring": 5, "homework": 4, "talk": 3, "parent_call": 2, "home_visit": 1}
MINUTES = {"tutoring": (20, 45), "homework": (10, 20), "talk": (10, 30), "home_visit": (40, 90), "parent_call": (5, 15)}
DISMISS_NOTES = ("考试当天生病，平时成绩正常", "刚转入，先观察一个月")
NOMINATION_REASONS = ("上课注意力不集中，作业常缺交", "父母外出务工，近期成绩下滑明显", "基础薄弱，计算错误多")


def available() -> bool:
    if not apps.is_installed("zhiliang.support"):
        return False
    table: str = apps.get_model("support", "SupportCase")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.support.models import Candidate

    return Candidate.objects.filter(student__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.support.models import Candidate, Intervention, OutcomeReview, SupportCase

    return {
        "support_candidates": Candidate.objects.filter(student__county=county).count(),
        "support_cases": SupportCase.objects.filter(student__county=county).count(),
        "support_interventions": Intervention.objects.filter(case__student__county=county).count(),
        "support_reviews": OutcomeReview.objects.filter(case__student__county=county).count(),
    }


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build(*, county: County, seed: int) -> int:
    """Candidates, cases, interventions and reviews; returns the number of cases."""
    from zhiliang.accounts.models import User
    from zhiliang.org.models import SchoolClass, SchoolYear
    from zhiliang.support import services
    from zhiliang.support.standing import class_exams

    actor = User.objects.filter(username="head_teacher").first()
    year = SchoolYear.objects.get(county=county, is_current=True)
    services.rules_for(county)
    classes = (
        SchoolClass.objects.filter(school__county=county, school_year=year, grade__gte=3)
        .select_related("school", "school_year", "head_teacher")
        .order_by("school__code", "grade", "number")
    )
    frames: dict[Any, Any] = {}
    chains: dict[tuple[int, int], Any] = {}
    total = 0
    for school_class in classes:
        key = (school_class.school_id, school_class.grade)
        if key not in chains:
            chains[key] = class_exams(school_class)
        chain = chains[key]
        autumn = [exam for exam, _grade in chain if exam.term.school_year_id == year.pk and exam.term.number == 1]
        if not autumn:
            continue
        as_of = autumn[-1]
        services.class_candidates_evaluate(school_class=school_class, upto=as_of, chain=chain, frames=frames)
        rng = random.Random(f"{seed}:support:{school_class.school.code}:{school_class.grade}:{school_class.number}")
        total += _decide(school_class, as_of, rng, seed, year, actor, frames)
    return total


def _decide(school_class: Any, as_of: Any, rng: random.Random, seed: int, year: Any, actor: Any, frames: Any) -> int:
    from zhiliang.support import services
    from zhiliang.support.models import Candidate, CandidateStatus

    opened = (as_of.held_on or as_of.term.end_date) + datetime.timedelta(days=7)
    saved = list(
        Candidate.objects.filter(school_class=school_class, exam=as_of, status=CandidateStatus.PENDING).select_related(
            "student"
        )
    )
    cases = 0
    leave_pending = rng.random() < 0.2 and len(saved) > 1
    for index, candidate in enumerate(sorted(saved, key=lambda c: c.student.student_number)):
        if leave_pending and index == len(saved) - 1:
            continue
        student_rng = random.Random(f"{seed}:support:{candidate.student.student_number}")
        if student_rng.random() < 0.1:
            services.candidate_dismiss(actor=actor, candidate=candidate, note=student_rng.choice(DISMISS_NOTES))
            continue
        case = services.candidate_confirm(actor=actor, candidate=candidate, on=opened)
        _fill(case, school_class, student_rng, year, actor, frames)
        cases += 1
    if rng.random() < 0.25:
        members = list(school_class.memberships.filter(left_on__isnull=True).select_related("student"))
        taken = {c.student_id for c in saved}
        free = [m.student for m in members if m.student_id not in taken]
        if free:
            services.candidate_nominate(
                actor=actor, student=rng.choice(free), school_class=school_class, reason=rng.choice(NOMINATION_REASONS)
            )
    return cases


def _fill(case: Any, school_class: Any, rng: random.Random, year: Any, actor: Any, frames: Any) -> None:
    from zhiliang.people.models import TeachingAssignment
    from zhiliang.support import services
    from zhiliang.support.models import Intervention

    weak = (case.candidate.evidence[-1]["low_subjects"] or ["数学"]) if case.candidate else ["数学"]
    teachers = list(
        TeachingAssignment.objects.filter(school_class=school_class, subject__name__in=weak)
        .select_related("teacher")
        .order_by("teacher__staff_number")
    )
    mentor = teachers[0].teacher if teachers and rng.random() < 0.7 else school_class.head_teacher
    causes = sorted(set(rng.choices(list(CAUSE_WEIGHTS), weights=list(CAUSE_WEIGHTS.values()), k=rng.randint(1, 3))))
    services.case_plan_update(
        case=case,
        causes=causes,
        strengths=rng.choice(STRENGTHS),
        goals=rng.choice(GOALS).format(subject="、".join(weak)),
        mentor=mentor,
    )
    reviews = services.case_reviews_refresh(case=case, frames=frames)
    end = services.reference_date(year.county_id) - datetime.timedelta(days=rng.randint(1, 10))
    stops = end - datetime.timedelta(weeks=6) if rng.random() < 0.125 else end
    exited_on = None
    last = reviews[-1] if reviews else None
    if last is not None and last.outcome == "improved" and not last.low_subjects and last.exam.held_on:
        exited_on = min(last.exam.held_on + datetime.timedelta(days=7), services.reference_date(year.county_id))
        stops = min(stops, exited_on)
    rows = []
    day = case.opened_on + datetime.timedelta(days=rng.randint(1, 6))
    while day <= stops:
        if day.weekday() < 5:
            kind = _weighted(rng, KIND_WEIGHTS)
            low, high = MINUTES[kind]
            rows.append(
                Intervention(
                    case=case,
                    date=day,
                    kind=kind,
                    minutes=rng.randrange(low, high + 1, 5),
                    notes=rng.choice(NOTES[kind]).format(subject=weak[0]),
                    teacher=mentor,
                    recorded_by=actor,
                )
            )
        day += datetime.timedelta(days=rng.randint(7, 21))
    if rows and rows[-1].date < stops - datetime.timedelta(days=7) and stops.weekday() < 5:
        # The paired teacher checks in once more before the holiday (or the exit): keeps busy cases off the idle list.
        rows.append(
            Intervention(
                case=case,
                date=stops,
                kind="talk",
                minutes=15,
                notes=rng.choice(NOTES["talk"]),
                teacher=mentor,
                recorded_by=actor,
            )
        )
    Intervention.objects.bulk_create(rows)
    for review in reviews:
        if rng.random() < 0.6:
            services.review_note(
                actor=actor,
                review=review,
                note={"improved": "有进步，继续保持", "declined": "退步，需加强辅导", "steady": "基本稳定"}.get(
                    review.outcome, "缺考，下次再看"
                ),
            )
    if exited_on is not None and exited_on <= services.reference_date(year.county_id):
        services.case_exit(case=case, on=exited_on, note="目标达成：主科均达到低分线以上，成绩进步明显")
