"""Balanced class placement (均衡分班): split a new intake into parallel classes that are equal in size, sex,
entry attainment, flagged students and feeder schools, under hard constraints (docs/placement.md)."""

from zhiliang.core.placement.constraints import check_feasibility, violations
from zhiliang.core.placement.draft import serpentine
from zhiliang.core.placement.intake import Intake, read_intake
from zhiliang.core.placement.messages import violation_message
from zhiliang.core.placement.model import (
    JUNIOR_MAX_SIZE,
    PRIMARY_MAX_SIZE,
    ClassStats,
    IntakeStudent,
    Placement,
    PlacementOptions,
    PlacementOutcome,
    Quality,
    SolverReport,
    Violation,
)
from zhiliang.core.placement.place import place
from zhiliang.core.placement.solve import PlacementInfeasible
from zhiliang.core.placement.stats import describe

__all__ = [
    "JUNIOR_MAX_SIZE",
    "PRIMARY_MAX_SIZE",
    "ClassStats",
    "Intake",
    "IntakeStudent",
    "Placement",
    "PlacementInfeasible",
    "PlacementOptions",
    "PlacementOutcome",
    "Quality",
    "SolverReport",
    "Violation",
    "check_feasibility",
    "describe",
    "place",
    "read_intake",
    "serpentine",
    "violation_message",
    "violations",
]
