"""Class roster import: the classes of the current school year, their names and head teachers (班主任).

Classes of later years come from year-end promotion (升级), which links each class to the one it came from.
A blank name or head-teacher cell keeps what is stored. A head teacher must be a teacher of the same school.
"""

from typing import Any

from django.utils.translation import gettext_noop

from zhiliang.core.rosters import GRADE_NAMES
from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.org.models import SchoolClass
from zhiliang.people.models import Teacher
from zhiliang.rosters.importers.base import Plan, RowPlan, Schools, current_year, in_chunks, read_job

KIND = "classes"


def build_plan(job: ImportJob) -> Plan:
    year = current_year(job)
    roster = read_job(job, KIND, year=year)
    plan = Plan(roster)
    if not roster.records:
        return plan
    if year is None:
        roster.add(None, None, "roster.no_current_year")
        return plan
    plan.data["year"] = year
    schools = Schools(job)
    classes = {
        (cls.school_id, cls.grade, cls.number): cls
        for cls in SchoolClass.objects.filter(school__county_id=job.county_id, school_year=year)
    }
    teachers = {
        teacher.staff_number: teacher
        for teacher in in_chunks(
            (record.values.get("head_teacher") for record in roster.records),
            lambda part: Teacher.objects.filter(county_id=job.county_id, staff_number__in=part).select_related(
                "school"
            ),
        )
    }
    report_progress(50, gettext_noop("正在核对班级"))
    for record in roster.records:
        if record.bad:
            continue
        school = schools.resolve(roster, record)
        if school is None:
            continue
        grade, number = record.values["grade"], record.values["class"]
        if not school.serves_grade(grade):
            roster.add(record, "grade", "roster.grade_not_served", school=school.name, grade_name=GRADE_NAMES[grade])
            continue
        head = None
        staff_number = record.values.get("head_teacher")
        if staff_number:
            head = teachers.get(staff_number)
            if head is None:
                roster.add(record, "head_teacher", "roster.unknown_teacher", value=staff_number)
                continue
            if head.school_id != school.pk:
                roster.add(
                    record,
                    "head_teacher",
                    "roster.head_teacher_other_school",
                    value=staff_number,
                    school=head.school.name,
                )
                continue
        name = record.values.get("name")
        existing = classes.get((school.pk, grade, number))
        sample = {
            "学校": school.display_name,
            "年级": GRADE_NAMES[grade],
            "班号": str(number),
            "班级名称": name or f"{GRADE_NAMES[grade]}({number})班",
            "班主任": head.name if head else "",
        }
        payload: dict[str, Any] = {"school": school, "grade": grade, "number": number, "name": name, "head": head}
        if existing is None:
            plan.rows.append(RowPlan(record, "create", sample, payload))
            continue
        changes = []
        if name is not None and existing.name != name:
            changes.append("班级名称")
        if head is not None and existing.head_teacher_id != head.pk:
            changes.append("班主任")
        sample["变更"] = "、".join(changes)
        payload["class"] = existing
        plan.rows.append(RowPlan(record, "update" if changes else "unchanged", sample, payload))
    return plan


def apply_plan(plan: Plan, job: ImportJob) -> dict[str, int]:
    year = plan.data["year"]
    new: list[SchoolClass] = []
    updated: list[SchoolClass] = []
    for row in plan.rows:
        payload = row.payload
        if row.action == "create":
            new.append(
                SchoolClass(
                    school=payload["school"],
                    school_year=year,
                    grade=payload["grade"],
                    number=payload["number"],
                    name=payload["name"] or "",
                    head_teacher=payload["head"],
                )
            )
        elif row.action == "update":
            school_class = payload["class"]
            if payload["name"] is not None:
                school_class.name = payload["name"]
            if payload["head"] is not None:
                school_class.head_teacher = payload["head"]
            updated.append(school_class)
    report_progress(50, gettext_noop("正在写入班级"))
    SchoolClass.objects.bulk_create(new, batch_size=1000)
    SchoolClass.objects.bulk_update(updated, ["name", "head_teacher"], batch_size=1000)
    return plan.summary()
