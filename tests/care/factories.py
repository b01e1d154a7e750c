"""Care objects on top of the test cast (tests/cast.py)."""

import datetime

from zhiliang.care.models import (
    AbsenceSpell,
    CareGrant,
    GrantRole,
    PsychCase,
    RecordKind,
    RoleGrant,
    SpecialGroupProfile,
)


def authorise_special(cast):
    """Junior 1 opens special groups to its head teachers and names its maths teacher (subject_teacher)."""
    RoleGrant.objects.get_or_create(school=cast.junior1, role=GrantRole.HEAD_TEACHER, kind=RecordKind.SPECIAL_GROUPS)
    CareGrant.objects.get_or_create(
        school=cast.junior1, user=cast.user("subject_teacher"), kind=RecordKind.SPECIAL_GROUPS
    )


def authorise_psych(cast):
    """Junior 1 names its academic director for psychological cases (the principal is not named)."""
    CareGrant.objects.get_or_create(school=cast.junior1, user=cast.user("academic_director"), kind=RecordKind.PSYCH)


def profile(cast, key="s1", **flags):
    values = {"left_behind": True, "guardian": "祖母", "parents_whereabouts": "广东东莞"} | flags
    return SpecialGroupProfile.objects.update_or_create(student=cast.students[key], defaults=values)[0]


def psych_case(cast, key="s1"):
    authorise_psych(cast)
    case, _created = PsychCase.objects.get_or_create(
        student=cast.students[key],
        opened_on=datetime.date(2025, 10, 9),
        defaults={"referral_source": "head_teacher", "referral_reason": "情绪低落", "risk_level": "medium"},
    )
    return case


def absence(cast, key="s1", days=5):
    return AbsenceSpell.objects.create(student=cast.students[key], start=datetime.date(2025, 11, 10), school_days=days)
