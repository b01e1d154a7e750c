"""Building the demo county in the database: determinism, idempotency, validity, consistency, logins.

Builds use a small scale (5% of the pupils) so each takes a second or two.
"""

import datetime
import hashlib
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count

from zhiliang.accounts.models import Role, RoleAssignment, User
from zhiliang.accounts.scoping import scope_for, visible_classes, visible_schools
from zhiliang.core.ids import validate_id_number
from zhiliang.demo.build import demo_county_build, demo_county_counts
from zhiliang.demo.county import COUNTY_NAME, GROUP_CITY
from zhiliang.demo.logins import USERNAMES
from zhiliang.demo.pupils import plan_pupils
from zhiliang.org.models import County, School, SchoolClass
from zhiliang.people.idcards import id_number_digest, reveal_id_number
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, Teacher, TeachingAssignment

pytestmark = pytest.mark.django_db

SCALE = 0.05


def checksum() -> str:
    """A digest of what a user of the demo would see: names, numbers, classes, histories, timetables, logins."""
    parts: list[object] = []
    parts += sorted(
        Student.objects.values_list(
            "student_number", "name", "sex", "birth_date", "status", "school__code", "id_number_digest"
        )
    )
    parts += sorted(
        Teacher.objects.values_list("staff_number", "name", "sex", "birth_date", "title", "school__code", "is_active")
    )
    parts += sorted(
        SchoolClass.objects.annotate(size=Count("memberships")).values_list(
            "school__code", "school_year__start_year", "grade", "number", "size", "head_teacher__staff_number"
        )
    )
    parts += sorted(
        ClassMembership.objects.values_list(
            "student__student_number", "school_class__school__code", "school_class__school_year__start_year",
            "school_class__grade", "school_class__number", "seat_number", "left_on",
        )
    )  # fmt: skip
    parts += sorted(
        EnrollmentEvent.objects.values_list("student__student_number", "kind", "date", "school__code", "reason")
    )
    parts += sorted(
        TeachingAssignment.objects.values_list(
            "teacher__staff_number", "school_class__school__code", "school_class__school_year__start_year",
            "school_class__grade", "school_class__number", "subject__name", "term__number",
        )
    )  # fmt: skip
    parts += sorted(User.objects.filter(username__in=USERNAMES).values_list("username", "full_name"))
    try:
        from zhiliang.exams.models import Score

        parts += sorted(
            (str(name), str(student), str(subject), str(score), status)
            for name, student, subject, score, status in Score.objects.values_list(
                "exam_subject__exam__name", "student__student_number", "exam_subject__subject__name", "score", "status"
            )
        )
    except ImportError:
        pass
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def county() -> County:
    return County.objects.get(name=COUNTY_NAME)


def test_two_builds_on_fresh_databases_are_identical():
    results = []
    for _build in range(2):
        with transaction.atomic():
            demo_county_build(scale=SCALE, layers={"exams"})
            results.append((demo_county_counts(county()), checksum()))
            transaction.set_rollback(True)  # back to an empty database for the next build
    assert results[0] == results[1]
    assert results[0][0]["students"] > 300


def test_a_different_seed_gives_a_different_county():
    demo_county_build(scale=SCALE, with_exams=False)
    first = checksum()
    demo_county_build(scale=SCALE, seed=7, reset=True, with_exams=False)
    assert checksum() != first


def test_the_database_holds_exactly_the_plan():
    report = demo_county_build(scale=SCALE, with_exams=False)
    plan = plan_pupils(seed=2025, scale=SCALE)
    assert report.created
    assert report.counts["students"] == len(plan.pupils) == Student.objects.count()
    assert report.counts["memberships"] == len(plan.memberships)
    assert report.counts["events"] == len(plan.events)
    assert report.counts["schools"] == 20
    assert report.counts["users"] == len(USERNAMES)
    assert County.objects.get(name=COUNTY_NAME).school_years.get(is_current=True).start_year == 2025


def test_running_twice_adds_nothing():
    demo_county_build(scale=SCALE)
    before = (demo_county_counts(county()), checksum())
    report = demo_county_build(scale=SCALE)
    assert not report.created and report.layers_added == []
    assert (demo_county_counts(county()), checksum()) == before
    assert County.objects.filter(name=COUNTY_NAME).count() == 1


def test_reset_rebuilds_the_same_county():
    demo_county_build(scale=SCALE, with_exams=False)
    before = checksum()
    User.objects.filter(username="principal").update(full_name="改过的名字")
    report = demo_county_build(scale=SCALE, reset=True, with_exams=False)
    assert report.created
    assert checksum() == before
    assert County.objects.count() == 1


def test_every_stored_id_number_is_valid_protected_and_matches_the_student_number():
    demo_county_build(scale=SCALE, with_exams=False)
    for student in Student.objects.all():
        number = reveal_id_number(student.id_number_encrypted)
        info = validate_id_number(number, today=datetime.date(2026, 1, 1))
        assert student.id_number_digest == id_number_digest(number)
        assert student.id_number_masked == f"{number[:4]}********{number[-4:]}"
        assert student.student_number == "G" + number
        assert info.birth_date == student.birth_date
        assert (info.sex == "男") == (student.sex == "M")
        assert number not in student.id_number_encrypted


