"""Who sees which schools, classes, students, teachers and scores (zhiliang/accounts/scoping.py)."""

import pytest

from zhiliang.accounts import scoping
from zhiliang.people.models import TeachingAssignment

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(str(obj) for obj in queryset)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_admin", ["李庄教学点", "城关中心小学", "第一初级中学", "第二初级中学"]),
        ("bureau_analyst", ["李庄教学点", "城关中心小学", "第一初级中学", "第二初级中学"]),
        ("group_leader", ["第一初级中学"]),
        ("principal", ["第一初级中学"]),
        ("academic_director", ["第一初级中学"]),
        ("central_principal", ["李庄教学点", "城关中心小学"]),
        ("grade_leader", ["第一初级中学"]),
        ("head_teacher", ["第一初级中学"]),
        ("subject_teacher", ["第一初级中学"]),
        ("other_teacher", ["第二初级中学"]),
        ("outsider", []),
    ],
)
def test_visible_schools(cast, role, expected):
    assert names(scoping.visible_schools(cast.user(role))) == sorted(expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_admin", ["s1", "s2", "s3", "s4", "s5"]),
        ("group_leader", ["s1", "s2", "s3"]),
        ("principal", ["s1", "s2", "s3"]),
        ("central_principal", ["s5"]),
        ("grade_leader", ["s1", "s2", "s3"]),
        ("head_teacher", ["s1", "s2"]),
        ("subject_teacher", ["s1", "s2", "s3"]),
        ("other_teacher", ["s4"]),
        ("outsider", []),
    ],
)
def test_visible_students(cast, role, expected):
    visible = set(scoping.visible_students(cast.user(role)))
    assert sorted(key for key, student in cast.students.items() if student in visible) == expected


def test_subject_teacher_sees_only_own_subjects(cast):
    user = cast.user("subject_teacher")
    visible = TeachingAssignment.objects.filter(scoping.score_scope(user))
    assert {a.subject.name for a in visible} == {"数学"}


def test_head_teacher_sees_every_subject_of_own_class(cast):
    user = cast.user("head_teacher")
    visible = TeachingAssignment.objects.filter(scoping.score_scope(user))
    assert {(a.school_class.display_name, a.subject.name) for a in visible} == {
        ("七年级(1)班", "语文"),
        ("七年级(1)班", "数学"),
    }


def test_only_leadership_may_reveal_id_numbers(cast):
    student = cast.students["s1"]
    allowed = {
        role
        for role in ["bureau_admin", "bureau_analyst", "principal", "academic_director", "head_teacher", "outsider"]
        if scoping.can_reveal_id_number(cast.user(role), student)
    }
    assert allowed == {"bureau_admin", "principal", "academic_director"}


def test_derived_teaching_roles(cast):
    assert "head_teacher" in scoping.scope_for(cast.user("head_teacher")).roles
    assert scoping.scope_for(cast.user("subject_teacher")).roles == {"subject_teacher"}
