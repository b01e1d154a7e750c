"""Placement runs through their services: upload and solve, impossible constraints, moves by hand, the draw,
and the confirmation that creates the school year's classes (all or nothing, audited)."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.placement.factories import next_year, placed_run, unique_intake, xlsx_bytes
from tests.placement.intakes import intake_rows
from zhiliang.audit.models import AuditEvent
from zhiliang.core.tabular import ImportProblems
from zhiliang.org.models import SchoolClass
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus, Teacher
from zhiliang.placement import services
from zhiliang.placement.models import PlacementRun, RunStatus
from zhiliang.placement.selectors import current_violations, visible_runs

pytestmark = pytest.mark.django_db


def create(cast, students, *, role="academic_director", classes=2, **options):
    return services.placement_run_create(
        user=cast.user(role),
        school=cast.junior1,
        school_year=next_year(cast),
        grade=7,
        filename="新生.xlsx",
        content=xlsx_bytes(intake_rows(students)),
        classes=classes,
        max_size=options.pop("max_size", 50),
        time_limit=options.pop("time_limit", 0.5),
        **options,
    )


def test_an_upload_is_placed_and_recorded(cast):
    run = placed_run(cast, count=20, classes=2)
    run.refresh_from_db()
    assert run.status == RunStatus.PLACED and len(run.intake) == 20 and len(run.sha256) == 64
    assert set(run.assignment) == set(run.draft) == {s["student_id"] for s in run.intake}
    assert run.assignment == run.optimised and sorted(set(run.assignment.values())) == [1, 2]
    assert run.solver["solver"].startswith("OR-Tools CP-SAT") and run.solver["seed"] == 0
    assert current_violations(run) == []
    assert list(visible_runs(cast.user("principal"))) == [run]
    assert list(visible_runs(cast.user("central_principal"))) == []


def test_impossible_constraints_are_recorded_with_the_rows(cast):
    students = unique_intake(6, seed=1, together_pairs=0, fixed=0, twins_share=0)
    students = [dataclasses.replace(s, sibling_group="王家" if i < 3 else None) for i, s in enumerate(students)]
    run = create(cast, students)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.assignment == {}
    (problem,) = run.problems
    assert problem["code"] == "placement.sibling_group_too_large" and "第 2 行" in problem["params"]["students"]


def test_a_bad_file_stores_nothing(cast):
    content = xlsx_bytes([["学籍号", "姓名", "性别"], ["G1", "甲", "未知"]])
    with pytest.raises(ImportProblems) as caught:
        services.placement_run_create(
            user=cast.user("academic_director"), school=cast.junior1, school_year=next_year(cast), grade=7,
            filename="坏.xlsx", content=content, classes=2, max_size=50,
        )  # fmt: skip
    assert "第 2 行 C 列（性别）" in caught.value.problems[0].message()
    assert not PlacementRun.objects.exists()


def test_only_managers_of_the_school_may_place(cast):
    with pytest.raises(PermissionDenied):
        create(cast, unique_intake(6), role="central_principal")
    with pytest.raises(PermissionDenied):
        create(cast, unique_intake(6), role="grade_leader")


def test_students_known_to_the_database_must_fit(cast):
    students = unique_intake(4, together_pairs=0, fixed=0)
    enrolled = dataclasses.replace(students[0], student_id=cast.students["s4"].student_number, name="赵六")
    renamed = dataclasses.replace(students[1], student_id=cast.students["s5"].student_number, name="别人")
    with pytest.raises(ImportProblems) as caught:
        create(cast, [enrolled, renamed, *students[2:]])
    found = [p.message() for p in caught.value.problems]
    assert any("第 2 行" in m and "目前在第二初级中学在读" in m for m in found)
    assert any("第 3 行" in m and "在系统中属于孙七" in m for m in found)


def test_moves_and_swaps_are_logged_and_broken_constraints_block_the_confirmation(cast):
    run = placed_run(cast, count=8, classes=2)
    user = cast.user("academic_director")
    first = next(k for k, v in run.assignment.items() if v == 1)
    second = next(k for k, v in run.assignment.items() if v == 2)
    services.placement_move(user=user, run=run, student_id=first, to_class=2)
    assert [v.code for v in current_violations(run)] == ["placement.violation.size_spread"]
    with pytest.raises(ValidationError):
        services.placement_confirm(user=user, run=run)
    services.placement_move(user=user, run=run, student_id=first, to_class=1)
    services.placement_swap(user=user, run=run, first=first, second=second)
    run.refresh_from_db()
    assert (run.assignment[first], run.assignment[second]) == (2, 1)
    assert [(m["student_id"], m["from"], m["to"]) for m in run.moves] == [
        (first, 1, 2), (first, 2, 1), (first, 1, 2), (second, 2, 1)
    ]  # fmt: skip
    assert current_violations(run) == []
    with pytest.raises(ValidationError):
        services.placement_move(user=user, run=run, student_id=first, to_class=3)


def test_confirm_creates_the_classes_students_memberships_and_events(cast):
    graduate = Student.objects.create(
        county=cast.county, student_number="P0001", name="钱八", sex="M", school=cast.central,
        status=StudentStatus.GRADUATED,
    )  # fmt: skip
    teachers = [
        Teacher.objects.create(county=cast.county, school=cast.junior1, staff_number=f"T{i}", name=f"教师{i}", sex="F")
        for i in (1, 2)
    ]
    students = unique_intake(9, together_pairs=0, fixed=0)
    students[0] = dataclasses.replace(students[0], student_id="P0001", name="钱八", fixed_class=2)
    run = create(cast, students, classes=3)
    user = cast.user("academic_director")
    services.placement_draw(user=user, run=run, seed="2026-08-20 公开", teachers=teachers)
    assert run.draw["class_of_group"]["2"] == 2  # the group with a pre-assigned student keeps its number
    created = services.placement_confirm(user=user, run=run)

    year = next_year(cast)
    assert sorted(c.number for c in created) == [1, 2, 3]
    assert SchoolClass.objects.filter(school=cast.junior1, school_year=year, grade=7).count() == 3
    heads = {c.number: c.head_teacher for c in created}
    assert {heads[1], heads[2]} == set(teachers) and heads[3] is None
    memberships = ClassMembership.objects.filter(school_year=year)
    assert memberships.count() == 9
    group_of = {c.number: g for g, c in enumerate(created, start=1)}
    for membership in memberships.select_related("student", "school_class"):
        group = run.assignment[membership.student.student_number]
        assert run.draw["class_of_group"][str(group)] == membership.school_class.number
        assert group_of[membership.school_class.number] == group
    graduate.refresh_from_db()
    assert (graduate.school, graduate.status) == (cast.junior1, StudentStatus.ENROLLED)
    assert memberships.get(student=graduate).school_class.number == 2
    event = EnrollmentEvent.objects.get(student=graduate)
    assert (event.kind, event.other_school, event.date) == ("enrol", "城关中心小学", year.start_date)
    assert Student.objects.filter(school=cast.junior1, student_number__startswith="N").count() == 8
    run.refresh_from_db()
    assert run.status == RunStatus.CONFIRMED and run.confirmed_by == user
    audit = AuditEvent.objects.get(target_type="placement.PlacementRun", action="import")
    assert audit.detail["students"] == 9 and audit.detail["students_created"] == 8
    assert audit.detail["draw_seed"] == "2026-08-20 公开"
    with pytest.raises(services.RunNotEditable):
        services.placement_confirm(user=user, run=run)


def test_confirm_is_all_or_nothing(cast):
    run = placed_run(cast, count=8, classes=2)
    occupied = SchoolClass.objects.create(school=cast.junior1, school_year=next_year(cast), grade=7, number=2)
    ClassMembership.objects.create(student=cast.students["s1"], school_class=occupied, school_year=next_year(cast))
    with pytest.raises(ValidationError, match=r"七年级\(2\)班"):
        services.placement_confirm(user=cast.user("principal"), run=run)
    assert SchoolClass.objects.filter(school_year=next_year(cast)).count() == 1
    assert not Student.objects.filter(student_number__startswith="N").exists()
    run.refresh_from_db()
    assert run.status == RunStatus.PLACED


def test_placing_again_discards_moves_and_the_draw(cast):
    run = placed_run(cast, count=12, classes=2)
    user = cast.user("academic_director")
    services.placement_draw(user=user, run=run, seed="x", teachers=[])
    services.placement_run_restart(
        user=user, run=run, classes=3, max_size=50, seed=4, time_limit=0.3, bands=3, apart_pairs=[]
    )
    run.refresh_from_db()
    assert run.status == RunStatus.PLACED and run.draw == {} and run.moves == []
    assert sorted(set(run.assignment.values())) == [1, 2, 3] and run.solver["seed"] == 4