def test_class_sizes_are_plausible_and_memberships_consistent():
    demo_county_build(scale=SCALE, with_exams=False)
    sizes = SchoolClass.objects.annotate(size=Count("memberships")).values_list("size", flat=True)
    assert all(1 <= size < 66 for size in sizes)
    per_year = Counter(ClassMembership.objects.values_list("student_id", "school_year_id"))
    assert max(per_year.values()) == 1
    current = ClassMembership.objects.filter(school_year__is_current=True).select_related("student", "school_class")
    for membership in current:
        assert membership.school_class.school_year_id == membership.school_year_id
        if membership.student.status == "enrolled":
            assert membership.student.school_id == membership.school_class.school_id
            assert membership.left_on is None
    enrolled = Student.objects.filter(status="enrolled")
    assert not enrolled.exclude(memberships__school_year__is_current=True).exists()
    graduated = Student.objects.filter(status="graduated")
    assert graduated.exists() and not graduated.filter(memberships__school_year__is_current=True).exists()
    for membership in ClassMembership.objects.exclude(left_on=None):
        assert membership.student.status in {"transferred_out", "suspended", "dropped_out", "enrolled"}
        assert membership.student.events.filter(kind__in=["transfer_out", "suspend", "dropout"]).exists()


def test_every_role_has_a_user_with_the_right_scope():
    demo_county_build(scale=SCALE, with_exams=False)
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
    assert set(users) == set(USERNAMES)
    assert all(u.check_password("qinghe-demo-2025") and u.full_name for u in users.values())
    junior = School.objects.get(code="QH03")
    all_schools = set(School.objects.filter(county=county()))

    for name in ("bureau_admin", "bureau_analyst"):
        assert set(visible_schools(users[name])) == all_schools
    assert RoleAssignment.objects.get(user=users["bureau_admin"]).role == Role.BUREAU_ADMIN
    group_schools = set(School.objects.filter(group__name=GROUP_CITY))
    assert set(visible_schools(users["group_leader"])) == group_schools and junior in group_schools
    for name in ("principal", "academic_director"):
        assert set(visible_schools(users[name])) == {junior}
    assert {a.role for a in RoleAssignment.objects.filter(user__username__in=["principal", "academic_director"])} == {
        Role.PRINCIPAL,
        Role.ACADEMIC_DIRECTOR,
    }

    grade9 = SchoolClass.objects.filter(school=junior, grade=9)
    assert set(grade9) <= set(visible_classes(users["grade_leader"]))
    assert RoleAssignment.objects.get(user=users["grade_leader"]).grade == 9

    head = Teacher.objects.get(user=users["head_teacher"])
    class_91 = SchoolClass.objects.get(school=junior, grade=9, number=1, school_year__is_current=True)
    assert class_91.head_teacher == head
    assert class_91.pk in scope_for(users["head_teacher"]).head_class_ids

    subject = Teacher.objects.get(user=users["subject_teacher"])
    assert subject.school == junior and subject.is_active
    assert not SchoolClass.objects.filter(head_teacher=subject, school_year__is_current=True).exists()
    assert TeachingAssignment.objects.filter(
        teacher=subject, school_class__grade=9, school_class__school_year__is_current=True
    ).exists()
    assert Role.SUBJECT_TEACHER in scope_for(users["subject_teacher"]).roles
    assert not RoleAssignment.objects.filter(user__in=[users["head_teacher"], users["subject_teacher"]]).exists()


def test_the_subject_catalogue_has_aliases_and_full_marks():
    from zhiliang.curriculum.models import FullMarks, SubjectAlias

    demo_county_build(scale=SCALE, with_exams=False)
    aliases = dict(SubjectAlias.objects.values_list("alias", "subject__name"))
    assert aliases["道法"] == aliases["思想品德"] == aliases["政治"] == "道德与法治"
    assert aliases["外语"] == "英语" and aliases["自然"] == "科学"
    marks = {(s, g): float(m) for s, g, m in FullMarks.objects.values_list("subject__name", "grade", "full_marks")}
    assert marks[("语文", 7)] == marks[("数学", 9)] == marks[("英语", 8)] == 120
    assert marks[("物理", 8)] == marks[("语文", 3)] == marks[("英语", 3)] == 100
    assert ("英语", 2) not in marks and ("化学", 8) not in marks


def test_taken_demo_usernames_are_reported_not_taken_over():
    from zhiliang.demo.build import DemoRefused

    User.objects.create_user(username="principal", password="someone-else-123")
    with pytest.raises(DemoRefused, match="principal"):
        demo_county_build(scale=SCALE, with_exams=False)
    assert not County.objects.exists()
    demo_county_build(scale=SCALE, with_exams=False, reset=True)
    assert User.objects.get(username="principal").check_password("qinghe-demo-2025")
