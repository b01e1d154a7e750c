"""Finding the students of a score file in the database.

A row is matched, in this order, by
1. 学籍号 (the national student number, the same in every exam);
2. the exam number (考号/准考证号) when this exam has a mapping for it (`ExamNumber`: recorded the first time
   a marking-system export was matched by name, so later corrected exports match by number);
3. school + class + name among the students of the exam's classes. Two students of the same name in the
   class are an ambiguity, reported so the school adds the 学籍号, never guessed.

A student matched by 学籍号 whose name in the file differs from the database is reported too: a wrong id
would otherwise put one child's scores on another's record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhiliang.core.tabular import normalize_text
from zhiliang.exams.models import Exam, ExamNumber
from zhiliang.exams.services import exam_schools
from zhiliang.org.models import School, grade_name
from zhiliang.people.models import ClassMembership

BY_NUMBER = "student_number"
BY_EXAM_NUMBER = "exam_number"
BY_NAME = "name"

_GRADE_WORDS = re.compile(
    r"^(初[一二三]|高[一二三]|[一二三四五六七八九]年级|\d{1,2}\s*年级|[一二三四五六七八九]年|[一二三四五六七八九](?=[(（\d]))"
)
_GRADE_DOT_CLASS = re.compile(r"^\d{1,2}\s*[.\-·]\s*(\d{1,2})$")
_CLASS_NOISE = re.compile(r"[()（）\[\]【】班级\s.\-·]")


@dataclass(frozen=True)
class Enrolled:
    """A student of the exam's classes: id, name, school, class, grade."""

    student_id: int
    student_number: str
    name: str
    school_id: int
    school_name: str
    class_id: int
    class_label: str
    class_number: int
    grade: int


@dataclass
class Roster:
    """The students who may sit the exam, indexed for matching."""

    by_id: dict[int, Enrolled] = field(default_factory=dict)
    by_number: dict[str, Enrolled] = field(default_factory=dict)
    by_exam_number: dict[str, Enrolled] = field(default_factory=dict)
    by_name: dict[tuple[int, int, str], list[Enrolled]] = field(default_factory=dict)  # (school, class number, name)
    school_names: dict[str, int] = field(default_factory=dict)


def load_roster(exam: Exam, grades: Iterable[int]) -> Roster:
    """Students in the exam's classes this school year (two queries, plus one for exam numbers)."""
    roster = Roster()
    memberships = ClassMembership.objects.filter(
        exam_schools(exam, "school_class__school__"),
        school_year_id=exam.term.school_year_id,
        school_class__grade__in=list(grades),
    ).values_list(
        "student_id",
        "student__student_number",
        "student__name",
        "school_class__school_id",
        "school_class__school__name",
        "school_class_id",
        "school_class__name",
        "school_class__number",
        "school_class__grade",
    )
    for student_id, number, name, school_id, school, class_id, class_name, class_number, grade in memberships:
        label = class_name or f"{grade_name(grade)}({class_number})班"
        enrolled = Enrolled(student_id, number, name, school_id, school, class_id, label, class_number, grade)
        roster.by_id[student_id] = enrolled
        roster.by_number[number] = enrolled
        roster.by_name.setdefault((school_id, class_number, _name_key(name)), []).append(enrolled)
    for school_id, name, short_name in School.objects.filter(exam_schools(exam)).values_list(
        "id", "name", "short_name"
    ):
        roster.school_names[_name_key(name)] = school_id
        if short_name:
            roster.school_names.setdefault(_name_key(short_name), school_id)
    for number, student_id in ExamNumber.objects.filter(exam=exam).values_list("number", "student_id"):
        if student_id in roster.by_id:
            roster.by_exam_number[number] = roster.by_id[student_id]
    return roster


def _name_key(text: str | None) -> str:
    return "".join(normalize_text(text or "").split())


def class_number(text: str | None, grade: int | None = None) -> int | None:
    """The class number in a label as schools write it: 七年级(3)班, 初一3班, 3班, (3), 3, 0703 or 703."""
    raw = normalize_text(text or "").strip()
    if not raw:
        return None
    raw = _GRADE_WORDS.sub("", raw)
    dotted = _GRADE_DOT_CLASS.match(raw)
    if dotted:
        return int(dotted.group(1)) or None
    stripped = _CLASS_NOISE.sub("", raw)
    if not stripped.isdigit():
        return None
    if len(stripped) >= 3 and grade is not None:
        prefix, rest = stripped[:-2].lstrip("0"), stripped[-2:]
        if prefix == str(grade):
            return int(rest)
    number = int(stripped)
    return number if number > 0 else None


@dataclass(frozen=True)
class Match:
    student: Enrolled | None
    how: str = ""
    problem: str = ""  # a problem code of `zhiliang.exams.importer` when not matched
    params: dict[str, object] = field(default_factory=dict)


def match_student(
    roster: Roster, *, student_id: str | None, name: str | None, school: str | None, class_text: str | None
) -> Match:
    """Find one row's student in the roster (see the module docstring for the order)."""
    key = (student_id or "").strip()
    if key and key in roster.by_number:
        found = roster.by_number[key]
        if name and _name_key(name) != _name_key(found.name):
            return Match(
                None, problem="name_mismatch", params={"student_id": key, "expected": found.name, "value": name}
            )
        return Match(found, BY_NUMBER)
    if key and key in roster.by_exam_number:
        return Match(roster.by_exam_number[key], BY_EXAM_NUMBER)
    if not name:
        return Match(None, problem="unknown_student", params={"student_id": key, "name": ""})
    school_id = roster.school_names.get(_name_key(school)) if school else None
    if school_id is None:
        school_ids = set(roster.school_names.values())
        if school and len(school_ids) != 1:
            return Match(None, problem="unknown_school", params={"school": school})
        if len(school_ids) != 1:
            return Match(None, problem="unknown_student", params={"student_id": key, "name": name})
        school_id = next(iter(school_ids))
    candidates = _candidates(roster, school_id, class_text, name)
    if len(candidates) == 1:
        return Match(candidates[0], BY_NAME)
    if len(candidates) > 1:
        return Match(
            None,
            problem="ambiguous_student",
            params={"name": name, "class": class_text or "", "count": len(candidates)},
        )
    return Match(None, problem="unknown_student", params={"student_id": key, "name": name})


def _candidates(roster: Roster, school_id: int, class_text: str | None, name: str) -> list[Enrolled]:
    grades = {e.grade for e in roster.by_id.values() if e.school_id == school_id} or {None}
    numbers = {class_number(class_text, grade) for grade in grades}  # type: ignore[arg-type]
    found: dict[int, Enrolled] = {}
    for number in numbers - {None}:
        for enrolled in roster.by_name.get((school_id, number, _name_key(name)), []):  # type: ignore[arg-type]
            if len(grades) == 1 or class_number(class_text, enrolled.grade) == enrolled.class_number:
                found[enrolled.student_id] = enrolled
    return list(found.values())
