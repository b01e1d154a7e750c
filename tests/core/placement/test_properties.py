"""Property tests (hypothesis): random intakes never get a placement that breaks a hard constraint, and for
tiny ones the optimiser says "impossible" exactly when an exhaustive search finds no placement."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiliang.core.placement import (
    IntakeStudent,
    PlacementInfeasible,
    PlacementOptions,
    check_feasibility,
    place,
    violations,
)

SOLVER_CODES = {"placement.infeasible", "placement.infeasible_combination", "placement.no_solution_in_time"}


@st.composite
def intakes(draw, max_students=30, max_classes=5):
    count = draw(st.integers(1, max_students))
    classes = draw(st.integers(1, max_classes))
    group = st.one_of(st.none(), st.sampled_from("ABCD"))
    students = [
        IntakeStudent(
            student_id=f"S{i}",
            name=f"学生{i}",
            sex=draw(st.sampled_from("MF")),
            score=draw(st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)))),
            special_needs=draw(st.booleans()),
            left_behind=draw(st.booleans()),
            feeder_school=draw(st.one_of(st.none(), st.sampled_from(["甲小", "乙小", "丙小"]))),
            sibling_group=draw(group),
            together_group=draw(st.one_of(st.none(), st.sampled_from("XYZ"))),
            fixed_class=draw(st.one_of(st.none(), st.integers(1, classes + 1))),
            row=i + 2,
        )
        for i in range(count)
    ]
    ids = [s.student_id for s in students]
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]), max_size=3)
    )
    options = PlacementOptions(
        classes=classes,
        max_size=draw(st.integers(1, 12)),
        seed=draw(st.integers(0, 5)),
        time_limit=0.3,
        bands=draw(st.integers(1, 4)),
        apart_pairs=tuple(pairs),
    )
    return students, options


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intakes())
def test_a_placement_never_breaks_a_hard_constraint(case):
    students, options = case
    precheck = check_feasibility(students, options)
    try:
        outcome = place(students, options)
    except PlacementInfeasible as error:
        codes = {v.code for v in error.violations}
        assert codes == {v.code for v in precheck} if precheck else codes <= SOLVER_CODES
        return
    assert not precheck
    assert violations(students, options, outcome.placement.assignment) == []
    assert {s.student_id for s in students} == set(outcome.placement.assignment)


def _exists(students, options):
    """Exhaustive search: is there any assignment meeting every hard constraint?"""
    for classes in itertools.product(range(1, options.classes + 1), repeat=len(students)):
        assignment = {s.student_id: c for s, c in zip(students, classes, strict=True)}
        if not violations(students, options, assignment):
            return True
    return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intakes(max_students=7, max_classes=3))
def test_impossible_exactly_when_no_placement_exists(case):
    students, options = case
    try:
        place(students, options)
        placed = True
    except PlacementInfeasible as error:
        assert "placement.no_solution_in_time" not in {v.code for v in error.violations}
        placed = False
    assert placed == _exists(students, options)
