"""Reads of the balance app: who sees which schools, and each school's figures for a school year.

Scope (docs/roles.md, decided only through `zhiliang.accounts.scoping`): the bureau sees every school of the
county, a group leader the schools of their group, a principal or academic director their school (and the
teaching points under a central school). Teachers, grade leaders and head teachers see nothing here (404).
Editing is for those who manage the school (`can_manage_school`: the bureau administrator, the principal and
the academic director); the bureau analyst and group leaders read.

Figures: enrolment per stage from the class memberships of the year, teacher counts from the teacher records
(学历 against the stage's required qualification, backbone level, PE/arts specialist flag or mainly teaching
PE/music/art), each teacher counted
in the school and stage where they teach (most of their teaching assignments of the year); a figure entered
by hand (`IndicatorInput`) takes precedence and says so. Facilities only come from inputs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from zhiliang.balance.access import balance_schools, can_edit, is_bureau  # noqa: F401  (re-exported)
from zhiliang.balance.models import IndicatorInput, InputKind
from zhiliang.core.balance.evaluate import SchoolInput
from zhiliang.core.balance.indicators import FACILITY_KEYS, TEACHER_KEYS
from zhiliang.org.models import KIND_STAGES, County, School, SchoolKind, SchoolYear, stage_for_grade
from zhiliang.people.models import ClassMembership, Teacher, TeachingAssignment

STAGE_NAMES = {"primary": "小学", "junior": "初中", "senior": "高中"}
STAGE_CODES = {name: code for code, name in STAGE_NAMES.items()}
KIND_TYPES = {
    SchoolKind.PRIMARY: "小学",
    SchoolKind.JUNIOR: "初中",
    SchoolKind.NINE_YEAR: "九年一贯制",
    SchoolKind.COMPLETE_SECONDARY: "完全中学",
    SchoolKind.TWELVE_YEAR: "十二年一贯制",
    SchoolKind.TEACHING_POINT: "教学点",
}
# 高于规定学历 (/work/shared/standards/balanced-development-2017.md, source D): 小学 专科及以上, 初中 本科及以上.
ABOVE_REQUIRED = {
    "primary": {"junior_college", "bachelor", "master", "doctorate"},
    "junior": {"bachelor", "master", "doctorate"},
}
BACKBONE = {"county", "city", "province"}
# A teacher without the specialist flag counts as a PE/arts teacher when most of their lessons of the year are
# PE, music or art (the records of small schools often lack the flag; 专任 = the subject they mainly teach).
PE_ARTS_SUBJECTS = {"体育", "体育与健康", "音乐", "美术", "艺术"}


def county_of(user: Any) -> County | None:
    school = balance_schools(user).select_related("county").first()
    return school.county if school else None


def school_years(county: County) -> QuerySet[SchoolYear]:
    return SchoolYear.objects.filter(county=county).order_by("-start_year")


def chosen_year(county: County, raw: str | None) -> SchoolYear | None:
    years = school_years(county)
    if raw and raw.isdigit():
        found = years.filter(pk=int(raw)).first()
        if found:
            return found
    return years.filter(is_current=True).first() or years.first()


@dataclass
class Figure:
    """One figure and where it comes from: "records" (the foundation), or an input (who, when)."""

    value: float
    source: str
    entered_by: str = ""
    entered_at: Any = None


@dataclass
class SchoolData:
    school: School
    school_type: str
    students: dict[str, Figure] = field(default_factory=dict)  # by stage code
    recorded_students: dict[str, int] = field(default_factory=dict)
    teachers: dict[str, dict[str, Figure]] = field(default_factory=dict)  # stage code → key → figure
    facilities: dict[str, Figure] = field(default_factory=dict)
    stated: dict[str, str] = field(default_factory=dict)  # indicator key → ratio as the school wrote it

    @property
    def stages(self) -> list[str]:
        return [stage for stage in self.school.stages if stage in STAGE_NAMES]

    @property
    def complete(self) -> bool:
        return all(key in self.facilities for key in FACILITY_KEYS)

    def to_input(self) -> SchoolInput:
        return SchoolInput(
            school=self.school.name,
            school_type=self.school_type,
            students={STAGE_NAMES[s]: int(self.students[s].value) if s in self.students else 0 for s in self.stages},
            teachers={
                STAGE_NAMES[s]: {k: f.value for k, f in self.teachers.get(s, {}).items()}
                for s in self.stages
                if s != "senior"
            },
            facilities={key: figure.value for key, figure in self.facilities.items()},
        )


def _latest_inputs(year: SchoolYear, school_ids: list[int]) -> dict[tuple[int, str, str, str], IndicatorInput]:
    latest: dict[tuple[int, str, str, str], IndicatorInput] = {}
    rows = (
        IndicatorInput.objects.filter(school_year=year, school_id__in=school_ids)
        .select_related("entered_by")
        .order_by("school_id", "key", "stage", "kind", "-entered_at", "-id")
    )
    for row in rows:
        latest.setdefault((row.school_id, row.key, row.stage, row.kind), row)
    return latest


def _recorded_enrolment(year: SchoolYear, school_ids: list[int]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        ClassMembership.objects.filter(school_year=year, left_on__isnull=True, school_class__school_id__in=school_ids)
        .values("school_class__school_id", "school_class__grade")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["school_class__school_id"]][stage_for_grade(row["school_class__grade"])] += row["n"]
    return counts


def _recorded_teachers(year: SchoolYear, county: County) -> dict[int, dict[str, Counter[str]]]:
    """school id → stage → indicator key → number of teachers, each teacher where they teach most."""
    places: dict[int, Counter[tuple[int, str]]] = defaultdict(Counter)
    rows = (
        TeachingAssignment.objects.filter(term__school_year=year, school_class__school__county=county)
        .values("teacher_id", "school_class__school_id", "school_class__grade", "subject__name")
        .annotate(n=Count("id"))
    )
    pe_arts_share: dict[int, Counter[bool]] = defaultdict(Counter)
    for row in rows:
        place = (row["school_class__school_id"], stage_for_grade(row["school_class__grade"]))
        places[row["teacher_id"]][place] += row["n"]
        pe_arts_share[row["teacher_id"]][row["subject__name"] in PE_ARTS_SUBJECTS] += row["n"]
    counts: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    teachers = Teacher.objects.filter(county=county).values(
        "id", "school_id", "school__kind", "education", "backbone_level", "is_pe_arts_specialist", "is_active"
    )
    for teacher in teachers:
        if teacher["id"] in places:
            # Most assignments first; ties go to the lower (school id, stage) so the count is deterministic.
            (school_id, stage), _n = min(places[teacher["id"]].items(), key=lambda item: (-item[1], item[0]))
        elif year.is_current and teacher["is_active"]:
            school_id, stage = teacher["school_id"], _first_stage(teacher["school__kind"])
        else:
            continue
        if stage not in ABOVE_REQUIRED:
            continue
        tally = counts[school_id][stage]
        tally["qualified_teachers"] += teacher["education"] in ABOVE_REQUIRED[stage]
        tally["backbone_teachers"] += teacher["backbone_level"] in BACKBONE
        share = pe_arts_share.get(teacher["id"], Counter())
        tally["pe_arts_teachers"] += bool(teacher["is_pe_arts_specialist"]) or share[True] > share[False]
    return counts


def _first_stage(kind: str) -> str:

    return str(KIND_STAGES[kind][0])


def _figure(row: IndicatorInput) -> Figure:
    user = row.entered_by
    name = (getattr(user, "full_name", "") or getattr(user, "username", "")) if user else ""
    return Figure(float(row.value), row.source, name, row.entered_at)


def county_data(county: County, year: SchoolYear) -> list[SchoolData]:
    """Every school of the county with a compulsory stage, with its figures for `year` (a fixed few queries)."""
    schools = list(School.objects.filter(county=county, kind__in=list(KIND_TYPES)).order_by("code"))
    ids = [school.pk for school in schools]
    latest = _latest_inputs(year, ids)
    enrolment = _recorded_enrolment(year, ids)
    teachers = _recorded_teachers(year, county)
    result = []
    for school in schools:
        data = SchoolData(school, KIND_TYPES[school.kind])
        for stage in data.stages:
            recorded = enrolment[school.pk].get(stage, 0)
            data.recorded_students[stage] = recorded
            entered = latest.get((school.pk, "students", stage, InputKind.FIGURE))
            data.students[stage] = _figure(entered) if entered else Figure(float(recorded), "records")
            if stage == "senior":
                continue
            data.teachers[stage] = {}
            for key in TEACHER_KEYS:
                entered = latest.get((school.pk, key, stage, InputKind.FIGURE))
                recorded_count = teachers[school.pk][stage][key]
                data.teachers[stage][key] = _figure(entered) if entered else Figure(float(recorded_count), "records")
        for key in FACILITY_KEYS:
            entered = latest.get((school.pk, key, "", InputKind.FIGURE))
            if entered:
                data.facilities[key] = _figure(entered)
        for (school_id, key, _stage, kind), row in latest.items():
            if school_id == school.pk and kind == InputKind.STATED_RATIO:
                data.stated[key] = row.text or f"{row.value.normalize():f}"
        result.append(data)
    return result


def input_history(school: School) -> QuerySet[IndicatorInput]:
    return (
        IndicatorInput.objects.filter(school=school)
        .select_related("school_year", "entered_by")
        .order_by("-school_year__start_year", "key", "stage", "-entered_at", "-id")
    )
