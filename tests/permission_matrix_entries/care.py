"""Who opens the student-care pages (docs/care.md).

Sensitive pages open only for the school's leadership (special groups), the staff it names and the roles it opens
them to; psychological cases only for named staff. Everyday care follows the ordinary scope: observations by
the teachers of the class and the school's leadership, reports and the watch list by leaders and head teachers.
"""

from tests.care.factories import absence, authorise_psych, authorise_special, profile, psych_case

ROLES = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "central_principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
    "other_teacher",
}
J01_LEADERS = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director", "grade_leader"}
CLASS_LEADERS = J01_LEADERS | {"head_teacher"}  # who sees class 七年级(1) of 第一初级中学 as a leader or its head
CLASS_TEACHERS = {"principal", "academic_director", "head_teacher", "subject_teacher"}  # who records observations
FOLLOWERS = {"bureau_admin", "principal", "academic_director", "head_teacher"}  # who records 控辍保学 follow-ups


def _class(cast):
    return {"pk": cast.classes["J01-7-1"].pk}


def _s1(cast):
    return {"pk": cast.students["s1"].pk}


def _special_s1(cast):
    authorise_special(cast)
    profile(cast)
    return _s1(cast)


def _psych_s1(cast):
    authorise_psych(cast)
    return _s1(cast)


def _psych_list(cast):
    authorise_psych(cast)
    return {}


def _case(cast):
    return {"pk": psych_case(cast).pk}


def _revoke(cast):
    from zhiliang.care.models import CareGrant

    grant, _created = CareGrant.objects.get_or_create(
        school=cast.junior1, user=cast.user("head_teacher"), kind="special_groups"
    )
    return {"kind": "named", "pk": grant.pk}


def _absence(cast):
    return {"pk": absence(cast).pk}


POST_302 = {"method": "post", "ok": {302}}

ENTRIES: dict[str, dict] = {
    "care:index": {"allowed": ROLES},
    "care:county_overview": {"allowed": {"bureau_admin", "bureau_analyst", "group_leader"}},
    "care:grants": {"allowed": {"principal", "academic_director", "central_principal"}},
    "care:grant_revoke": {"kwargs": _revoke, "allowed": {"principal", "academic_director"}, **POST_302},
    "care:class_observe": {"kwargs": _class, "allowed": CLASS_TEACHERS},
    "care:observation_add": {
        "kwargs": _class,
        "allowed": CLASS_TEACHERS,
        "data": lambda cast: {"student": cast.students["s1"].pk, "domain": "moral", "positive": "1"},
        **POST_302,
    },
    "care:class_summary": {"kwargs": _class, "allowed": CLASS_LEADERS | {"subject_teacher"}},
    "care:class_export": {"kwargs": _class, "allowed": CLASS_LEADERS},
    "care:student_growth": {"kwargs": _s1, "allowed": CLASS_LEADERS},
    "care:growth_report": {"kwargs": _s1, "allowed": CLASS_LEADERS},
    # Special groups: the leadership by office, the head teacher through the school's role grant, the maths
    # teacher by name; the grade leader, the bureau and other schools never.
    "care:special_list": {"allowed": {"principal", "academic_director", "central_principal"}},
    "care:special_detail": {
        "kwargs": _special_s1,
        "allowed": {"principal", "academic_director", "head_teacher", "subject_teacher"},
    },
    "care:contact_add": {
        "kwargs": _special_s1,
        "allowed": {"principal", "academic_director", "head_teacher", "subject_teacher"},
        "data": lambda cast: {"kind": "home_visit", "date": "2025-11-20", "notes": "走访"},
        **POST_302,
    },
    # Psychological cases: the named academic director only (the principal is not named).
    "care:psych_list": {"kwargs": _psych_list, "allowed": {"academic_director"}},
    "care:psych_open": {
        "kwargs": _psych_s1,
        "allowed": {"academic_director"},
        "data": lambda cast: {
            "opened_on": "2025-11-01",
            "referral_source": "parent",
            "referral_reason": "失眠",
            "risk_level": "low",
        },
        **POST_302,
    },
    "care:psych_detail": {"kwargs": _case, "allowed": {"academic_director"}},
    "care:psych_session_add": {
        "kwargs": _case,
        "allowed": {"academic_director"},
        "data": lambda cast: {"date": "2025-11-02", "minutes": 40, "summary": "谈话", "risk_level": "low"},
        **POST_302,
    },
    "care:watch_list": {"allowed": CLASS_LEADERS | {"central_principal"}},
    "care:watch_detail": {"kwargs": _s1, "allowed": CLASS_LEADERS},
    "care:follow_up_add": {
        "kwargs": _s1,
        "allowed": FOLLOWERS,
        "data": lambda cast: {"date": "2025-11-20", "kind": "phone", "notes": "联系家长"},
        **POST_302,
    },
    "care:absence_add": {
        "kwargs": _s1,
        "allowed": FOLLOWERS,
        "data": lambda cast: {"start": "2025-11-17", "school_days": 4, "reason": "病假"},
        **POST_302,
    },
    "care:absence_return": {
        "kwargs": _absence,
        "allowed": FOLLOWERS,
        "data": lambda cast: {"returned_on": "2025-11-24"},
        **POST_302,
    },
}
