"""What every roster importer shares: reading the job's file, finding schools, planning rows, caching the
plan between check and apply, and turning the plan into the preview.

A *plan* says, for every row of a valid file, what applying it will do ("create", "update", "unchanged", …)
and carries what is needed to do it. `check` builds the plan and writes nothing; `apply` builds it again (in
the import transaction; the flow always runs check right before, so the plan cached on the job is reused)
and carries it out. Comparing each row with the database is what makes a second import of the same file
"unchanged" everywhere.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import managed_schools
from zhiliang.core.rosters import Context, RosterFile, RosterRecord, read_roster
from zhiliang.core.tabular import header_key
from zhiliang.imports.models import ImportJob
from zhiliang.imports.progress import report_progress
from zhiliang.imports.registry import CheckResult
from zhiliang.org.models import School, SchoolYear

SAMPLE_SIZE = 50
CHUNK = 2000  # ids per IN (...) query: SQLite allows 32,766 parameters, PostgreSQL 65,535

ACTION_LABELS = {
    "create": _("新增"),
    "update": _("修改"),
    "unchanged": _("不变"),
    "transfer": _("校间调动"),
    "transfer_in": _("转入"),
    "enrol": _("升学/重新入学"),
    "group_create": _("新建集团/学区"),
}


def key(value: object) -> str:
    """How names and codes from a file are compared with the database: spaces, width and case ignored."""
    return header_key(str(value)) if value is not None else ""


@dataclass
class RowPlan:
    record: RosterRecord
    action: str
    sample: dict[str, str]
    payload: Any = None


@dataclass
class Plan:
    roster: RosterFile
    rows: list[RowPlan] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)  # counts that are not rows (new groups)
    data: dict[str, Any] = field(default_factory=dict)  # kind-specific lookups computed while planning

    @property
    def problems(self) -> list[Any]:
        return self.roster.problems

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        for name, count in self.extra.items():
            if count:
                counts[name] = count
        return counts

    def sorted_problems(self) -> list[Any]:
        """Problems from top to bottom and left to right, the order a person fixes the file in; problems
        about the whole file or a column come first."""

        def position(problem: Any) -> tuple[int, int, str]:
            column = problem.column or ""
            return (problem.row or 0, len(column), column)

        return sorted(self.roster.problems, key=position)

    def result(self) -> CheckResult:
        changed = [row for row in self.rows if row.action != "unchanged"]
        unchanged = [row for row in self.rows if row.action == "unchanged"]
        # The rows that will change come first: they are what a person wants to verify.
        sample = [{"action": row.action, **row.sample} for row in (changed + unchanged)[:SAMPLE_SIZE]]
        if self.problems:
            return CheckResult(problems=self.sorted_problems(), summary=self.summary(), sample=[])
        return CheckResult(problems=[], summary=self.summary(), sample=sample)


def actor(job: ImportJob) -> Any:
    """Whose permissions a job runs with: who confirmed it, else who uploaded it."""
    return job.confirmed_by or job.created_by


def current_year(job: ImportJob) -> SchoolYear | None:
    return SchoolYear.objects.filter(county_id=job.county_id, is_current=True).first()


def read_job(job: ImportJob, kind: str, *, year: SchoolYear | None = None) -> RosterFile:
    today = timezone.localdate()
    context = Context(today=today, year_start=year.start_date if year else None, school_given=job.school_id is not None)
    return read_roster(
        bytes(job.content),
        kind=kind,
        filename=job.filename,
        sheet=job.sheet or None,
        context=context,
        max_bytes=settings.MAX_UPLOAD_BYTES,
    )


class Schools:
    """The county's schools found by code, name or short name, and the user's right to manage each."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.all = list(School.objects.filter(county_id=job.county_id))
        self.by_key: dict[str, School] = {}
        ambiguous: set[str] = set()
        for school in self.all:
            for name in (school.code, school.name):
                self.by_key[key(name)] = school
        for school in self.all:
            if school.short_name:
                short = key(school.short_name)
                if short in self.by_key and self.by_key[short] != school:
                    ambiguous.add(short)
                self.by_key.setdefault(short, school)
        for short in ambiguous:
            if not any(key(s.code) == short or key(s.name) == short for s in self.all):
                del self.by_key[short]
        self.managed_ids = set(managed_schools(actor(job)).values_list("id", flat=True))
        self.by_id = {school.pk: school for school in self.all}

    def find(self, text: object) -> School | None:
        return self.by_key.get(key(text)) if text else None

    def may_manage(self, school: School) -> bool:
        return school.pk in self.managed_ids

    def resolve(self, roster: RosterFile, record: RosterRecord) -> School | None:
        """The row's school: the job's school (the 学校 cell, if any, must agree) or the one the cell names;
        None after adding a problem when it is missing, unknown or not the user's to manage."""
        text = record.values.get("school")
        chosen = self.job.school
        if "school" in record.bad:
            return None
        if chosen is not None:
            if text and self.find(text) != chosen:
                roster.add(record, "school", "roster.school_mismatch", value=record.texts["school"], school=chosen.name)
                return None
            school = chosen
        else:
            if not text:
                roster.add(record, "school", "roster.school_required")
                return None
            found = self.find(text)
            if found is None:
                roster.add(record, "school", "roster.unknown_school", value=record.texts["school"])
                return None
            school = found
        if not self.may_manage(school):
            roster.add(record, "school", "roster.school_not_managed", school=school.name)
            return None
        return school


def changed_fields(obj: Any, wanted: dict[str, Any]) -> list[str]:
    """Names of the fields of `obj` whose value differs from `wanted` (None in `wanted` means keep)."""
    return [name for name, value in wanted.items() if value is not None and getattr(obj, name) != value]


T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def in_chunks(values: Iterable[Any], query: Callable[[Sequence[Any]], Iterable[T]]) -> list[T]:
    """Run `query` for the values CHUNK at a time (large files have more ids than one IN allows)."""
    ordered = list(dict.fromkeys(value for value in values if value is not None))
    found: list[T] = []
    for part in chunks(ordered):
        found.extend(query(part))
    return found


def progress_every(total: int, message: str, *, start: int = 0, end: int = 100) -> Callable[[int], None]:
    """A callback for loops: report `message` with the share of `total` done, mapped to start–end."""

    def report(done: int) -> None:
        if total:
            report_progress(start + (end - start) * done // total, message)

    return report


def today() -> datetime.date:
    return timezone.localdate()


def date_text(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else ("" if value is None else str(value))


def cached_plan(job: ImportJob, kind: str, build: Callable[[ImportJob], Plan]) -> Plan:
    """The plan of this job: built by `check`, reused by the `apply` that follows in the same transaction.

    The cache lives on the job object only, so a plan never outlives the transaction it was built in.
    """
    cache_key = f"_roster_plan_{kind}"
    plan: Plan | None = job.__dict__.get(cache_key)
    if plan is None or plan.data.get("sha256") != job.sha256:
        plan = build(job)
        plan.data["sha256"] = job.sha256
        job.__dict__[cache_key] = plan
    return plan


def forget_plan(job: ImportJob, kind: str) -> None:
    job.__dict__.pop(f"_roster_plan_{kind}", None)
