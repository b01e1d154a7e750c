"""Teaching routines for the demo county: both terms of the current school year (autumn 2025, spring 2026) of
lesson observations, routine inspections with their rectification loop, and homework records.

* Forms: the county's default 课堂教学评价表 (version 1) and 教学常规检查表; before the spring term the bureau
  administrator saves version 2 of the rubric (an item on 作业设计 replaces the one on teaching resources), so
  autumn lessons stay scored with version 1 and spring lessons use version 2.
* Observations: every school's principal (~20 a term) and academic director (~30), 县一中's grade leader
  (~15) and every teacher (1–5 peer lessons; quota 4). Levels per item follow a teacher's latent quality, the
  criterion and noise, so about four lessons in five meet the standard (80) and schools differ around the
  90% target. Most teachers reply to the feedback; a few spring records still await a reply. Observers of the
  schools without a demo login are recorded by name (entered from the paper forms).
* Inspections: four rounds a term (monthly; the last one checks every teacher), each checking about half the
  teachers; weak results and a random few require rectification within two weeks. Earlier rounds are mostly
  closed after a re-check (some reopened once); the last rounds leave responses awaiting re-check and
  rectifications past their deadline.
* Homework: the last four school weeks of the spring term and two of the autumn term, every class, the
  subjects its timetable holds; written minutes stay within the 双减 limits on most days, with a few junior class-days over 90 minutes and a few
  written tasks in grades 1–2.

At 县一中 the demo logins find their own: 李艳 (principal) and 程明利 (academic director) observed and inspected,
温敏 (subject_teacher) and 李建刚 (head_teacher) were observed with feedback (one still awaiting a reply) and
have rectifications (one closed, one still open); 李建刚's class has an over-limit day in the last week.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection
from django.utils import timezone

from zhiliang.org.models import County

LABEL = "生成听课评课、常规检查与作业记录"
FIRST_JUNIOR = "QH03"
QUOTAS = {"principal": 20, "academic_director": 30, "grade_leader": 15, "teacher": 4}
LEVEL_CUTS = ((0.93, "优"), (0.80, "良"), (0.64, "中"))
BATCH = 2000

STRENGTHS = {
    "教学目标": "目标清晰，分层要求落实到位",
    "教学内容": "重点突出，难点突破有方法",
    "教学过程与方法": "环节紧凑，问题设计有梯度",
    "学生学习": "学生参与面广，小组合作有实效",
    "教学效果": "当堂检测反馈及时，目标达成度高",
    "教师素养": "语言精练，板书规范，课堂驾驭能力强",
}
SUGGESTIONS = {
    "教学目标": "目标表述可更具体、可检测，关注后进生的达成。",
    "教学内容": "容量偏大，建议精选例题，留出练习时间。",
    "教学过程与方法": "讲授时间偏长，可把更多时间交给学生探究。",
    "学生学习": "部分学生参与不足，建议设计全员参与的任务。",
    "教学效果": "当堂检测缺失或过简，建议增加分层检测。",
    "教师素养": "课堂语言可更简洁，注意课堂节奏和秩序。",
}
REPLIES = [
    "感谢指导，我会在后续课堂中调整讲练比例。",
    "收到，下周的课会增加分层练习。",
    "谢谢建议，已在集体备课中交流改进。",
    "明白，会重点关注后进生的参与。",
]
PROBLEMS = {
    "备课": "部分教案缺少二次备课和课后反思",
    "上课": "听课笔记数量不足，缺少评析",
    "作业批改": "作业批改不够及时，缺少激励性评语和二次批改",
    "辅导": "培优补差记录不完整，未落实到人",
    "检测": "单元检测缺少成绩分析和改进措施",
}
RESPONSES = ["已补齐二次备课与反思，请复查。", "已补写评语并完成订正批改。", "已补全辅导记录，建立学困生台账。"]
HOMEWORK_TEXT = {
    "语文": ["背诵课文第二段", "完成练习册", "抄写生字词", "阅读课外书20分钟"],
    "数学": ["完成课本练习", "练习册两页", "错题订正", "口算练习"],
    "英语": ["朗读课文", "单词听写准备", "完成练习册"],
}


def available() -> bool:
    if not apps.is_installed("zhiliang.teaching"):
        return False
    table: str = apps.get_model("teaching", "Observation")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.teaching.models import Observation

    return Observation.objects.filter(school__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.teaching.models import HomeworkEntry, InspectionResult, Observation

    results = InspectionResult.objects.filter(inspection__school__county=county)
    return {
        "teaching_observations": Observation.objects.filter(school__county=county).count(),
        "teaching_results": results.count(),
        "teaching_open_rectifications": results.filter(rectification_required=True, closed_at__isnull=True).count(),
        "teaching_homework": HomeworkEntry.objects.filter(school_class__school__county=county).count(),
    }


def _aware(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _school_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


class _Quality:
    """A teacher's latent lesson quality and diligence, and per-criterion offsets, fixed by staff number."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.cache: dict[str, tuple[float, float, dict[str, float]]] = {}

    def of(self, staff_number: str) -> tuple[float, float, dict[str, float]]:
        if staff_number not in self.cache:
            rng = random.Random(f"{self.seed}:teaching:{staff_number}")
            offsets = {criterion: rng.gauss(0, 1) for criterion in STRENGTHS}
            offsets |= {area: rng.gauss(0, 1) for area in PROBLEMS}
            self.cache[staff_number] = (rng.gauss(0, 1), rng.gauss(0, 1), offsets)
        return self.cache[staff_number]


