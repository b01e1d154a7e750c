"""Student care in the demo county: special groups, a few psychological cases, home visits, 控辍保学 follow-ups,
the school's authorisations at 县一中, and a term (autumn 2025) of daily growth observations at 县一中 and one
village primary, with term comments for the demo head teacher's class 九年级(1)班.

Shares are of the order reported for a county of this kind (they differ widely between counties; these are
plausible, not official): left-behind children (留守儿童) about a quarter of village pupils and a few percent in
town; migrant children (随迁子女) about 8% in town; disability about 0.5% of pupils, most learning in a regular
class (随班就读); families in financial hardship 10% in villages, 4% in town; single-parent families 5%;
orphans 0.2%. Randomness is keyed by seed and student number, so the same seed gives the same archive.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成学生关爱数据（特殊群体、心理个案、家访、控辍保学、日常表现）"
OBSERVED_SCHOOLS = ("QH03", "QH11")  # 县一中 and 柳林镇张庄小学
GRANT_SCHOOL = "QH03"
DOMAIN_WEIGHTS = {"moral": 0.3, "academic": 0.35, "physical": 0.15, "aesthetic": 0.08, "labour": 0.12}
BEHAVIOURS = {
    ("moral", True): ["主动帮助同学", "拾金不昧", "礼貌待人", "遵守纪律"],
    ("moral", False): ["课间追逐打闹", "与同学发生争执", "迟到"],
    ("academic", True): ["积极举手发言", "作业工整", "主动提问", "小组讨论认真"],
    ("academic", False): ["作业未完成", "上课走神", "忘带课本"],
    ("physical", True): ["大课间认真锻炼", "运动会积极参赛", "跳绳进步明显"],
    ("physical", False): ["逃避体育锻炼", "眼保健操不认真"],
    ("aesthetic", True): ["黑板报设计出色", "合唱排练认真", "书法作品展示"],
    ("aesthetic", False): ["美术作业敷衍"],
    ("labour", True): ["值日认真", "主动整理图书角", "劳动课表现好"],
    ("labour", False): ["值日缺席", "逃避劳动"],
}
WHEREABOUTS = ["广东东莞务工", "浙江宁波务工", "江苏苏州务工", "北京务工", "天津务工", "新疆务工", "上海务工"]
GUARDIANS = [("祖母", "祖孙"), ("祖父", "祖孙"), ("外婆", "外祖孙"), ("外公", "外祖孙"), ("姑姑", "姑侄")]
ORIGINS = ["河南省周口市", "山东省菏泽市", "安徽省阜阳市", "河北省邢台市", "山西省长治市"]
AIDS = ["义务教育家庭经济困难学生生活补助", "营养改善计划", "县慈善会助学金", "建档立卡户教育资助"]
COMMENTS_OPEN = [
    "你是一个懂事、有礼貌的孩子。",
    "你性格开朗，乐于助人。",
    "你做事踏实认真。",
    "你思维活跃，课堂上常有好问题。",
]
COMMENTS_MIDDLE = [
    "本学期学习态度端正，进步明显。",
    "值日和集体活动都很积极。",
    "如果作业再细心一些会更好。",
    "希望你多参加体育锻炼。",
]
COMMENTS_CLOSE = ["继续加油！", "相信你下学期会更出色。", "老师期待你的更大进步。"]


def available() -> bool:
    if not apps.is_installed("zhiliang.care"):
        return False
    table: str = apps.get_model("care", "SpecialGroupProfile")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.care.models import SpecialGroupProfile

    return SpecialGroupProfile.objects.filter(student__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.care.models import ContactRecord, FollowUp, Observation, PsychCase, SpecialGroupProfile, TermComment

    return {
        "care_profiles": SpecialGroupProfile.objects.filter(student__county=county).count(),
        "care_contacts": ContactRecord.objects.filter(student__county=county).count(),
        "care_psych_cases": PsychCase.objects.filter(student__county=county).count(),
        "care_follow_ups": FollowUp.objects.filter(student__county=county).count(),
        "care_observations": Observation.objects.filter(student__county=county).count(),
        "care_comments": TermComment.objects.filter(student__county=county).count(),
    }


def _profile(rng: random.Random, rural: bool, town: bool) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    if rng.random() < (0.25 if rural else 0.04):
        relation_name, relation = rng.choice(GUARDIANS)
        values |= {
            "left_behind": True,
            "guardian": relation_name,
            "guardian_relation": relation,
            "parents_whereabouts": rng.choice(WHEREABOUTS),
            "parents_contact": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
        }
    if town and rng.random() < 0.08:
        values |= {"migrant": True, "household_origin": rng.choice(ORIGINS)}
    if rng.random() < 0.005:
        kind = rng.choice(["intellectual", "hearing", "physical", "visual", "speech"])
        values |= {
            "disability": True,
            "disability_type": kind,
            "regular_class": True,
            "education_plan": "每周两次个别辅导；作业分层；座位靠前；期末评价以过程性记录为主。",
        }
    if rng.random() < (0.10 if rural else 0.04):
        values |= {"hardship": True, "aid_received": rng.choice(AIDS)}
    if rng.random() < 0.05:
        values["single_parent"] = True
    if rng.random() < 0.002:
        values["orphan"] = True
    return values or None


def _school_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Weekdays of the term without the National Day week (Oct 1–7) and New Year's Day."""
    days, day = [], start
    while day <= end:
        holiday = (day.month == 10 and day.day <= 7) or (day.month == 1 and day.day == 1)
        if day.weekday() < 5 and not holiday:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def build(*, county: County, seed: int) -> int:
    from zhiliang.accounts.models import User
    from zhiliang.care.models import (
        AbsenceSpell,
        CareGrant,
        ContactRecord,
        FollowUp,
        GrantRole,
        Observation,
        PsychCase,
        PsychSession,
        RecordKind,
        RoleGrant,
        SpecialGroupProfile,
        TermComment,
    )
    from zhiliang.org.models import School, SchoolClass, Term
    from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus

    written = 0
    year = county.school_years.get(is_current=True)
    term = Term.objects.get(school_year=year, number=1)
    enrolled = list(
        Student.objects.filter(county=county, status=StudentStatus.ENROLLED)
        .select_related("school")
        .order_by("student_number")
    )

    # Special groups.
    profiles = []
    for student in enrolled:
        rng = random.Random(f"{seed}:care:profile:{student.student_number}")
        location = student.school.location
        values = _profile(rng, rural=location == "乡村", town=location == "城区")
        if values:
            profiles.append(SpecialGroupProfile(student=student, **values))
    SpecialGroupProfile.objects.bulk_create(profiles, batch_size=2000)
    written += len(profiles)

    # Home visits: every left-behind or disabled pupil at 县一中, a fifth of them elsewhere.
    contacts = []
    for profile in profiles:
        rng = random.Random(f"{seed}:care:visit:{profile.student.student_number}")
        if not (profile.left_behind or profile.disability or profile.hardship):
            continue
        if profile.student.school.code != GRANT_SCHOOL and rng.random() > 0.2:
            continue
        visit_day = datetime.date(2025, 9, 15) + datetime.timedelta(days=rng.randrange(60))
        contacts.append(
            ContactRecord(
                student=profile.student,
                kind="home_visit",
                date=visit_day,
                with_whom=profile.guardian or "家长",
                notes="了解学生在家学习和生活情况，与监护人沟通作业督促方法。",
            )
        )
        if profile.left_behind:
            contacts.append(
                ContactRecord(
                    student=profile.student,
                    kind="video",
                    date=visit_day + datetime.timedelta(days=30),
                    with_whom="父母",
                    notes="与在外务工的父母视频通话，反馈期中表现。",
                )
            )
    ContactRecord.objects.bulk_create(contacts, batch_size=2000)
    written += len(contacts)

    # Authorisations at 县一中: special groups open to head teachers; psychological cases named to the
    # academic director (the demo login academic_director).
    school = School.objects.get(county=county, code=GRANT_SCHOOL)
    director = User.objects.filter(username="academic_director").first()
    RoleGrant.objects.get_or_create(school=school, role=GrantRole.HEAD_TEACHER, kind=RecordKind.SPECIAL_GROUPS)
    if director is not None:
        CareGrant.objects.get_or_create(school=school, user=director, kind=RecordKind.PSYCH)

    # Psychological cases: a dozen across the county, two at 县一中 in the demo head teacher's class.
    rng = random.Random(f"{seed}:care:psych")
    head_class = SchoolClass.objects.filter(school=school, school_year=year, grade=9, number=1).first()
    pool = [s for s in enrolled if s.school.code == GRANT_SCHOOL]
    if head_class is not None:
        members = set(ClassMembership.objects.filter(school_class=head_class).values_list("student_id", flat=True))
        pool = [s for s in pool if s.pk in members][:2] + rng.sample(enrolled, min(10, len(enrolled)))
    reasons = ["情绪低落，常独自哭泣", "考试焦虑，失眠", "与同学关系紧张", "父母离异后沉默寡言", "沉迷手机游戏，厌学"]
    for index, student in enumerate(dict.fromkeys(pool)):
        opened = datetime.date(2025, 9, 20) + datetime.timedelta(days=rng.randrange(50))
        risk = rng.choice(["low", "low", "medium", "medium", "high"])
        case = PsychCase.objects.create(
            student=student,
            opened_on=opened,
            referral_source=rng.choice(["head_teacher", "parent", "screening", "self"]),
            referral_reason=rng.choice(reasons),
            risk_level=risk,
            counsellor=director if student.school.code == GRANT_SCHOOL else None,
            closed_on=opened + datetime.timedelta(days=40) if index % 4 == 3 else None,
        )
        for number in range(rng.randint(1, 4)):
            PsychSession.objects.create(
                case=case,
                date=opened + datetime.timedelta(days=7 * number),
                minutes=rng.choice([30, 40, 45]),
                summary="倾听与情绪疏导，约定下次面谈；与班主任沟通关注要点。",
                risk_level=risk,
            )
        written += 1

    # 控辍保学: follow-ups of the pupils who dropped out or are suspended, and a few long absences.
    leaving = EnrollmentEvent.objects.filter(
        school__county=county, kind__in=["dropout", "suspend"], date__gte=year.start_date
    )
    follow_ups = []
    for event in leaving.select_related("student"):
        for number, (kind, notes) in enumerate(
            [
                ("home_visit", "班主任和包村干部家访，了解不来校原因。"),
                ("persuasion", "向家长宣讲义务教育法，家长表示考虑送回。"),
                ("referral", "已报乡镇政府和教育局控辍保学办公室，联合劝返。"),
            ][: 3 if event.kind == "dropout" else 1]
        ):
            follow_ups.append(
                FollowUp(
                    student=event.student,
                    date=event.date + datetime.timedelta(days=3 + 7 * number),
                    kind=kind,
                    notes=notes,
                    next_step="一周后再次联系" if number < 2 else "",
                )
            )
    rng = random.Random(f"{seed}:care:absence")
    for index, student in enumerate(rng.sample(enrolled, min(5, len(enrolled)))):
        start = datetime.date(2025, 11, 3) + datetime.timedelta(days=7 * index)
        returned = start + datetime.timedelta(days=9) if index >= 3 else None
        AbsenceSpell.objects.create(
            student=student,
            start=start,
            school_days=rng.randint(3, 8),
            reason="未请假，电话无人接听",
            returned_on=returned,
        )
        follow_ups.append(
            FollowUp(student=student, date=start + datetime.timedelta(days=3), kind="phone", notes="电话联系监护人。")
        )
    FollowUp.objects.bulk_create(follow_ups)
    written += len(follow_ups)

    # A term of daily growth observations in the observed schools, comments for the head teacher's class.
    days = _school_days(term.start_date, term.end_date)
    domains, weights = list(DOMAIN_WEIGHTS), list(DOMAIN_WEIGHTS.values())
    memberships = ClassMembership.objects.filter(
        school_year=year, school_class__school__county=county, school_class__school__code__in=OBSERVED_SCHOOLS
    ).select_related("student", "school_class__head_teacher__user")
    observations = []
    for membership in memberships.order_by("student__student_number"):
        student = membership.student
        rng = random.Random(f"{seed}:care:observe:{student.student_number}")
        propensity = rng.uniform(0.55, 0.95)
        recorder = getattr(membership.school_class.head_teacher, "user", None)
        for day in days:
            if membership.left_on and day >= membership.left_on:
                break
            if rng.random() >= 0.12:
                continue
            domain = rng.choices(domains, weights)[0]
            positive = rng.random() < propensity
            observations.append(
                Observation(
                    student=student,
                    school_class=membership.school_class,
                    date=day,
                    domain=domain,
                    positive=positive,
                    behaviour=rng.choice(BEHAVIOURS[(domain, positive)]),
                    recorded_by=recorder,
                )
            )
    Observation.objects.bulk_create(observations, batch_size=5000)
    written += len(observations)
    if head_class is not None:
        comments = []
        for membership in ClassMembership.objects.filter(school_class=head_class).select_related("student"):
            rng = random.Random(f"{seed}:care:comment:{membership.student.student_number}")
            text = rng.choice(COMMENTS_OPEN) + rng.choice(COMMENTS_MIDDLE) + rng.choice(COMMENTS_CLOSE)
            author = getattr(head_class.head_teacher, "user", None)
            comments.append(TermComment(student=membership.student, term=term, comment=text, written_by=author))
        TermComment.objects.bulk_create(comments)
        written += len(comments)
    return written
