"""The optimiser: CP-SAT finds a feasible start, exchanges improve it, CP-SAT neighbourhoods polish it.

1. Start: OR-Tools CP-SAT, following the serpentine draft as its hint, finds a placement that meets every
   hard constraint (`constraints.py`); when it proves there is none, a second solve names the
   constraints in conflict.
2. Exchanges: the pairwise exchange descent of `exchange.py` (fast, numpy) takes it to a placement no single
   exchange improves.
3. Neighbourhoods: repeatedly free every student of two classes (the costliest class with the one whose
   score deviation lies most the other way, alternating with a pair drawn by a seeded generator) and let
   CP-SAT re-place them between those classes to minimise the balance objective (`objective.py`), starting
   from the current placement, so no step makes it worse. This is large neighbourhood search (P. Shaw,
   "Using constraint programming and local search methods to solve vehicle routing problems", CP 1998).
   With four classes or fewer the neighbourhood is the whole problem, which CP-SAT may prove optimal.

Deterministic for a seed: CP-SAT runs single-threaded with a deterministic time limit, and the budget
(`time_limit`) is counted in CP-SAT's deterministic time (roughly seconds on a typical machine, but
independent of its load); the search also stops after STALL_STEPS neighbourhoods without improvement. A
wall-clock cap of WALL_FACTOR × the budget is a safety net only; the report says what stopped the search.
The result is reported optimal only when proven: the objective reaches its lower bound, or CP-SAT proves
the whole problem solved.

Why not CP-SAT alone on the whole model: measured on a 300-student intake, its portfolio search (even
multi-threaded) did not improve on the serpentine draft within 20 s, while the exchanges reach a mean
spread under a tenth of the draft's in well under a second (docs/placement.md).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from ortools.sat.python import cp_model

from zhiliang.core.placement.constraints import Structure
from zhiliang.core.placement.exchange import exchange_descent
from zhiliang.core.placement.model import IntakeStudent, SolverReport, Violation
from zhiliang.core.placement.objective import COUNT_WEIGHT, Balance, build_balance
from zhiliang.core.placement.state import State

WALL_FACTOR = 10.0
WHOLE_PROBLEM_CLASSES = 4  # up to this many classes, the neighbourhood is the whole problem
STEP_LIMIT = 0.05  # deterministic seconds per neighbourhood
STALL_STEPS = 40  # neighbourhoods in a row without improvement after which the search stops


class PlacementInfeasible(Exception):
    """The hard constraints cannot all hold; `violations` says which, naming the students."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        super().__init__("; ".join(v.code for v in self.violations))


