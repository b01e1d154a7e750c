"""The hard constraints of a placement, in one structure the draft, the solver and the checks share.

Hard constraints (never traded against balance):

* every student in exactly one class, numbered 1..N, and no class empty;
* class sizes differ by at most one (so each holds ⌊S/N⌋ or ⌈S/N⌉ of the S students) and none exceeds the
  legal maximum;
* the members of a sibling group (同胞组) and each pair to keep apart are in different classes;
* the members of a together group (同班组) share one class;
* a pre-assigned student (指定班级) stays in that class.

Together groups are placed as one unit. `check_feasibility` finds every reason the constraints cannot hold
that can be named without solving (a group too large, conflicting pre-assignments …), naming the students
and their rows; `violations` lists the constraints an assignment breaks (after a move by hand).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zhiliang.core.placement.model import IntakeStudent, PlacementOptions, Violation


@dataclass(frozen=True)
class ApartGroup:
    """Students who must be in different classes: a sibling group (`name` is its value in the 同胞组
    column), or a pair from the options (`name` None)."""

    name: str | None
    members: tuple[int, ...]  # indexes into Structure.students

    @property
    def label(self) -> str:
        return f"同胞组“{self.name}”" if self.name is not None else "须分开名单"

    @property
    def label_en(self) -> str:
        return f"sibling group “{self.name}”" if self.name is not None else "pairs to keep apart"


@dataclass(frozen=True)
class Structure:
    students: tuple[IntakeStudent, ...]
    classes: int
    max_size: int
    units: tuple[tuple[int, ...], ...]  # students placed together (a together group, or one student)
    unit_of: tuple[int, ...]  # student index → unit index
    unit_group: tuple[str | None, ...]  # the together group's name, None for a single student
    unit_fixed: tuple[int | None, ...]  # 0-based class of a pre-assigned unit
    apart: tuple[ApartGroup, ...]

    @property
    def small_size(self) -> int:
        """⌊S/N⌋: the size of the smaller classes."""
        return len(self.students) // self.classes

    @property
    def large_classes(self) -> int:
        """How many classes hold one student more than ⌊S/N⌋."""
        return len(self.students) % self.classes

    @property
    def largest_size(self) -> int:
        return self.small_size + (1 if self.large_classes else 0)


def _names(students: Sequence[IntakeStudent]) -> str:
    return "、".join(student.label() for student in students)


def build_structure(students: Sequence[IntakeStudent], options: PlacementOptions) -> Structure:
    """Group the intake into units and apart groups (no checking: see `check_feasibility`)."""
    students = tuple(students)
    index = {student.student_id: i for i, student in enumerate(students)}
    groups: dict[str, list[int]] = {}
    units: list[tuple[int, ...]] = []
    unit_group: list[str | None] = []
    for i, student in enumerate(students):
        if student.together_group:
            groups.setdefault(student.together_group, []).append(i)
    unit_of = [-1] * len(students)
    for i, student in enumerate(students):
        if unit_of[i] != -1:
            continue
        members: tuple[int, ...] = tuple(groups[student.together_group]) if student.together_group else (i,)
        for member in members:
            unit_of[member] = len(units)
        units.append(members)
        unit_group.append(student.together_group)
    unit_fixed: list[int | None] = []
    for members in units:
        fixed = sorted({c for m in members if (c := students[m].fixed_class) is not None})
        unit_fixed.append(fixed[0] - 1 if len(fixed) == 1 and 1 <= fixed[0] <= options.classes else None)

    apart: list[ApartGroup] = []
    siblings: dict[str, list[int]] = {}
    for i, student in enumerate(students):
        if student.sibling_group:
            siblings.setdefault(student.sibling_group, []).append(i)
    for name, sibling_indexes in siblings.items():
        if len(sibling_indexes) > 1:
            apart.append(ApartGroup(name, tuple(sibling_indexes)))
    for first, second in options.apart_pairs:
        if first in index and second in index and first != second:
            apart.append(ApartGroup(None, (index[first], index[second])))
    return Structure(
        students=students,
        classes=options.classes,
        max_size=options.max_size,
        units=tuple(units),
        unit_of=tuple(unit_of),
        unit_group=tuple(unit_group),
        unit_fixed=tuple(unit_fixed),
        apart=tuple(apart),
    )


def check_feasibility(students: Sequence[IntakeStudent], options: PlacementOptions) -> list[Violation]:
    """Every reason the hard constraints cannot hold that shows without solving; empty when none does.

    What remains possible is a combination of constraints that only the solver finds impossible (together
    groups that cannot be packed into classes of the allowed sizes, for example); `solve` reports those.
    """
    found: list[Violation] = []
    total, classes = len(students), options.classes
    if total < classes:
        return [Violation("placement.too_few_students", {"students": total, "classes": classes})]
    needed = -(-total // classes)
    if needed > options.max_size:
        min_classes = -(-total // options.max_size)
        params: dict[str, object] = {
            "students": total,
            "classes": classes,
            "needed": needed,
            "max_size": options.max_size,
            "min_classes": min_classes,
        }
        found.append(Violation("placement.over_max_size", params))
    index = {student.student_id: student for student in students}
    for first, second in options.apart_pairs:
        for value in (first, second):
            if value not in index:
                found.append(Violation("placement.apart_unknown_student", {"value": value}))
        if first == second:
            found.append(Violation("placement.apart_same_student", {"value": first}))
    for student in students:
        if student.fixed_class is not None and not 1 <= student.fixed_class <= classes:
            params = {"student": student.label(), "value": student.fixed_class, "classes": classes}
            found.append(Violation("placement.fixed_class_out_of_range", params, (student.student_id,)))
    if found:
        return found

    structure = build_structure(students, options)
    found += _together_checks(structure, needed, total)
    found += _apart_checks(structure)
    found += _fixed_size_checks(structure, total)
    return found


def _together_checks(structure: Structure, limit: int, total: int) -> list[Violation]:
    found: list[Violation] = []
    students = structure.students
    for members, group in zip(structure.units, structure.unit_group, strict=True):
        if group is None:
            continue
        people = [students[m] for m in members]
        ids = tuple(s.student_id for s in people)
        if len(members) > limit:
            params: dict[str, object] = {
                "group": group,
                "count": len(members),
                "students": _names(people),
                "limit": limit,
                "total": total,
                "classes": structure.classes,
            }
            found.append(Violation("placement.together_group_too_large", params, ids))
        fixed = sorted({s.fixed_class for s in people if s.fixed_class is not None})
        if len(fixed) > 1:
            assignments = "、".join(f"{s.label()} → {s.fixed_class} 班" for s in people if s.fixed_class is not None)
            params = {"group": group, "assignments": assignments}
            found.append(Violation("placement.together_fixed_conflict", params, ids))
    return found


def _apart_checks(structure: Structure) -> list[Violation]:
    found: list[Violation] = []
    students = structure.students
    for group in structure.apart:
        if group.name is None and structure.classes < 2:
            params: dict[str, object] = {"students": _names([students[m] for m in group.members])}
            found.append(Violation("placement.apart_pair_one_class", params, _ids(structure, group.members)))
        elif len(group.members) > structure.classes:
            params = {
                "group": group.name,
                "count": len(group.members),
                "students": _names([students[m] for m in group.members]),
                "classes": structure.classes,
            }
            found.append(Violation("placement.sibling_group_too_large", params, _ids(structure, group.members)))
        by_unit: dict[int, list[int]] = {}
        for member in group.members:
            by_unit.setdefault(structure.unit_of[member], []).append(member)
        for unit, members in by_unit.items():
            if len(members) > 1:
                params = {
                    "students": _names([students[m] for m in members]),
                    "group": structure.unit_group[unit],
                    "reason": group.label,
                    "reason_en": group.label_en,
                }
                found.append(Violation("placement.together_and_apart", params, _ids(structure, members)))
        by_class: dict[int, list[int]] = {}
        for unit in by_unit:
            fixed = structure.unit_fixed[unit]
            if fixed is not None:
                by_class.setdefault(fixed, []).extend(by_unit[unit])
        for class_index, members in by_class.items():
            if len({structure.unit_of[m] for m in members}) > 1:
                params = {
                    "students": _names([students[m] for m in members]),
                    "reason": group.label,
                    "reason_en": group.label_en,
                    "class_number": class_index + 1,
                }
                found.append(Violation("placement.fixed_apart_conflict", params, _ids(structure, members)))
    return found


def _fixed_size_checks(structure: Structure, total: int) -> list[Violation]:
    found: list[Violation] = []
    per_class: dict[int, list[int]] = {}
    for unit, fixed in enumerate(structure.unit_fixed):
        if fixed is not None:
            per_class.setdefault(fixed, []).extend(structure.units[unit])
    largest = structure.largest_size
    for class_index in sorted(per_class):
        members = per_class[class_index]
        if len(members) > largest:
            params: dict[str, object] = {
                "class_number": class_index + 1,
                "count": len(members),
                "limit": largest,
                "students": _names([structure.students[m] for m in members]),
            }
            found.append(Violation("placement.fixed_over_size", params, _ids(structure, members)))
    full = sorted(c for c, members in per_class.items() if len(members) == largest)
    if structure.large_classes and len(full) > structure.large_classes:
        params = {
            "full": len(full),
            "limit": largest,
            "class_numbers": "、".join(str(c + 1) for c in full),
            "total": total,
            "classes": structure.classes,
            "allowed": structure.large_classes,
        }
        found.append(Violation("placement.fixed_too_many_full", params))
    return found


def _ids(structure: Structure, members: Sequence[int]) -> tuple[str, ...]:
    return tuple(structure.students[m].student_id for m in members)


def violations(
    students: Sequence[IntakeStudent], options: PlacementOptions, assignment: Mapping[str, int]
) -> list[Violation]:
    """The hard constraints that `assignment` (学籍号 → class 1..N) breaks; empty when it keeps them all."""
    found: list[Violation] = []
    classes = options.classes
    sizes = [0] * classes
    for student in students:
        number = assignment.get(student.student_id)
        if number is None or not 1 <= number <= classes:
            params: dict[str, object] = {"student": student.label()}
            found.append(Violation("placement.violation.unassigned", params, (student.student_id,)))
            continue
        sizes[number - 1] += 1
        if student.fixed_class is not None and student.fixed_class != number:
            params = {"student": student.label(), "fixed": student.fixed_class, "class_number": number}
            found.append(Violation("placement.violation.fixed_moved", params, (student.student_id,)))
    if max(sizes) - min(sizes) > 1:
        params = {"spread": max(sizes) - min(sizes), "largest": max(sizes), "smallest": min(sizes)}
        found.append(Violation("placement.violation.size_spread", params))
    for number, size in enumerate(sizes, start=1):
        if size == 0:
            found.append(Violation("placement.violation.empty_class", {"class_number": number}))
        if size > options.max_size:
            params = {"class_number": number, "size": size, "max_size": options.max_size}
            found.append(Violation("placement.violation.over_max", params))
    structure = build_structure(students, options)
    for group in structure.apart:
        by_class: dict[int, list[IntakeStudent]] = {}
        for member in group.members:
            student = structure.students[member]
            if student.student_id in assignment:
                by_class.setdefault(assignment[student.student_id], []).append(student)
        for number, together in sorted(by_class.items()):
            if len(together) > 1:
                ids = tuple(s.student_id for s in together)
                params = {"students": _names(together), "class_number": number}
                if group.name is None:
                    found.append(Violation("placement.violation.apart_together", params, ids))
                else:
                    params["group"] = group.name
                    found.append(Violation("placement.violation.siblings_together", params, ids))
    for members, group_name in zip(structure.units, structure.unit_group, strict=True):
        if group_name is None:
            continue
        placed = {assignment.get(structure.students[m].student_id) for m in members}
        if len(placed) > 1:
            assignments = "、".join(
                f"{structure.students[m].label()} → {assignment.get(structure.students[m].student_id)} 班"
                for m in members
            )
            params = {"group": group_name, "assignments": assignments}
            found.append(Violation("placement.violation.together_split", params, _ids(structure, members)))
    return found
