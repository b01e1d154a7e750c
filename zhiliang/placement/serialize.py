"""Between the core's dataclasses and the JSON stored on a `PlacementRun`."""

import dataclasses
import datetime
from typing import Any

from zhiliang.core.placement import IntakeStudent, PlacementOptions, SolverReport, Violation


def student_to_json(student: IntakeStudent) -> dict[str, Any]:
    data = dataclasses.asdict(student)
    data["subjects"] = dict(student.subjects)
    data["birth_date"] = student.birth_date.isoformat() if student.birth_date else None
    return data


def student_from_json(data: dict[str, Any]) -> IntakeStudent:
    values = dict(data)
    values["birth_date"] = datetime.date.fromisoformat(values["birth_date"]) if values.get("birth_date") else None
    values["subjects"] = dict(values.get("subjects") or {})
    return IntakeStudent(**values)


def report_to_json(report: SolverReport) -> dict[str, Any]:
    return dataclasses.asdict(report)


def report_from_json(data: dict[str, Any]) -> SolverReport | None:
    return SolverReport(**data) if data else None


def violation_to_json(violation: Violation) -> dict[str, Any]:
    return {"code": violation.code, "params": dict(violation.params), "students": list(violation.students)}


def violation_from_json(data: dict[str, Any]) -> Violation:
    return Violation(data["code"], data.get("params", {}), tuple(data.get("students", ())))


def options_of(run: Any) -> PlacementOptions:
    return PlacementOptions(
        classes=run.classes,
        max_size=run.max_size,
        seed=run.seed,
        time_limit=run.time_limit,
        bands=run.bands,
        apart_pairs=tuple((first, second) for first, second in run.apart_pairs),
    )


def assignment_of(data: dict[str, Any]) -> dict[str, int]:
    return {str(key): int(value) for key, value in data.items()}