def _levels(rubric: Any, rng: random.Random, base: float, offsets: dict[str, float]) -> dict[str, str]:
    levels = {}
    for item in rubric.items:
        value = base + 0.035 * offsets.get(item.criterion, 0.0) + rng.gauss(0, 0.06)
        levels[item.key] = next((name for cut, name in LEVEL_CUTS if value >= cut), "差")
    return levels


def _scored(record: Any, rubric: Any, levels: dict[str, str], bonus: Decimal = Decimal(0)) -> Any:
    from zhiliang.core.teaching.rubric import level_points, score_form

    by_name = {level.name: level for level in rubric.levels}
    points = {item.key: level_points(item, by_name[levels[item.key]]) for item in rubric.items}
    scored = score_form(rubric, points, bonus=bonus)
    record.levels = levels
    record.points = {key: str(value) for key, value in points.items()}
    record.by_criterion = {c: [str(got), str(most)] for c, (got, most) in scored.by_criterion.items()}
    record.total, record.score, record.band = scored.total, scored.score, scored.band
    return scored


def build(*, county: County, seed: int) -> int:
    """Write the teaching routines of `county`'s current school year; returns the number of records written."""
    from zhiliang.accounts.models import User
    from zhiliang.core.teaching.defaults import LESSON_RUBRIC
    from zhiliang.core.teaching.rubric import Item, Rubric
    from zhiliang.org.models import School, Term
    from zhiliang.people.models import Teacher, TeachingAssignment
    from zhiliang.teaching import services
    from zhiliang.teaching.models import FormKind, ObservationQuota

    rng = random.Random(f"{seed}:teaching")
    quality = _Quality(seed)
    users = {user.username: user for user in User.objects.filter(username__in=_LOGINS)}
    terms = list(Term.objects.filter(school_year__county=county, school_year__is_current=True).order_by("number"))
    lesson_form = services.county_default_form(county, FormKind.OBSERVATION)
    checklist = services.county_default_form(county, FormKind.INSPECTION).latest_version()
    versions = {terms[0].pk: lesson_form.latest_version()} if terms else {}
    if len(terms) > 1:
        items = tuple(
            Item("教学内容", "作业设计精简、分层，符合“双减”要求", item.points)
            if item.name.startswith("教学资源")
            else item
            for item in LESSON_RUBRIC.items
        )
        second = Rubric(
            items, LESSON_RUBRIC.levels, LESSON_RUBRIC.bands, LESSON_RUBRIC.standard, LESSON_RUBRIC.bonus_max
        )
        version = services.rubric_version_add(
            user=users.get("bureau_admin"), rubric=lesson_form, definition=second, note="增加作业设计评价（双减）"
        )
        version.__class__.objects.filter(pk=version.pk).update(
            created_at=_aware(terms[1].start_date - datetime.timedelta(days=7), 10)
        )
        versions[terms[1].pk] = version

    schools = list(School.objects.filter(county=county).order_by("code"))
    teachers = {t.pk: t for t in Teacher.objects.filter(county=county, is_active=True)}
    demo_teachers = {
        t.user.username: t
        for t in Teacher.objects.filter(county=county, user__username__in=_LOGINS).select_related("user")
    }  # type: ignore[union-attr]
    written = 0
    for term in terms:
        assignments: dict[int, list[tuple[int, Any, Any]]] = defaultdict(list)  # school → (teacher, class, subject)
        for a in TeachingAssignment.objects.filter(term=term, teacher__county=county).select_related(
            "school_class", "subject"
        ):
            if a.teacher_id in teachers:
                assignments[a.school_class.school_id].append((a.teacher_id, a.school_class, a.subject))
        days = _school_days(term.start_date + datetime.timedelta(days=7), term.end_date - datetime.timedelta(days=5))
        quotas = []
        for school in schools:
            if not assignments.get(school.pk):
                continue
            quotas += [ObservationQuota(school=school, term=term, role=r, required=n) for r, n in QUOTAS.items()]
            written += _observations(
                rng,
                quality,
                school,
                term,
                versions[term.pk],
                assignments[school.pk],
                teachers,
                users,
                demo_teachers,
                days,
                last=term == terms[-1],
            )
            written += _inspections(
                rng,
                quality,
                school,
                term,
                checklist,
                assignments[school.pk],
                teachers,
                users,
                demo_teachers,
                last=term == terms[-1],
            )
            written += _homework(
                rng, term, assignments[school.pk], users, demo_teachers, weeks=4 if term == terms[-1] else 2
            )
        ObservationQuota.objects.bulk_create(quotas)
    return written


