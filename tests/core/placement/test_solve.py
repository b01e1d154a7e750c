"""The optimiser: hard constraints always hold, results are reproducible, proofs are honest, and the objective
the search uses is the one defined in objective.py."""

import random

import pytest

from tests.placement.intakes import make_intake
from zhiliang.core.placement import (
    IntakeStudent,
    PlacementInfeasible,
    PlacementOptions,
    place,
    violation_message,
    violations,
)
from zhiliang.core.placement.constraints import build_structure
from zhiliang.core.placement.exchange import best_exchange, exchange_descent
from zhiliang.core.placement.objective import build_balance
from zhiliang.core.placement.state import State


def test_a_small_intake_without_scores_is_proven_optimal():
    students = make_intake(24, seed=2, with_scores=False, feeders=3, together_pairs=0, fixed=0)
    outcome = place(students, PlacementOptions(classes=3, seed=1, time_limit=2))
    report = outcome.placement.solver
    assert report is not None and report.optimal and outcome.placement.optimal
    assert report.objective == report.best_bound == 0
    quality = outcome.placement.quality
    assert quality.size_spread == 0 and quality.male_spread <= 1 and quality.feeder_spread <= 1
    assert outcome.draft.method == "serpentine" and outcome.placement.method == "cp-sat"


def test_the_same_seed_gives_the_same_classes():
    students = make_intake(90, seed=4, classes=3)
    options = PlacementOptions(classes=3, max_size=50, seed=7, time_limit=0.6)
    first, second = place(students, options), place(students, options)
    assert first.placement.assignment == second.placement.assignment
    assert first.placement.solver.objective == second.placement.solver.objective  # type: ignore[union-attr]


def test_hard_constraints_hold_on_a_realistic_intake_with_twins_together_groups_and_pre_assignments():
    students = make_intake(150, seed=9, classes=4, twins_share=0.06, together_pairs=3, fixed=4)
    options = PlacementOptions(
        classes=4, max_size=50, seed=3, time_limit=1, apart_pairs=(("G2013000001", "G2013000002"),)
    )
    outcome = place(students, options)
    assert violations(students, options, outcome.placement.assignment) == []
    assert sorted(outcome.placement.assignment) == sorted(s.student_id for s in students)
    report = outcome.placement.solver
    assert report is not None and report.best_bound <= report.objective


def test_a_combination_only_the_solver_finds_impossible_is_explained():
    # 8 students, 2 classes of 4: together groups of 3, 3 and 2 cannot be packed into two classes of four.
    sizes = {"甲": 3, "乙": 3, "丙": 2}
    students, index = [], 0
    for group, size in sizes.items():
        for _ in range(size):
            index += 1
            students.append(IntakeStudent(f"S{index}", f"学生{index}", "M", together_group=group, row=index + 1))
    with pytest.raises(PlacementInfeasible) as caught:
        place(students, PlacementOptions(classes=2, time_limit=1))
    (found,) = caught.value.violations
    assert found.code == "placement.infeasible_combination"
    message = violation_message(found)
    assert message.startswith("以下硬性要求无法同时满足：") and "同班组“" in message and "须在同一班" in message


def _random_assignment(structure, rng):
    """A random unit → class assignment meeting the sizes (units are single students here)."""
    order = list(range(len(structure.units)))
    rng.shuffle(order)
    result = [0] * len(order)
    for position, unit in enumerate(order):
        result[unit] = position % structure.classes
    return result


def test_the_incremental_cost_equals_the_definition():
    students = make_intake(60, seed=5, together_pairs=0, fixed=0, twins_share=0)
    structure = build_structure(students, PlacementOptions(classes=4, max_size=50))
    balance = build_balance(structure, bands=5, balance_birth=True)
    rng = random.Random(1)
    for _ in range(5):
        assignment = _random_assignment(structure, rng)
        state = State(structure, balance, assignment)
        assert state.cost() == balance.cost(assignment)
        state.move(0, (assignment[0] + 1) % 4)
        assert state.cost() == balance.cost(state.assignment())
        assert balance.lower_bound() <= state.cost()


def test_the_priced_exchange_is_the_real_change_and_the_descent_never_worsens():
    students = make_intake(80, seed=6, twins_share=0.1, together_pairs=2, fixed=0)
    options = PlacementOptions(classes=4, max_size=50)
    structure = build_structure(students, options)
    balance = build_balance(structure, bands=5, balance_birth=True)
    state = State(structure, balance, _random_assignment(structure, random.Random(2)))
    for first, second in [(0, 1), (2, 3), (1, 3)]:
        before = state.cost()
        delta, leaving_first, leaving_second = best_exchange(state, first, second)
        if leaving_first is not None:
            state.move(leaving_first, second)
        if leaving_second is not None:
            state.move(leaving_second, first)
        assert state.cost() - before == delta
    start = state.cost()
    exchange_descent(state, random.Random(3))
    assert state.cost() <= start
    for first in range(4):
        for second in range(first + 1, 4):
            assert best_exchange(state, first, second)[0] >= 0  # a local optimum for exchanges


def test_the_fast_pricing_of_counts_equals_the_full_one():
    import numpy as np

    from zhiliang.core.placement.exchange import _binary_count_delta

    students = make_intake(60, seed=8, together_pairs=0, fixed=0, twins_share=0)
    structure = build_structure(students, PlacementOptions(classes=3, max_size=50))
    balance = build_balance(structure, bands=5, balance_birth=True)
    state = State(structure, balance, _random_assignment(structure, random.Random(4)))
    for first, second in [(0, 1), (1, 2)]:
        rows = np.vstack([np.zeros_like(state.counts[:1]), state.counts[state.unit_class == first]])
        cols = np.vstack([np.zeros_like(state.counts[:1]), state.counts[state.unit_class == second]])
        d = rows[:, None, :] - cols[None, :, :]
        old = state.excess(state.class_counts[first]) + state.excess(state.class_counts[second])
        full = state.excess(state.class_counts[first] - d) + state.excess(state.class_counts[second] + d) - old
        assert (_binary_count_delta(state, first, second, rows, cols) == full).all()
