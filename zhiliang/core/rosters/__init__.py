"""Rosters (名册) of schools, teachers, classes, students and teaching assignments: their columns, how their
cells are read and the checks that need no database (see docs/rosters.md)."""

from zhiliang.core.rosters.checks import GRADE_NAMES, age_on
from zhiliang.core.rosters.columns import ROSTERS, RosterColumn, RosterSpec
from zhiliang.core.rosters.reading import Context, RosterFile, RosterRecord, read_roster
from zhiliang.core.rosters.values import FieldError

__all__ = [
    "GRADE_NAMES",
    "ROSTERS",
    "Context",
    "FieldError",
    "RosterColumn",
    "RosterFile",
    "RosterRecord",
    "RosterSpec",
    "age_on",
    "read_roster",
]
