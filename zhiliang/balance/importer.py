"""Import of facility figures (areas, equipment value, multimedia rooms, optionally stated enrolment and the
ratios a school stated) for many schools at once, through the generic import flow (`zhiliang.imports`).

One row per school, found by 学校代码 or 学校 (name); the school year is the job's target (default: the
current one). Only schools the user manages may appear. Applying records a figure only when it differs from
the latest one (`services.figures_save`), so the same file applied twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import managed_schools
from zhiliang.balance.models import InputSource
from zhiliang.balance.services import figures_save
from zhiliang.core.balance import INDICATORS
from zhiliang.core.balance import messages as _messages  # noqa: F401  (problem messages)
from zhiliang.core.tabular import CellValue, ImportProblems, Problem, cell_text, parse_number, read_table
from zhiliang.imports.registry import CheckResult, Importer, ProgressCallback
from zhiliang.org.models import School, SchoolYear

KIND = "balance_facilities"
COLUMNS: dict[str, tuple[str, ...]] = {
    "学校代码": ("代码", "学校编码"),
    "学校": ("学校名称", "校名"),
    "学生数": ("在校生数", "在校学生数"),
    **{i.quantity: () for i in INDICATORS if i.facility},
}
STATED = {i.label: i.key for i in INDICATORS}  # optional columns: the ratio the school stated


def _year(job: Any) -> SchoolYear | None:
    years = SchoolYear.objects.filter(county_id=job.county_id)
    if job.target_id:
        return years.filter(pk=job.target_id).first()
    return years.filter(is_current=True).first()


def may_import(user: Any, job: Any) -> bool:
    schools = managed_schools(user)
    if job.county_id:
        schools = schools.filter(county_id=job.county_id)
    return schools.exists() and (not job.target_id or (job.county_id and _year(job) is not None))


def _plan(
    job: Any,
) -> tuple[list[tuple[School, dict[tuple[str, str], Decimal | None], dict[str, str], int]], list[Problem]]:
    known = [label for key, synonyms in COLUMNS.items() for label in (key, *synonyms)] + list(STATED)
    try:
        table = read_table(bytes(job.content), filename=job.filename, sheet=job.sheet or None, known_headers=known)
    except ImportProblems as error:
        return [], error.problems
    columns = table.find_columns(COLUMNS)
    stated_columns = {key: table.column(text) for text, key in STATED.items()}
    problems: list[Problem] = []
    if "学校代码" not in columns and "学校" not in columns:
        problems.append(table.problem("column.missing", label="学校代码", accepted=["学校代码", "学校"]))
    facility_labels = [i.quantity for i in INDICATORS if i.facility]
    for label in facility_labels:
        if label not in columns:
            problems.append(table.problem("column.missing", label=label, accepted=[label]))
    if problems:
        return [], problems
    managed = {s.code: s for s in managed_schools(job.created_by).filter(county_id=job.county_id)}
    by_name = {s.name: s for s in managed.values()}
    plan = []
    for row in table.rows:
        code, name = cell_text(_cell(row, columns, "学校代码")).strip(), cell_text(_cell(row, columns, "学校")).strip()
        school = managed.get(code) if code else by_name.get(name)
        if school is None:
            column = columns.get("学校代码") or columns["学校"]
            problems.append(table.problem("balance.unknown_school", row=row, column=column, value=code or name))
            continue
        values: dict[tuple[str, str], Decimal | None] = {}
        for indicator in (i for i in INDICATORS if i.facility):
            values[(indicator.key, "")] = _decimal(
                table, row, columns[indicator.quantity], row.get(columns[indicator.quantity]), problems
            )
        if "学生数" in columns and row.get(columns["学生数"]) is not None and len(school.stages) == 1:
            values[("students", school.stages[0])] = _decimal(
                table, row, columns["学生数"], row.get(columns["学生数"]), problems
            )
        stated = {}
        for key, column in stated_columns.items():
            if column is not None and row.get(column) is not None:
                text = cell_text(row.get(column)).strip().rstrip("%")
                try:
                    Decimal(text)
                except ArithmeticError:
                    problems.append(table.problem("cell.not_a_number", row=row, column=column, value=text))
                    continue
                stated[key] = text
        plan.append((school, values, stated, row.number))
    return plan, problems


def _cell(row: Any, columns: dict[str, Any], key: str) -> CellValue:
    column = columns.get(key)
    return row.get(column) if column is not None else None


def _decimal(table: Any, row: Any, column: Any, value: CellValue, problems: list[Problem]) -> Decimal | None:
    try:
        number = parse_number(value)
    except ValueError:
        problems.append(table.problem("cell.not_a_number", row=row, column=column, value=cell_text(value)))
        return None
    if number is not None and number < 0:
        problems.append(table.problem("balance.negative", row=row, column=column, value=cell_text(value)))
        return None
    return None if number is None else Decimal(str(number))


def check(job: Any) -> CheckResult:
    plan, problems = _plan(job)
    if _year(job) is None:
        problems.append(Problem(job.filename, None, None, None, None, "balance.no_year", {}))
    sample = [
        {"学校": school.name, **{k: "" if v is None else f"{v:g}" for (k, _s), v in values.items()}, "action": "update"}
        for school, values, _stated, _n in plan[:20]
    ]
    return CheckResult(problems=problems, summary={"update": len(plan)}, sample=sample)


def apply(job: Any, progress: ProgressCallback) -> dict[str, int]:
    plan, problems = _plan(job)
    year = _year(job)
    if problems or year is None:
        raise ValueError("the balance import has problems and cannot be applied")
    added = 0
    for index, (school, values, stated, _number) in enumerate(plan):
        added += figures_save(
            user=job.created_by, school=school, school_year=year, values=values, source=InputSource.IMPORT,
            note=job.filename[:200], stated=stated,
        )  # fmt: skip
        progress(int(100 * (index + 1) / max(len(plan), 1)), "")
    return {"update": len(plan), "figures": added}


IMPORTER = Importer(
    kind=KIND,
    label=_("Balanced development: facility figures"),
    template_url_name="balance:template",
    check=check,
    apply=apply,
    may_import=may_import,
    needs_school=False,
    action_labels={"update": _("Schools updated"), "figures": _("Figures recorded")},
    help_text=_("One row per school: areas (m²), equipment value (yuan) and multimedia rooms for the school year."),
)
