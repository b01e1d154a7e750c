"""Teacher roster import: teachers by staff number (工号), with their subjects.

A blank cell keeps what is stored; a teacher listed in a roster is active. A teacher of another school
moves to the row's school when the user manages both schools ("transfer"); otherwise the row is a problem.
"""

from typing import Any

from django.utils.translation import gettext_noop

from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.people.models import Teacher
from zhiliang.rosters.importers.base import Plan, RowPlan, Schools, changed_fields, date_text, in_chunks, read_job
from zhiliang.rosters.importers.subjects import Subjects

KIND = "teachers"
FIELDS = {
    "name": "name",
    "sex": "sex",
    "birth_date": "birth_date",
    "education": "education",
    "title": "title",
    "backbone_level": "backbone_level",
    "growth_stage": "growth_stage",
    "pe_arts": "is_pe_arts_specialist",
}
LABELS = {
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "education": "学历",
    "title": "职称",
    "backbone_level": "骨干级别",
    "growth_stage": "发展阶段",
    "is_pe_arts_specialist": "体育艺术专职",
    "subjects": "任教学科",
    "school": "学校",
    "is_active": "在职",
}


def build_plan(job: ImportJob) -> Plan:
    roster = read_job(job, KIND)
    plan = Plan(roster)
    if not roster.records:
        return plan
    schools = Schools(job)
    subjects = Subjects()
    existing = {
        teacher.staff_number: teacher
        for teacher in in_chunks(
            (record.values.get("staff_number") for record in roster.records),
            lambda part: (
                Teacher.objects.filter(county_id=job.county_id, staff_number__in=part)
                .select_related("school")
                .prefetch_related("subjects")
            ),
        )
    }
    report_progress(50, gettext_noop("正在核对教师"))
    for record in roster.records:
        if record.bad:
            continue
        school = schools.resolve(roster, record)
        if school is None:
            continue
        found_subjects = []
        unknown = False
        for name in record.values.get("subjects") or []:
            subject = subjects.find(name)
            if subject is None:
                roster.add(record, "subjects", "roster.unknown_subject", value=name, accepted=subjects.names)
                unknown = True
            else:
                found_subjects.append(subject)
        if unknown:
            continue
        wanted = {model_field: record.values.get(key) for key, model_field in FIELDS.items()}
        wanted["is_active"] = True
        subject_ids = {subject.pk for subject in found_subjects} if record.values.get("subjects") else None
        sample = {
            "工号": record.values["staff_number"],
            "姓名": record.values["name"],
            "性别": record.texts.get("sex", ""),
            "出生日期": date_text(record.values.get("birth_date")),
            "职称": record.texts.get("title", ""),
            "任教学科": "、".join(subject.name for subject in found_subjects),
            "学校": school.display_name,
        }
        payload: dict[str, Any] = {"school": school, "wanted": wanted, "subject_ids": subject_ids}
        teacher = existing.get(record.values["staff_number"])
        if teacher is None:
            plan.rows.append(RowPlan(record, "create", sample, payload))
            continue
        action = "update"
        if teacher.school_id != school.pk:
            if not schools.may_manage(teacher.school):
                roster.add(
                    record,
                    "staff_number",
                    "roster.teacher_in_other_school",
                    value=teacher.staff_number,
                    school=teacher.school.name,
                )
                continue
            action = "transfer"
        changes = changed_fields(teacher, wanted)
        if teacher.school_id != school.pk:
            changes.append("school")
        if subject_ids is not None and subject_ids != {subject.pk for subject in teacher.subjects.all()}:
            changes.append("subjects")
        if not changes:
            action = "unchanged"
        sample["变更"] = "、".join(LABELS[name] for name in changes)
        payload.update(teacher=teacher, changes=changes)
        plan.rows.append(RowPlan(record, action, sample, payload))
    return plan


def apply_plan(plan: Plan, job: ImportJob) -> dict[str, int]:
    new: list[tuple[RowPlan, Teacher]] = []
    updated: list[Teacher] = []
    subject_sets: list[tuple[Teacher, set[int]]] = []
    for row in plan.rows:
        payload = row.payload
        if row.action == "unchanged":
            continue
        wanted = {name: value for name, value in payload["wanted"].items() if value is not None}
        if row.action == "create":
            teacher = Teacher(
                county_id=job.county_id,
                school=payload["school"],
                staff_number=row.record.values["staff_number"],
                **wanted,
            )
            new.append((row, teacher))
        else:
            teacher = payload["teacher"]
            for name, value in wanted.items():
                setattr(teacher, name, value)
            teacher.school = payload["school"]
            updated.append(teacher)
        if payload["subject_ids"] is not None:
            subject_sets.append((teacher, payload["subject_ids"]))
    report_progress(40, gettext_noop("正在写入教师"))
    Teacher.objects.bulk_create([teacher for _row, teacher in new], batch_size=1000)
    Teacher.objects.bulk_update(updated, ["school", "is_active", *FIELDS.values()], batch_size=1000)
    report_progress(80, gettext_noop("正在写入任教学科"))
    for teacher, subject_ids in subject_sets:
        teacher.subjects.set(subject_ids)
    return plan.summary()
