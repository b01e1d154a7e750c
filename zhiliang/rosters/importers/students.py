"""Student roster import: students, their protected ID numbers, their class this school year, and the
enrolment events that explain how they came to the school.

What a row does (docs/rosters.md has the reasoning):

* a new 学籍号 creates the student, its class membership for the current school year and an "enrol" event;
* a student of the same school is updated (name, sex, birth date, ID number, entry date, class, 学号); a
  blank cell keeps what is stored;
* a student enrolled (or suspended) at another school: when the user manages both schools (bureau
  administrator, central school with its teaching points) the row moves the student ("transfer": transfer-out
  and transfer-in events); otherwise it is a problem asking the other school to record the transfer first;
* a student who transferred out, dropped out, or graduated from another school (primary → junior middle)
  enters the school: "transfer_in" or "enrol" with the matching event. A student who graduated from this
  very school is refused (probably last year's file).

Imports never delete: students missing from the file are left as they are.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from zhiliang.core.rosters import GRADE_NAMES
from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.org.models import SchoolClass
from zhiliang.people.idcards import id_number_digest, protect_id_number
from zhiliang.people.models import ClassMembership, EnrollmentEvent, EnrollmentEventKind, Student, StudentStatus
from zhiliang.rosters.importers.base import (
    Plan,
    RowPlan,
    Schools,
    actor,
    current_year,
    date_text,
    in_chunks,
    progress_every,
    read_job,
    today,
)

KIND = "students"
IMPORT_REASON = "名册导入"
SEX_LABELS = {"M": "男", "F": "女"}
FIELD_LABELS = {
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "entry_date": "入学日期",
    "id_number": "身份证号",
    "class": "班级",
    "seat_number": "学号",
}


def build_plan(job: ImportJob) -> Plan:
    year = current_year(job)
    roster = read_job(job, KIND, year=year)
    plan = Plan(roster)
    if not roster.records:
        return plan
    if year is None:
        roster.add(None, None, "roster.no_current_year")
        return plan
    report_progress(20, gettext_noop("正在核对学校和班级"))
    schools = Schools(job)
    classes = {
        (cls.school_id, cls.grade, cls.number): cls
        for cls in SchoolClass.objects.filter(school__county_id=job.county_id, school_year=year)
    }
    existing = {
        student.student_number: student
        for student in in_chunks(
            (record.values.get("student_number") for record in roster.records),
            lambda part: Student.objects.filter(county_id=job.county_id, student_number__in=part),
        )
    }
    for student in existing.values():
        student.school = schools.by_id[student.school_id]  # one query for all schools, not one per student
    memberships = {
        membership.student_id: membership
        for membership in in_chunks(
            (student.pk for student in existing.values()),
            lambda part: ClassMembership.objects.filter(school_year=year, student_id__in=part),
        )
    }
    digests: dict[int, str] = {}
    new_digests = set()  # digests not already held by the row's own student: the only ones to look up
    for record in roster.records:
        if record.values.get("id_number"):
            digest = id_number_digest(str(record.values["id_number"]))
            digests[record.row] = digest
            own = existing.get(str(record.values.get("student_number")))
            if own is None or own.id_number_digest != digest:
                new_digests.add(digest)
    owners = {
        student.id_number_digest: student
        for student in in_chunks(
            new_digests,
            lambda part: Student.objects.filter(county_id=job.county_id, id_number_digest__in=part).select_related(
                "school"
            ),
        )
    }
    plan.data.update(year=year, memberships=memberships)
    report_progress(50, gettext_noop("正在核对学生"))
    for record in roster.records:
        if record.bad:  # already reported; the file will not be applied
            continue
        row = _plan_row(plan, record, schools, classes, existing, memberships, digests.get(record.row), owners)
        if row is not None:
            plan.rows.append(row)
    return plan


def _plan_row(
    plan: Plan,
    record: Any,
    schools: Schools,
    classes: dict[tuple[int, int, int], SchoolClass],
    existing: dict[str, Student],
    memberships: dict[int, ClassMembership],
    digest: str | None,
    owners: dict[str, Student],
) -> RowPlan | None:
    roster = plan.roster
    values = record.values
    school = schools.resolve(roster, record)
    if school is None:
        return None
    grade, number = values["grade"], values["class"]
    if not school.serves_grade(grade):
        roster.add(record, "grade", "roster.grade_not_served", school=school.name, grade_name=GRADE_NAMES[grade])
        return None
    school_class = classes.get((school.pk, grade, number))
    if school_class is None:
        roster.add(
            record, "class", "roster.unknown_class", school=school.name, grade_name=GRADE_NAMES[grade], number=number
        )
        return None
    student = existing.get(values["student_number"])
    if digest is not None:
        owner = owners.get(digest)
        if owner is not None and owner.student_number != values["student_number"]:
            masked = values.get("id_number_masked", "")
            if schools.may_manage(owner.school):
                roster.add(
                    record,
                    "id_number",
                    "roster.id_number_taken_by",
                    value=masked,
                    school=owner.school.name,
                    number=owner.student_number,
                )
            else:
                roster.add(record, "id_number", "roster.id_number_taken", value=masked)
            return None

    sample = {
        "学籍号": values["student_number"],
        "姓名": values["name"],
        "性别": SEX_LABELS.get(values.get("sex") or "", ""),
        "出生日期": date_text(values.get("birth_date")),
        "身份证号": values.get("id_number_masked") or "",
        "学校": school.display_name,
        "班级": school_class.display_name,
    }
    payload: dict[str, Any] = {"school": school, "class": school_class, "events": []}
    if student is None:
        return RowPlan(record, "create", sample, payload)

    action = _entry_action(plan, record, student, school, schools, payload)
    if action is None:
        return None
    changes = _changes(student, values, digest, memberships.get(student.pk), school_class)
    payload["changes"] = changes
    payload["student"] = student
    if action == "update" and not changes:
        action = "unchanged"
    sample["变更"] = "、".join(FIELD_LABELS[name] for name in changes if name in FIELD_LABELS)
    return RowPlan(record, action, sample, payload)


def _entry_action(
    plan: Plan, record: Any, student: Student, school: Any, schools: Schools, payload: dict[str, Any]
) -> str | None:
    """How an existing student comes to (or stays in) `school`; None after adding a problem."""
    roster = plan.roster
    same_school = student.school_id == school.pk
    events: list[tuple[str, Any, str, str]] = payload["events"]  # (kind, school, other school, reason)
    if student.status in (StudentStatus.ENROLLED, StudentStatus.SUSPENDED):
        if same_school:
            return "update"
        if not schools.may_manage(student.school):
            roster.add(
                record,
                "student_number",
                "roster.student_in_other_school",
                value=student.student_number,
                school=student.school.name,
            )
            return None
        events.append((EnrollmentEventKind.TRANSFER_OUT, student.school, school.name, IMPORT_REASON))
        events.append((EnrollmentEventKind.TRANSFER_IN, school, student.school.name, IMPORT_REASON))
        return "transfer"
    if student.status == StudentStatus.GRADUATED:
        if same_school:
            roster.add(record, "student_number", "roster.student_graduated_here", value=student.student_number)
            return None
        events.append((EnrollmentEventKind.ENROL, school, student.school.name, "升学（名册导入）"))
        return "enrol"
    if student.status == StudentStatus.TRANSFERRED_OUT:
        other = "" if same_school else student.school.name
        events.append((EnrollmentEventKind.TRANSFER_IN, school, other, IMPORT_REASON))
        return "transfer_in"
    events.append((EnrollmentEventKind.ENROL, school, "", "重新入学（名册导入）"))  # dropped out before
    return "enrol"


def _changes(
    student: Student,
    values: dict[str, Any],
    digest: str | None,
    membership: ClassMembership | None,
    school_class: SchoolClass,
) -> list[str]:
    changes = [
        name
        for name in ("name", "sex", "birth_date", "entry_date")
        if values.get(name) is not None and getattr(student, name) != values[name]
    ]
    if digest is not None and digest != student.id_number_digest:
        changes.append("id_number")
    if membership is None or membership.school_class_id != school_class.pk or membership.left_on is not None:
        changes.append("class")
    seat = values.get("seat_number")
    if seat is not None and (membership is None or membership.seat_number != seat):
        changes.append("seat_number")
    return changes


def apply_plan(plan: Plan, job: ImportJob) -> dict[str, int]:
    year = plan.data["year"]
    memberships: dict[int, ClassMembership] = plan.data["memberships"]
    user = actor(job)
    day = today()
    new_students: list[tuple[RowPlan, Student]] = []
    updated: list[Student] = []
    new_memberships: list[ClassMembership] = []
    changed_memberships: list[ClassMembership] = []
    events: list[EnrollmentEvent] = []
    report = progress_every(len(plan.rows), gettext_noop("正在写入学生"), end=60)

    for done, row in enumerate(plan.rows):
        if done % 500 == 0:
            report(done)
        values, payload = row.record.values, row.payload
        if row.action == "unchanged":
            continue
        if row.action == "create":
            student = Student(
                county_id=job.county_id,
                student_number=values["student_number"],
                name=values["name"],
                sex=values["sex"],
                birth_date=values.get("birth_date"),
                school=payload["school"],
                entry_date=values.get("entry_date"),
                **protect_id_number(values.get("id_number") or ""),
            )
            new_students.append((row, student))
            continue
        student = payload["student"]
        for name in ("name", "sex", "birth_date", "entry_date"):
            if values.get(name) is not None:
                setattr(student, name, values[name])
        if "id_number" in payload["changes"]:
            for name, value in protect_id_number(values["id_number"]).items():
                setattr(student, name, value)
        if row.action != "update":  # the student comes to this school
            student.school = payload["school"]
            student.status = StudentStatus.ENROLLED
            student.exit_date = None
        updated.append(student)
        _place(student, row, year, memberships, new_memberships, changed_memberships)
        for kind, school, other, reason in payload["events"]:
            events.append(
                EnrollmentEvent(
                    student=student,
                    kind=kind,
                    date=day,
                    school=school,
                    school_class=payload["class"] if school == payload["school"] else None,
                    other_school=other,
                    reason=reason,
                    recorded_by=user,
                )
            )

    report_progress(60, gettext_noop("正在保存新学生"))
    Student.objects.bulk_create([student for _row, student in new_students], batch_size=1000)
    for row, student in new_students:
        new_memberships.append(
            ClassMembership(
                student=student,
                school_class=row.payload["class"],
                school_year=year,
                seat_number=row.record.values.get("seat_number"),
            )
        )
        events.append(
            EnrollmentEvent(
                student=student,
                kind=EnrollmentEventKind.ENROL,
                date=row.record.values.get("entry_date") or day,
                school=row.payload["school"],
                school_class=row.payload["class"],
                reason=IMPORT_REASON,
                recorded_by=user,
            )
        )
    report_progress(75, gettext_noop("正在保存修改"))
    if updated:
        now = timezone.now()
        for student in updated:
            student.updated_at = now
        Student.objects.bulk_update(
            updated,
            [
                "name",
                "sex",
                "birth_date",
                "entry_date",
                "id_number_encrypted",
                "id_number_digest",
                "id_number_masked",
                "school",
                "status",
                "exit_date",
                "updated_at",
            ],
            batch_size=1000,
        )
    ClassMembership.objects.bulk_update(
        changed_memberships, ["school_class", "seat_number", "left_on"], batch_size=1000
    )
    report_progress(90, gettext_noop("正在保存班级和学籍变动"))
    ClassMembership.objects.bulk_create(new_memberships, batch_size=1000)
    EnrollmentEvent.objects.bulk_create(events, batch_size=1000)
    return plan.summary()


def _place(
    student: Student,
    row: RowPlan,
    year: Any,
    memberships: dict[int, ClassMembership],
    new_memberships: list[ClassMembership],
    changed_memberships: list[ClassMembership],
) -> None:
    """Put the student in the row's class for the year (create or change the one membership of the year)."""
    seat = row.record.values.get("seat_number")
    membership = memberships.get(student.pk)
    if membership is None:
        new_memberships.append(
            ClassMembership(student=student, school_class=row.payload["class"], school_year=year, seat_number=seat)
        )
        return
    moved = membership.school_class_id != row.payload["class"].pk or membership.left_on is not None
    if moved or (seat is not None and membership.seat_number != seat):
        membership.school_class = row.payload["class"]
        membership.left_on = None  # back in a class (a pupil who had left this year and returns)
        if seat is not None:
            membership.seat_number = seat
        changed_memberships.append(membership)
