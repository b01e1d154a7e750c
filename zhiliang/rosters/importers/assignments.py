"""Teaching assignment import (任课安排): who teaches which subject to which class in which term.

One teacher per class, subject and term: a row for a (class, subject, term) that already has another
teacher replaces the teacher ("update"). A blank term means the current term: the term of the current school
year that contains today, else its first term. The teacher may belong to another school of the county
(teachers who teach in several schools, 走教), but must exist.
"""

from typing import Any

from django.utils.translation import gettext_noop

from zhiliang.core.rosters import GRADE_NAMES
from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.org.models import SchoolClass, SchoolYear, Term
from zhiliang.people.models import Teacher, TeachingAssignment
from zhiliang.rosters.importers.base import Plan, RowPlan, Schools, current_year, in_chunks, read_job, today
from zhiliang.rosters.importers.subjects import Subjects

KIND = "assignments"


def current_term(year: SchoolYear) -> Term | None:
    terms = list(year.terms.order_by("number"))
    day = today()
    return next((term for term in terms if term.start_date <= day <= term.end_date), terms[0] if terms else None)


def build_plan(job: ImportJob) -> Plan:
    year = current_year(job)
    roster = read_job(job, KIND, year=year)
    plan = Plan(roster)
    if not roster.records:
        return plan
    schools = Schools(job)
    subjects = Subjects()
    terms = {
        (term.school_year.start_year, term.number): term
        for term in Term.objects.filter(school_year__county_id=job.county_id).select_related("school_year")
    }
    default_term = current_term(year) if year else None
    wanted_terms = {default_term} if default_term else set()
    for record in roster.records:
        wanted = record.values.get("term")
        if isinstance(wanted, tuple):
            found_term = terms.get((wanted[0] or (year.start_year if year else 0), wanted[1]))
            if found_term is not None:
                wanted_terms.add(found_term)
    classes = {
        (cls.school_id, cls.school_year_id, cls.grade, cls.number): cls
        for cls in SchoolClass.objects.filter(
            school__county_id=job.county_id, school_year_id__in={term.school_year_id for term in wanted_terms}
        )
    }
    teachers = {
        teacher.staff_number: teacher
        for teacher in in_chunks(
            (record.values.get("teacher") for record in roster.records),
            lambda part: Teacher.objects.filter(county_id=job.county_id, staff_number__in=part),
        )
    }
    existing = {
        (assignment.school_class_id, assignment.subject_id, assignment.term_id): assignment
        for assignment in TeachingAssignment.objects.filter(
            school_class__school__county_id=job.county_id, term__in=wanted_terms
        )
    }
    report_progress(50, gettext_noop("正在核对任课安排"))
    for record in roster.records:
        if record.bad:
            continue
        school = schools.resolve(roster, record)
        if school is None:
            continue
        term = _term(plan, record, terms, default_term, year)
        if term is None:
            continue
        grade, number = record.values["grade"], record.values["class"]
        school_class = classes.get((school.pk, term.school_year_id, grade, number))
        if school_class is None:
            roster.add(
                record,
                "class",
                "roster.unknown_class",
                school=school.name,
                grade_name=GRADE_NAMES[grade],
                number=number,
            )
            continue
        subject = subjects.find(record.values["subject"])
        if subject is None:
            roster.add(
                record, "subject", "roster.unknown_subject", value=record.texts["subject"], accepted=subjects.names
            )
            continue
        teacher = teachers.get(record.values["teacher"])
        if teacher is None:
            roster.add(record, "teacher", "roster.unknown_teacher", value=record.values["teacher"])
            continue
        sample = {
            "学校": school.display_name,
            "班级": school_class.display_name,
            "学科": subject.name,
            "教师": f"{teacher.name}（{teacher.staff_number}）",
            "学期": str(term),
        }
        payload: dict[str, Any] = {"class": school_class, "subject": subject, "term": term, "teacher": teacher}
        found = existing.get((school_class.pk, subject.pk, term.pk))
        if found is None:
            plan.rows.append(RowPlan(record, "create", sample, payload))
        elif found.teacher_id == teacher.pk:
            plan.rows.append(RowPlan(record, "unchanged", sample, payload))
        else:
            payload["assignment"] = found
            sample["变更"] = "任课教师"
            plan.rows.append(RowPlan(record, "update", sample, payload))
    return plan


def _term(
    plan: Plan, record: Any, terms: dict[tuple[int, int], Term], default: Term | None, year: SchoolYear | None
) -> Term | None:
    wanted = record.values.get("term")
    if wanted is None:
        if default is None:
            roster_code = "roster.no_current_year" if year is None else "roster.unknown_term"
            plan.roster.add(record, "term", roster_code, value="")
        return default
    start_year, number = wanted
    start_year = start_year or (year.start_year if year else None)
    term = terms.get((start_year, number)) if start_year else None
    if term is None:
        plan.roster.add(record, "term", "roster.unknown_term", value=record.texts["term"])
    return term


def apply_plan(plan: Plan, job: ImportJob) -> dict[str, int]:
    new = [
        TeachingAssignment(
            teacher=row.payload["teacher"],
            school_class=row.payload["class"],
            subject=row.payload["subject"],
            term=row.payload["term"],
        )
        for row in plan.rows
        if row.action == "create"
    ]
    updated = []
    for row in plan.rows:
        if row.action == "update":
            assignment = row.payload["assignment"]
            assignment.teacher = row.payload["teacher"]
            updated.append(assignment)
    report_progress(50, gettext_noop("正在写入任课安排"))
    TeachingAssignment.objects.bulk_create(new, batch_size=1000)
    TeachingAssignment.objects.bulk_update(updated, ["teacher"], batch_size=1000)
    return plan.summary()
