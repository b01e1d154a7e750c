"""School list import (学校名册), for bureau administrators: schools by code, with their kind, group or
district (created when new), central school (中心校) and urban/rural location.

A school named as another's central school is marked as a central school. Blank cells keep what is stored.
"""

from typing import Any

from django.utils.translation import gettext_noop

from zhiliang.accounts.scoping import scope_for
from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.org.models import EducationGroup, School, SchoolKind
from zhiliang.rosters.importers.base import Plan, RowPlan, actor, key, read_job

KIND = "schools"
LABELS = {
    "name": "学校名称",
    "short_name": "简称",
    "kind": "办学类型",
    "location": "城乡类型",
    "group": "所属集团/学区",
    "central_school": "中心校",
    "is_central": "是否中心校",
}


def may_import(user: Any, job: ImportJob) -> bool:
    admin_counties = scope_for(user).county_admin_ids
    if job.county_id is not None:
        return job.county_id in admin_counties
    return bool(admin_counties)


def build_plan(job: ImportJob) -> Plan:
    roster = read_job(job, KIND)
    plan = Plan(roster)
    if not roster.records:
        return plan
    if not may_import(actor(job), job):
        roster.add(None, None, "roster.not_bureau_admin")
        return plan
    schools = list(School.objects.filter(county_id=job.county_id).select_related("central_school"))
    by_code = {key(school.code): school for school in schools}
    by_name = {key(school.name): school for school in schools}
    groups = {key(group.name): group for group in EducationGroup.objects.filter(county_id=job.county_id)}
    file_codes = {key(record.values.get("code")): record for record in roster.records if record.values.get("code")}
    file_names = {key(record.values.get("name")): record for record in roster.records if record.values.get("name")}

    def central_of(text: object) -> tuple[str, Any] | None:
        """("file", code key) for a school of this file, ("db", school) for another one, None if unknown."""
        wanted = key(text)
        if wanted in file_codes:
            return ("file", wanted)
        if wanted in file_names:
            return ("file", key(file_names[wanted].values["code"]))
        found = by_code.get(wanted) or by_name.get(wanted)
        return ("db", found) if found is not None else None

    referenced: set[str] = set()  # code keys of schools named as central schools
    centrals: dict[int, tuple[str, Any] | None] = {}
    for record in roster.records:
        if record.values.get("central") and "central" not in record.bad:
            central = central_of(record.values["central"])
            centrals[record.row] = central
            if central is None:
                roster.add(record, "central", "roster.unknown_central_school", value=record.texts["central"])
            elif central[0] == "file":
                referenced.add(central[1])
            else:
                referenced.add(key(central[1].code))
    new_groups: set[str] = set()
    report_progress(50, gettext_noop("正在核对学校"))
    for record in roster.records:
        if record.bad or (record.row in centrals and centrals[record.row] is None):
            continue
        values = record.values
        existing = by_code.get(key(values["code"]))
        same_name = by_name.get(key(values["name"]))
        if same_name is not None and same_name != existing:
            roster.add(record, "name", "roster.school_name_taken", value=values["name"], code=same_name.code)
            continue
        group_name = values.get("group")
        group = groups.get(key(group_name)) if group_name else None
        if group_name and group is None:
            new_groups.add(key(group_name))
        central = centrals.get(record.row)
        wanted: dict[str, Any] = {
            "name": values["name"],
            "short_name": values.get("short_name"),
            "kind": values["kind"],
            "location": values.get("location"),
            "is_central": True if key(values["code"]) in referenced else None,
        }
        payload: dict[str, Any] = {"wanted": wanted, "group": group, "group_name": group_name, "central": central}
        sample = {
            "学校代码": values["code"],
            "学校名称": values["name"],
            "简称": values.get("short_name") or "",
            "办学类型": str(SchoolKind(values["kind"]).label),
            "所属集团/学区": group_name or "",
            "中心校": record.texts.get("central", ""),
            "城乡类型": values.get("location") or "",
        }
        if existing is None:
            plan.rows.append(RowPlan(record, "create", sample, payload))
            continue
        changes = [name for name, value in wanted.items() if value is not None and getattr(existing, name) != value]
        if group_name and (group is None or existing.group_id != group.pk):
            changes.append("group")
        if central is not None:
            current = existing.central_school
            wanted_code = central[1] if central[0] == "file" else key(central[1].code)
            if current is None or key(current.code) != wanted_code:
                changes.append("central_school")
        payload["school"] = existing
        sample["变更"] = "、".join(LABELS[name] for name in changes)
        plan.rows.append(RowPlan(record, "update" if changes else "unchanged", sample, payload))
    plan.extra["group_create"] = len(new_groups)
    plan.data["referenced"] = referenced
    return plan


def apply_plan(plan: Plan, job: ImportJob) -> dict[str, int]:
    groups = {key(group.name): group for group in EducationGroup.objects.filter(county_id=job.county_id)}
    for row in plan.rows:
        name = row.payload["group_name"]
        if name and key(name) not in groups:
            groups[key(name)] = EducationGroup.objects.create(county_id=job.county_id, name=name)
    report_progress(30, gettext_noop("正在写入学校"))
    saved: dict[str, School] = {}
    for row in plan.rows:
        payload = row.payload
        school = payload.get("school") or School(county_id=job.county_id, code=row.record.values["code"])
        if row.action == "unchanged":
            saved[key(school.code)] = school
            continue
        for name, value in payload["wanted"].items():
            if value is not None:
                setattr(school, name, value)
        if payload["group_name"]:
            school.group = groups[key(payload["group_name"])]
        school.save()
        saved[key(school.code)] = school
    report_progress(70, gettext_noop("正在写入中心校"))
    for row in plan.rows:
        central = row.payload["central"]
        if central is None or row.action == "unchanged":
            continue
        school = saved[key(row.record.values["code"])]
        target = saved[central[1]] if central[0] == "file" else central[1]
        if school.central_school_id != target.pk:
            school.central_school = target
            school.save(update_fields=["central_school"])
    for code_key in plan.data["referenced"]:
        school = saved.get(code_key) or School.objects.filter(county_id=job.county_id, code__iexact=code_key).first()
        if school is not None and not school.is_central:
            school.is_central = True
            school.save(update_fields=["is_central"])
    return plan.summary()