class _Budget:
    """Deterministic seconds left, and the wall-clock safety net."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.used = 0.0
        self.started = time.perf_counter()
        self.wall_cap = limit * WALL_FACTOR

    def left(self) -> float:
        return self.limit - self.used

    def wall_left(self) -> float:
        return self.wall_cap - (time.perf_counter() - self.started)

    def solver(self, seed: int, limit: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        parameters = solver.parameters
        parameters.num_workers = 1
        parameters.random_seed = seed
        parameters.max_deterministic_time = max(0.01, min(limit, self.left()))
        parameters.max_time_in_seconds = max(0.05, self.wall_left())
        # Small models: symmetry detection and probing cost more wall time than they save.
        parameters.symmetry_level = 0
        parameters.cp_model_probing_level = 0
        return solver

    def charge(self, solver: cp_model.CpSolver) -> None:
        self.used += solver.deterministic_time


def solve(
    structure: Structure,
    *,
    hint: Mapping[str, int],
    seed: int,
    time_limit: float,
    bands: int,
    balance_birth: bool,
) -> tuple[dict[str, int], SolverReport]:
    """Place the intake; returns 学籍号 → class 1..N and the solver's report.

    Raises PlacementInfeasible when CP-SAT proves the hard constraints cannot hold, or finds no placement
    meeting them within the budget.
    """
    budget = _Budget(time_limit)
    balance = build_balance(structure, bands=bands, balance_birth=balance_birth)
    state = State(structure, balance, _start(structure, hint, seed, budget))
    # Seeded generators choose the order of work only (reproducibility, not secrecy).
    exchange_descent(state, random.Random(seed))  # noqa: S311
    stopped = _improve(structure, balance, state, random.Random(seed), budget)  # noqa: S311
    students = structure.students
    assignment = {
        students[m].student_id: int(state.unit_class[u]) + 1
        for u, members in enumerate(structure.units)
        for m in members
    }
    cost = state.cost()
    optimal = stopped == "optimal"
    report = SolverReport(
        status="optimal" if optimal else "feasible",
        objective=float(cost),
        best_bound=float(cost if optimal else balance.lower_bound()),
        wall_seconds=time.perf_counter() - budget.started,
        deterministic_seconds=budget.used,
        solver=solver_name(),
        seed=seed,
        time_limit=time_limit,
        stopped_by=stopped,
    )
    return assignment, report


def solver_name() -> str:
    import ortools

    return f"OR-Tools CP-SAT {getattr(ortools, '__version__', '')}".strip()


def _start(structure: Structure, hint: Mapping[str, int], seed: int, budget: _Budget) -> list[int]:
    """A placement meeting every hard constraint, found by following `hint` (the serpentine draft), so it
    keeps most students where the draft put them."""
    model = cp_model.CpModel()
    classes = structure.classes
    units = range(len(structure.units))
    sizes = [len(members) for members in structure.units]
    x = [[model.new_bool_var(f"x{u}_{c}") for c in range(classes)] for u in units]
    for u in units:
        model.add_exactly_one(x[u])
    low, high = structure.small_size, min(structure.largest_size, structure.max_size)
    for c in range(classes):
        model.add_linear_constraint(sum(sizes[u] * x[u][c] for u in units), low, high)
    for u, fixed in enumerate(structure.unit_fixed):
        if fixed is not None:
            model.add(x[u][fixed] == 1)
    for group in structure.apart:
        group_units = sorted({structure.unit_of[m] for m in group.members})
        for c in range(classes):
            model.add_at_most_one(x[u][c] for u in group_units)
    for u, members in enumerate(structure.units):
        target = structure.unit_fixed[u]
        if target is None:
            target = hint[structure.students[members[0]].student_id] - 1
        for c in range(classes):
            model.add_hint(x[u][c], c == target)
    solver = budget.solver(seed, budget.left())
    # Following the hint, a plain SAT search repairs it at once; presolve and the linear relaxation of
    # 30,000 variables would cost seconds and bring nothing to this feasibility question.
    solver.parameters.linearization_level = 0
    solver.parameters.cp_model_presolve = False
    solver.parameters.stop_after_first_solution = True
    status = solver.solve(model)
    budget.charge(solver)
    if status == cp_model.INFEASIBLE:
        raise PlacementInfeasible(_explain_infeasibility(structure))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        seconds = f"{budget.limit:g}"
        raise PlacementInfeasible([Violation("placement.no_solution_in_time", {"seconds": seconds})])
    return [next(c for c in range(classes) if solver.boolean_value(x[u][c])) for u in units]


Stop = Literal["optimal", "deterministic_limit", "wall_limit", "no_improvement"]


def _improve(structure: Structure, balance: Balance, state: State, rng: random.Random, budget: _Budget) -> Stop:
    """Large neighbourhood search on `state`; says why it stopped ("optimal" when proven)."""
    classes = structure.classes
    bound = balance.lower_bound()
    stalled = 0
    step = 0
    while True:
        cost = state.cost()
        if cost <= bound:
            return "optimal"
        if budget.left() <= 0.01:
            return "deterministic_limit"
        if budget.wall_left() <= 0:
            return "wall_limit"
        if stalled >= STALL_STEPS:
            return "no_improvement"
        if classes <= WHOLE_PROBLEM_CLASSES:
            chosen = list(range(classes))
        elif step % 2 == 0:
            chosen = _complementary_pair(state)
        else:
            chosen = sorted(rng.sample(range(classes), 2))
        step += 1
        proven = _neighbourhood(structure, state, chosen, rng.randrange(2**31), budget)
        if proven:
            return "optimal"
        stalled = 0 if state.cost() < cost else stalled + 1


def _complementary_pair(state: State) -> list[int]:
    """The class that costs most, with the class that could best trade with it: the one with room where it
    has too many and to spare where it has too few, else the one whose main number deviates most the other
    way."""
    first = int(state.class_costs().argmax())
    counts = state.class_counts
    over = np.maximum(0, counts[first] - state.count_high)
    under = np.maximum(0, state.count_low - counts[first])
    room = np.maximum(0, state.count_high - counts)
    spare = np.maximum(0, counts - state.count_low)
    trade = (over * room).sum(axis=1) + (under * spare).sum(axis=1)
    opposite = -state.class_sums[:, 0] * np.sign(state.class_sums[first, 0])
    others = [c for c in range(state.classes) if c != first]
    second = max(others, key=lambda c: (int(trade[c]), int(opposite[c]), -c))
    return sorted([first, second])


def _neighbourhood(structure: Structure, state: State, chosen: Sequence[int], seed: int, budget: _Budget) -> bool:
    """Let CP-SAT re-place every movable unit of the `chosen` classes among them, the others staying where
    they are, starting from the current placement; keep the result when it is better. Returns whether CP-SAT
    proved the optimum of the whole problem (when the chosen classes are all the classes)."""
    classes = state.classes
    in_chosen = {c: j for j, c in enumerate(chosen)}
    free = [u for u in range(len(state.unit_class)) if int(state.unit_class[u]) in in_chosen and state.movable[u]]
    model = cp_model.CpModel()
    y = {u: [model.new_bool_var("") for _ in chosen] for u in free}
    for u in free:
        model.add_exactly_one(y[u])
        for j, c in enumerate(chosen):
            model.add_hint(y[u][j], int(state.unit_class[u]) == c)

    def column(j: int, per_unit: Sequence[int], totals: Sequence[int]) -> tuple[cp_model.LinearExprT, int]:
        """Σ over free units placed in chosen[j], and the constant part (what stays in the class)."""
        moving = sum(per_unit[u] for u in free if int(state.unit_class[u]) == chosen[j])
        expression = sum(per_unit[u] * y[u][j] for u in free if per_unit[u])
        return expression, int(totals[chosen[j]]) - moving

    sizes = state.size.tolist()
    for j in range(len(chosen)):
        expression, constant = column(j, sizes, state.class_sizes.tolist())
        model.add_linear_constraint(expression, state.low - constant, state.high - constant)
    for u in free:
        movable_mates = [m for m in state.mates[u] if m in y and m > u]
        for j, c in enumerate(chosen):
            if any(int(state.unit_class[m]) == c and not state.movable[m] for m in state.mates[u]):
                model.add(y[u][j] == 0)
            for mate in movable_mates:
                model.add_bool_or([y[u][j].negated(), y[mate][j].negated()])

    # Every auxiliary variable is hinted with its current value too, so the hint is complete and CP-SAT
    # starts from the current placement.
    terms: list[cp_model.LinearExprT] = []
    for g in range(state.counts.shape[1]):
        low, high = int(state.count_low[g]), int(state.count_high[g])
        per_unit = state.counts[:, g].tolist()
        for j, c in enumerate(chosen):
            expression, constant = column(j, per_unit, state.class_counts[:, g].tolist())
            now = int(state.class_counts[c, g])
            over = model.new_int_var(0, len(structure.students), "")
            under = model.new_int_var(0, low, "")
            model.add(over >= expression + constant - high)
            model.add(under >= low - constant - expression)
            model.add_hint(over, max(0, now - high))
            model.add_hint(under, max(0, low - now))
            terms.append(COUNT_WEIGHT * (over + under))
    for a in range(state.values.shape[1]):
        weight = int(state.weights[a])
        per_unit = state.values[:, a].tolist()
        sums = state.class_sums[:, a]
        bound = int(abs(state.values[:, a]).sum())
        outside = max((abs(int(sums[c])) for c in range(classes) if c not in in_chosen), default=0)
        worst = model.new_int_var(outside, bound, "")
        worst_now = outside
        for j, c in enumerate(chosen):
            expression, constant = column(j, per_unit, sums.tolist())
            now = abs(int(sums[c]))
            worst_now = max(worst_now, now)
            deviation = model.new_int_var(0, bound, "")
            model.add(deviation >= expression + constant)
            model.add(deviation >= -expression - constant)
            model.add(worst >= deviation)
            model.add_hint(deviation, now)
            terms.append(weight * deviation)
        model.add_hint(worst, worst_now)
        terms.append(weight * classes * worst)
    model.minimize(sum(terms))
    solver = budget.solver(seed, STEP_LIMIT)
    status = solver.solve(model)
    budget.charge(solver)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    before = state.cost()
    previous = {u: int(state.unit_class[u]) for u in free}
    for u in free:
        target = chosen[next(j for j in range(len(chosen)) if solver.boolean_value(y[u][j]))]
        if target != previous[u]:
            state.move(u, target)
    if state.cost() > before:  # CP-SAT stopped on something worse than its starting point: undo
        for u, c in previous.items():
            if int(state.unit_class[u]) != c:
                state.move(u, c)
        return False
    return status == cp_model.OPTIMAL and len(chosen) == classes


def _explain_infeasibility(structure: Structure) -> list[Violation]:
    """Name a set of together groups, apart groups and pre-assignments that cannot hold together.

    A second model places students one by one, with each of those constraints switched on by its own
    literal; solved under the assumption that all literals are true, CP-SAT returns a subset of them that
    is already infeasible (the sizes stay hard: they are what the other constraints conflict with).
    """
    model = cp_model.CpModel()
    students = structure.students
    classes = structure.classes
    x = [[model.new_bool_var(f"x{i}_{c}") for c in range(classes)] for i in range(len(students))]
    for row in x:
        model.add_exactly_one(row)
    low, high = structure.small_size, min(structure.largest_size, structure.max_size)
    for c in range(classes):
        model.add_linear_constraint(sum(row[c] for row in x), low, high)
    literals: dict[int, str] = {}

    def switch(key: str) -> cp_model.IntVar:
        literal = model.new_bool_var(key)
        literals[literal.index] = key
        return literal

    for u, members in enumerate(structure.units):
        if structure.unit_group[u] is not None:
            on = switch(f"together:{u}")
            for m in members[1:]:
                for c in range(classes):
                    model.add(x[m][c] == x[members[0]][c]).only_enforce_if(on)
        fixed = structure.unit_fixed[u]
        if fixed is not None:
            on = switch(f"fixed:{u}")
            for m in members:
                if students[m].fixed_class is not None:
                    model.add(x[m][fixed] == 1).only_enforce_if(on)
    for g, group in enumerate(structure.apart):
        on = switch(f"apart:{g}")
        for c in range(classes):
            model.add(sum(x[m][c] for m in group.members) <= 1).only_enforce_if(on)
    model.add_assumptions([model.get_bool_var_from_proto_index(index) for index in literals])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    status = solver.solve(model)
    culprits = [literals[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in literals]
    if status != cp_model.INFEASIBLE or not culprits:
        return [Violation("placement.infeasible", {})]
    params = {"constraints": _describe(structure, culprits)}
    ids = tuple(students[m].student_id for key in culprits for m in _members(structure, key))
    return [Violation("placement.infeasible_combination", params, ids)]


def _members(structure: Structure, key: str) -> tuple[int, ...]:
    kind, _, raw = key.partition(":")
    index = int(raw)
    return structure.apart[index].members if kind == "apart" else structure.units[index]


def _describe(structure: Structure, keys: Sequence[str]) -> str:
    students: Sequence[IntakeStudent] = structure.students
    parts = []
    for key in keys:
        kind, _, raw = key.partition(":")
        index = int(raw)
        who = "、".join(students[m].label() for m in _members(structure, key))
        if kind == "together":
            parts.append(f"同班组“{structure.unit_group[index]}”（{who}）须在同一班")
        elif kind == "fixed":
            parts.append(f"{who}指定在 {(structure.unit_fixed[index] or 0) + 1} 班")
        else:
            parts.append(f"{structure.apart[index].label}（{who}）须分在不同班")
    return "；".join(parts)
