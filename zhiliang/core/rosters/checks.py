"""Checks of each roster kind across the columns of a row and across rows (no database needed).

Decisions (docs/rosters.md):

* A student's age at the start of the school year must lie between grade + 3 and grade + 12 years (grade 7:
  10 to 19). Pupils normally start grade 1 at 6 (义务教育法 第十一条), so grade g is normally g + 5; the
  margin leaves room for early and late entry and repeated years while catching typing errors (a birth year
  of 2023 in grade 7).
* An ID number decides sex and birth date: when the file also gives them they must agree, when it does not
  they are taken from the ID number.
* An entry date must be at least three years after the birth date and at most a year from today.
* A teacher is between 18 and 70 years old today.
"""

import datetime
from collections.abc import Callable

from zhiliang.core.ids import InvalidIdNumber, mask_id_number, validate_id_number
from zhiliang.core.rosters import values
from zhiliang.core.rosters.reading import Context, RosterFile, RosterRecord, duplicates, key_text

GRADE_NAMES = {
    1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
    7: "七年级", 8: "八年级", 9: "九年级", 10: "高一", 11: "高二", 12: "高三",
}  # fmt: skip
SEX_LABELS = {"M": "男", "F": "女"}

MIN_AGE_OVER_GRADE = 3
MAX_AGE_OVER_GRADE = 12
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Whole years between `birth` and `day` (a birthday on 29 February counts on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _class_and_grade(roster: RosterFile, record: RosterRecord) -> None:
    """Read the class cell together with the grade: "七年级(3)班" gives both; they must agree."""
    grade = record.values.get("grade")
    if "class" in record.bad:
        return
    try:
        parsed = values.school_class(record.values.get("class"), grade if isinstance(grade, int) else None)  # type: ignore[arg-type]
    except values.FieldError as error:
        roster.add(record, "class", error.code, **error.params)
        record.bad.add("class")
        record.values["class"] = None
        return
    if parsed is None:
        record.values["class"] = None
        return
    class_grade, number = parsed
    if class_grade is not None and isinstance(grade, int) and class_grade != grade:
        roster.add(record, "class", "roster.grade_class_mismatch", value=record.texts["class"], grade=grade)
        record.bad.add("class")
        return
    if grade is None and class_grade is not None:
        record.values["grade"] = class_grade
    record.values["class"] = number
    if record.values.get("grade") is None and "grade" not in record.bad:
        roster.add(record, "grade", "roster.grade_missing")
        record.bad.add("grade")


def _school_key(record: RosterRecord) -> str | None:
    school = record.values.get("school")
    return key_text(school) if isinstance(school, str) else ""


def check_students(roster: RosterFile, context: Context) -> None:
    for record in roster.records:
        _class_and_grade(roster, record)
        _student_identity(roster, record, context)
        _student_dates(roster, record, context)
    rows = {record.row: record for record in roster.records}
    duplicates(
        roster,
        {row: record.values.get("student_number") for row, record in rows.items()},
        column="student_number",
        what="学籍号",
        what_en="Student number",
        value_of={row: record.texts.get("student_number", "") for row, record in rows.items()},
    )
    duplicates(
        roster,
        {row: record.values.get("id_number") for row, record in rows.items()},
        column="id_number",
        what="身份证号码",
        what_en="ID number",
        value_of={row: str(record.values.get("id_number_masked", "")) for row, record in rows.items()},
    )


def _student_identity(roster: RosterFile, record: RosterRecord, context: Context) -> None:
    raw = record.values.get("id_number")
    record.values["id_number"] = None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if record.values.get("sex") is None and "sex" not in record.bad:
            roster.add(record, "sex", "roster.sex_required")
            record.bad.add("sex")
        return
    try:
        info = validate_id_number(raw, today=context.today)  # type: ignore[arg-type]
    except InvalidIdNumber as error:
        roster.add(record, "id_number", error.code, **error.params)
        record.bad.add("id_number")
        return
    record.values["id_number"] = info.number
    record.values["id_number_masked"] = mask_id_number(info.number)
    id_sex = "M" if info.sex == "男" else "F"
    sex = record.values.get("sex")
    if sex is None:
        if "sex" not in record.bad:
            record.values["sex"] = id_sex
    elif sex != id_sex:
        roster.add(record, "sex", "roster.sex_differs_from_id", sex=SEX_LABELS[str(sex)], id_sex=info.sex)
        record.bad.add("sex")
    birth = record.values.get("birth_date")
    if birth is None:
        if "birth_date" not in record.bad:
            record.values["birth_date"] = info.birth_date
    elif birth != info.birth_date:
        roster.add(
            record,
            "birth_date",
            "roster.birth_differs_from_id",
            birth_date=str(birth),
            id_birth_date=info.birth_date.isoformat(),
        )
        record.bad.add("birth_date")


def _student_dates(roster: RosterFile, record: RosterRecord, context: Context) -> None:
    birth = record.values.get("birth_date")
    if isinstance(birth, datetime.date) and "birth_date" not in record.bad:
        if birth > context.today:
            roster.add(record, "birth_date", "roster.birth_in_future", birth_date=birth.isoformat())
            record.bad.add("birth_date")
        elif birth < EARLIEST_BIRTH:
            roster.add(record, "birth_date", "roster.birth_too_early", birth_date=birth.isoformat())
            record.bad.add("birth_date")
        else:
            grade = record.values.get("grade")
            if isinstance(grade, int):
                age = age_on(birth, context.year_start or context.today)
                low, high = grade + MIN_AGE_OVER_GRADE, grade + MAX_AGE_OVER_GRADE
                if not low <= age <= high:
                    roster.add(
                        record,
                        "birth_date",
                        "roster.age_grade_mismatch",
                        birth_date=birth.isoformat(),
                        age=age,
                        grade_name=GRADE_NAMES[grade],
                        low=low,
                        high=high,
                    )
                    record.bad.add("birth_date")
    entry = record.values.get("entry_date")
    if isinstance(entry, datetime.date) and "entry_date" not in record.bad:
        if entry > context.today + datetime.timedelta(days=366):
            roster.add(record, "entry_date", "roster.entry_in_future", entry_date=entry.isoformat())
            record.bad.add("entry_date")
        elif isinstance(birth, datetime.date) and age_on(birth, entry) < 3:
            roster.add(record, "entry_date", "roster.entry_before_birth", entry_date=entry.isoformat())
            record.bad.add("entry_date")


def check_teachers(roster: RosterFile, context: Context) -> None:
    for record in roster.records:
        birth = record.values.get("birth_date")
        if isinstance(birth, datetime.date) and not 18 <= age_on(birth, context.today) <= 70:
            roster.add(record, "birth_date", "roster.teacher_age", birth_date=birth.isoformat())
            record.bad.add("birth_date")
    duplicates(
        roster,
        {record.row: record.values.get("staff_number") for record in roster.records},
        column="staff_number",
        what="工号",
        what_en="Staff number",
        value_of={record.row: record.texts.get("staff_number", "") for record in roster.records},
    )


def _class_key(record: RosterRecord) -> tuple[object, ...] | None:
    grade, number = record.values.get("grade"), record.values.get("class")
    if grade is None or number is None:
        return None
    return (_school_key(record), grade, number)


def _class_label(record: RosterRecord) -> str:
    grade, number = record.values.get("grade"), record.values.get("class")
    school = record.texts.get("school", "")
    label = f"{GRADE_NAMES.get(grade, '') if isinstance(grade, int) else ''}({number})班"
    return f"{school} {label}".strip()


def check_classes(roster: RosterFile, context: Context) -> None:
    for record in roster.records:
        _class_and_grade(roster, record)
    duplicates(
        roster,
        {record.row: _class_key(record) for record in roster.records},
        column="class",
        what="班级",
        what_en="Class",
        value_of={record.row: _class_label(record) for record in roster.records},
    )


def check_assignments(roster: RosterFile, context: Context) -> None:
    for record in roster.records:
        _class_and_grade(roster, record)

    def key(record: RosterRecord) -> tuple[object, ...] | None:
        class_key = _class_key(record)
        subject = record.values.get("subject")
        if class_key is None or subject is None:
            return None
        return (*class_key, key_text(str(subject)), record.values.get("term"))

    duplicates(
        roster,
        {record.row: key(record) for record in roster.records},
        column="subject",
        what="班级和学科",
        what_en="Class and subject",
        value_of={
            record.row: f"{_class_label(record)} {record.texts.get('subject', '')}".strip() for record in roster.records
        },
    )


def check_schools(roster: RosterFile, context: Context) -> None:
    for record in roster.records:
        central, code, name = record.values.get("central"), record.values.get("code"), record.values.get("name")
        if isinstance(central, str) and key_text(central) in {key_text(str(code or "")), key_text(str(name or ""))}:
            roster.add(record, "central", "roster.own_central_school")
            record.bad.add("central")
    duplicates(
        roster,
        {record.row: record.values.get("code") for record in roster.records},
        column="code",
        what="学校代码",
        what_en="School code",
        value_of={record.row: record.texts.get("code", "") for record in roster.records},
    )
    duplicates(
        roster,
        {
            record.row: key_text(str(record.values["name"])) if record.values.get("name") else None
            for record in roster.records
        },
        column="name",
        what="学校名称",
        what_en="School name",
        value_of={record.row: record.texts.get("name", "") for record in roster.records},
    )


CHECKS: dict[str, Callable[[RosterFile, Context], None]] = {
    "schools": check_schools,
    "teachers": check_teachers,
    "classes": check_classes,
    "students": check_students,
    "assignments": check_assignments,
}