_LOGINS = ("bureau_admin", "principal", "academic_director", "grade_leader", "head_teacher", "subject_teacher")


def _observations(
    rng: random.Random,
    quality: _Quality,
    school: Any,
    term: Any,
    version: Any,
    assignments: list[Any],
    teachers: dict[int, Any],
    users: dict[str, Any],
    demo: dict[str, Any],
    days: list[datetime.date],
    *,
    last: bool,
) -> int:
    from zhiliang.demo.names import person_name
    from zhiliang.teaching.models import Observation

    rubric = version.as_rubric()
    by_teacher: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    for teacher_id, klass, subject in assignments:
        by_teacher[teacher_id].append((klass, subject))
    staff = sorted(by_teacher)
    first = school.code == FIRST_JUNIOR
    observers: list[tuple[str, Any, str, Any, int]] = []  # role, user, name, observer teacher, lessons
    names = random.Random(f"{school.code}:leaders")
    observers.append(
        (
            "principal",
            users.get("principal") if first else None,
            str(users["principal"]) if first and "principal" in users else person_name(names, "M", adult=True),
            None,
            rng.randint(15, 24),
        )
    )
    observers.append(
        (
            "academic_director",
            users.get("academic_director") if first else None,
            str(users["academic_director"])
            if first and "academic_director" in users
            else person_name(names, "F", adult=True),
            None,
            rng.randint(22, 34),
        )
    )
    if first and "grade_leader" in users:
        observers.append(("grade_leader", users["grade_leader"], str(users["grade_leader"]), None, rng.randint(11, 17)))
    leader_teacher = demo.get("grade_leader")
    for teacher_id in staff:
        if leader_teacher is not None and teacher_id == leader_teacher.pk:
            continue
        teacher = teachers[teacher_id]
        observers.append(
            (
                "teacher",
                teacher.user if teacher.user_id else None,
                teacher.name,
                teacher,
                rng.choice([1, 2, 3, 3, 4, 4, 5]),
            )
        )
    must_see = [demo[k].pk for k in ("subject_teacher", "head_teacher") if k in demo and demo[k].pk in by_teacher]
    school_effect = random.Random(f"{school.code}:effect").gauss(0, 0.025)
    records = []
    for role, user, name, observer_teacher, lessons in observers:
        pool = [t for t in staff if observer_teacher is None or t != observer_teacher.pk]
        if not pool:
            continue
        for n in range(lessons):
            observed = (
                must_see[n] if role in ("principal", "academic_director") and n < len(must_see) else rng.choice(pool)
            )
            klass, subject = rng.choice(by_teacher[observed])
            q, _diligence, offsets = quality.of(teachers[observed].staff_number)
            day = rng.choice(days)
            record = Observation(
                school=school,
                term=term,
                rubric_version=version,
                observer=user,
                observer_name=name[:50],
                observer_teacher=observer_teacher if role == "teacher" else None,
                observer_role=role,
                teacher=teachers[observed],
                school_class=klass,
                subject=subject,
                date=day,
                period=rng.randint(1, 7),
                topic="",
                submitted_at=_aware(day, 17),
            )
            bonus = Decimal(rng.choice([1, 2, 3])) if rng.random() < 0.08 else Decimal(0)
            record.bonus = bonus
            scored = _scored(record, rubric, _levels(rubric, rng, 0.845 + 0.055 * q + school_effect, offsets), bonus)
            record.meets_standard = scored.meets_standard
            shares = {c: got / most for c, (got, most) in scored.by_criterion.items()}
            best, worst = max(shares, key=shares.__getitem__), min(shares, key=shares.__getitem__)
            record.comment = f"{STRENGTHS.get(best, best)}。"
            record.suggestions = SUGGESTIONS.get(worst, "")
            recent = last and day > days[-1] - datetime.timedelta(days=21)
            if user is not None and rng.random() < 0.03:
                record.submitted_at = None  # a draft the observer has not finished
            elif rng.random() < (0.35 if recent else 0.75):
                record.reply = rng.choice(REPLIES)
                record.replied_at = _aware(min(day + datetime.timedelta(days=rng.randint(1, 4)), term.end_date), 20)
            records.append(record)
    # The demo teachers' latest observation this term awaits their reply (something to do on the home page).
    for key in ("subject_teacher", "head_teacher"):
        mine = [r for r in records if key in demo and r.teacher_id == demo[key].pk and r.submitted_at]
        if last and mine:
            latest = max(mine, key=lambda r: r.date)
            latest.reply, latest.replied_at = "", None
    Observation.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _inspections(
    rng: random.Random,
    quality: _Quality,
    school: Any,
    term: Any,
    checklist: Any,
    assignments: list[Any],
    teachers: dict[int, Any],
    users: dict[str, Any],
    demo: dict[str, Any],
    *,
    last: bool,
) -> int:
    from zhiliang.teaching.models import Inspection, InspectionResult

    rubric = checklist.as_rubric()
    staff = sorted({teacher_id for teacher_id, _c, _s in assignments})
    inspector = users.get("academic_director") if school.code == FIRST_JUNIOR else None
    months = [term.start_date.replace(day=1) + datetime.timedelta(days=31 * k) for k in range(4)]
    if term.number == 2:
        months = [datetime.date(term.start_date.year, m, 1) for m in (3, 4, 5, 6)]
    demo_ids = [demo[k].pk for k in ("subject_teacher", "head_teacher") if k in demo and demo[k].pk in staff]
    results = []
    for round_number, month in enumerate(months):
        held_on = min(month.replace(day=24), term.end_date - datetime.timedelta(days=3))
        final = round_number == len(months) - 1
        title = f"{held_on.year}年{held_on.month}月{'期末教学常规大检查' if final else '教学常规检查'}"
        inspection = Inspection.objects.create(
            school=school, term=term, checklist_version=checklist, title=title, held_on=held_on, inspector=inspector
        )
        checked = staff if final else sorted(rng.sample(staff, max(1, len(staff) // 2)))
        checked = sorted(set(checked) | (set(demo_ids) if final or round_number == 0 else set()))
        for teacher_id in checked:
            _q, diligence, offsets = quality.of(teachers[teacher_id].staff_number)
            result = InspectionResult(inspection=inspection, teacher=teachers[teacher_id], recorded_by=inspector)
            scored = _scored(result, rubric, _levels(rubric, rng, 0.84 + 0.06 * diligence, offsets))
            result.passed = scored.meets_standard
            shares = {c: got / most for c, (got, most) in scored.by_criterion.items()}
            worst = sorted(shares, key=shares.__getitem__)[:2]
            forced = None
            if teacher_id in demo_ids and round_number == 0:
                forced = "closed"
            elif teacher_id in demo_ids and final and last:
                forced = "responded" if teacher_id == demo_ids[0] else "overdue"
            if scored.score < 75 or rng.random() < 0.08 or forced:
                _loop(rng, result, held_on, worst, latest=last and final, by=str(inspector or "教导处"), forced=forced)
            results.append(result)
    InspectionResult.objects.bulk_create(results, batch_size=BATCH)
    return len(results) + len(months)


def _loop(
    rng: random.Random,
    result: Any,
    held_on: datetime.date,
    worst: list[str],
    *,
    latest: bool,
    by: str,
    forced: str | None = None,
) -> None:
    """Required rectification and how far it got: closed, reopened then closed, awaiting re-check, overdue."""
    result.problems = "；".join(PROBLEMS[c] for c in worst if c in PROBLEMS) + "。"
    result.rectification_required = True
    result.deadline = held_on + datetime.timedelta(days=14)
    history = [{"at": f"{held_on} 16:00", "by": by, "event": "required", "text": result.problems}]
    draw = rng.random()
    outcome = (
        ("closed" if draw < 0.4 else "responded" if draw < 0.7 else "overdue")
        if latest
        else ("closed" if draw < 0.75 else "reopened" if draw < 0.87 else "responded" if draw < 0.94 else "overdue")
    )
    outcome = forced or outcome
    responded = held_on + datetime.timedelta(days=rng.randint(3, 12))
    if outcome == "overdue":
        result.history = history
        return
    result.response = rng.choice(RESPONSES)
    history.append(
        {"at": f"{responded} 18:00", "by": result.teacher.name, "event": "responded", "text": result.response}
    )
    result.responded_at = _aware(responded, 18)
    if outcome == "reopened":
        rechecked = responded + datetime.timedelta(days=2)
        history.append({"at": f"{rechecked} 10:00", "by": by, "event": "reopened", "text": "整改不彻底，请继续完善"})
        result.deadline = rechecked + datetime.timedelta(days=10)
        responded = rechecked + datetime.timedelta(days=6)
        history.append(
            {"at": f"{responded} 18:00", "by": result.teacher.name, "event": "responded", "text": "已继续完善。"}
        )
        result.responded_at = _aware(responded, 18)
    if outcome in ("closed", "reopened"):
        closed = responded + datetime.timedelta(days=2)
        history.append({"at": f"{closed} 10:00", "by": by, "event": "closed", "text": "复查合格"})
        result.closed_at = _aware(closed, 10)
    result.history = history


def _homework(
    rng: random.Random, term: Any, assignments: list[Any], users: dict[str, Any], demo: dict[str, Any], *, weeks: int
) -> int:
    from zhiliang.teaching.models import HomeworkEntry

    subjects_of: dict[Any, list[tuple[Any, int]]] = defaultdict(list)
    for teacher_id, klass, subject in assignments:
        subjects_of[klass].append((subject, teacher_id))
    recorder = {
        demo[k].pk: users[k] for k in ("subject_teacher", "head_teacher", "grade_leader") if k in demo and k in users
    }
    head_class = demo["head_teacher"].pk if "head_teacher" in demo else None
    days = _school_days(term.end_date - datetime.timedelta(days=7 * weeks - 1), term.end_date)
    entries = []
    for klass, subjects in subjects_of.items():
        junior = 7 <= klass.grade <= 9
        lower = klass.grade <= 2
        main = [(s, t) for s, t in subjects if s.name in ("语文", "数学", "英语")]
        others = [
            (s, t) for s, t in subjects if s.name in ("物理", "化学", "生物", "历史", "地理", "道德与法治", "科学")
        ]
        for day in days:
            heavy = rng.random() < (0.04 if junior else 0.02)
            forced = klass.head_teacher_id == head_class and day == days[-3]
            todays = list(main) + (rng.sample(others, min(len(others), 2 if heavy or forced else 1)) if others else [])
            for subject, teacher_id in todays:
                if lower:  # grades 1–2: reading and oral tasks; now and then a written one slips in
                    written = rng.random() < 0.004
                    minutes = 10 if written else rng.randint(8, 15)
                elif junior:
                    written = True
                    minutes = rng.randint(20, 23) if forced else rng.randint(18, 23) if heavy else rng.randint(12, 22)
                else:  # grades 3–6: written homework in the main subjects, the others practical
                    written = (subject, teacher_id) in main
                    minutes = rng.randint(20, 25) if heavy and written else rng.randint(8, 16)
                text = rng.choice(HOMEWORK_TEXT.get(subject.name, ["完成课后练习", "复习本节内容"]))
                entries.append(
                    HomeworkEntry(
                        school_class=klass,
                        subject=subject,
                        date=day,
                        written=written,
                        minutes=minutes,
                        description=text,
                        recorded_by=recorder.get(teacher_id),
                    )
                )
    HomeworkEntry.objects.bulk_create(entries, batch_size=BATCH, ignore_conflicts=True)
    return len(entries)
