"""`place`: check the hard constraints, draw the serpentine draft, optimise, describe both."""

from __future__ import annotations

from collections.abc import Sequence

from zhiliang.core.placement.constraints import build_structure, check_feasibility
from zhiliang.core.placement.draft import serpentine
from zhiliang.core.placement.model import IntakeStudent, PlacementOptions, PlacementOutcome
from zhiliang.core.placement.solve import PlacementInfeasible, solve
from zhiliang.core.placement.stats import describe


def place(students: Sequence[IntakeStudent], options: PlacementOptions) -> PlacementOutcome:
    """Place `students` into `options.classes` classes.

    Raises PlacementInfeasible, listing every impossible constraint with the students it concerns, before
    any solving when the problem shows without it, or after CP-SAT proves it. Never returns a placement
    that breaks a hard constraint.
    """
    if options.classes < 1:
        raise ValueError("classes must be at least 1")
    if options.bands < 1:
        raise ValueError("bands must be at least 1")
    problems = check_feasibility(students, options)
    if problems:
        raise PlacementInfeasible(problems)
    balance_birth = options.balance_birth and any(s.birth_date is not None for s in students)
    draft_assignment = serpentine(students, options.classes)
    structure = build_structure(students, options)
    assignment, report = solve(
        structure,
        hint=draft_assignment,
        seed=options.seed,
        time_limit=options.time_limit,
        bands=options.bands,
        balance_birth=balance_birth,
    )
    classes, bands = options.classes, options.bands
    return PlacementOutcome(
        placement=describe(students, assignment, classes, bands=bands, method="cp-sat", solver=report),
        draft=describe(students, draft_assignment, classes, bands=bands, method="serpentine"),
    )
