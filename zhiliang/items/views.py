"""Pages of the item analysis: the papers a user sees, a paper's items, its knowledge-point heat map, a class's
lost points by knowledge point and one student's 错题本 basis. Every page also exports its table
(`?format=xlsx`, audited). Access: `access.py` (404 outside the user's scope)."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import scope_for
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.exams.selectors import can_manage_exam
from zhiliang.exams.views.common import XLSX
from zhiliang.items import tables
from zhiliang.items.access import PaperAccess, paper_access, papers_visible
from zhiliang.items.analysis import PaperData, paper_data
from zhiliang.items.importer import KIND as IMPORT_KIND
from zhiliang.items.importer import may_import_items
from zhiliang.org.models import grade_name


def _xlsx(request: HttpRequest, access: PaperAccess, sheets: list[SheetSpec], filename: str, what: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=access.exam, what=what, paper=access.paper.pk)
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _title(access: PaperAccess) -> str:
    return f"{access.exam.name} {grade_name(access.exam_subject.grade)} {access.subject}"


def _context(access: PaperAccess, data: PaperData, **extra: Any) -> dict[str, Any]:
    return {
        "exam": access.exam,
        "exam_subject": access.exam_subject,
        "subject": access.subject,
        "grade_label": grade_name(access.exam_subject.grade),
        "title": _title(access),
        "test": data.analysis.test,
        **extra,
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).is_staff_of_anything:
        raise Http404  # users without a role learn nothing, as on the exam list
    groups = [
        {
            "exam": exam,
            "papers": [
                {"exam_subject": es, "grade_label": grade_name(es.grade), "subject": es.subject.name} for es in papers
            ],
        }
        for exam, papers in papers_visible(request.user)
    ]
    return render(request, "items/index.html", {"groups": groups})


def _unit(request: HttpRequest, access: PaperAccess, data: PaperData) -> tuple[str, str, np.ndarray | None]:
    """The school or class chosen to compare with the whole paper (`?unit=school:ID` / `class:ID`)."""
    raw = request.GET.get("unit", "")
    if not raw:
        return "", "", None
    kind, _sep, pk = raw.partition(":")
    if not pk.isdigit():
        raise Http404
    if kind == "school":
        name = next((n for n, i in access.labels.schools.items() if i == int(pk)), None)
        if name is None or name not in access.schools:
            raise Http404
        mask = (data.students.get_column("school_id") == int(pk)).to_numpy()
        return raw, name, mask & data.analysis.present
    if kind == "class":
        key = next((k for k, i in access.labels.classes.items() if i == int(pk)), None)
        if key is None or not access.sees_class(*key):
            raise Http404
        mask = (data.students.get_column("class_id") == int(pk)).to_numpy()
        return raw, f"{key[0]} {key[1]}", mask & data.analysis.present
    raise Http404


def _units(access: PaperAccess) -> list[tuple[str, str]]:
    schools = [(f"school:{access.labels.schools[s]}", s) for s in sorted(access.schools)]
    classes = [(f"class:{access.labels.classes[k]}", f"{k[0]} {k[1]}") for k in sorted(access.classes)]
    return schools + classes


@login_required
def paper(request: HttpRequest, pk: int, exam_subject_id: int) -> HttpResponse:
    access = paper_access(request.user, pk, exam_subject_id)
    data = paper_data(access.paper)
    if request.GET.get("format") == "xlsx":
        return _xlsx(
            request, access, [tables.items_sheet(data, _title(access))], f"items-{access.paper.pk}.xlsx", "items"
        )
    unit, unit_name, mask = _unit(request, access, data)
    mismatches = data.mismatches.filter(pl.col("class_id").is_in(sorted(access.class_ids())))
    from zhiliang.imports.models import ImportJob

    can_import = may_import_items(
        request.user, ImportJob(kind=IMPORT_KIND, created_by=request.user, target_id=access.exam_subject.pk)
    )
    context = _context(
        access,
        data,
        items=tables.item_rows(data, mask),
        test_rows=tables.test_rows(data),
        bands=tables.band_rows(data),
        scatter=tables.scatter_chart(data),
        options=tables.option_charts(data),
        units=_units(access),
        unit=unit,
        unit_name=unit_name,
        mismatches=list(mismatches.head(100).iter_rows(named=True)),
        mismatch_count=mismatches.height,
        classes=[(access.labels.classes[k], f"{k[0]} {k[1]}") for k in sorted(access.classes)],
        can_import=can_import,
        can_edit_spec=can_manage_exam(request.user, access.exam_subject.exam),
        import_kind=IMPORT_KIND,
    )
    return render(request, "items/paper.html", context)


@login_required
def knowledge(request: HttpRequest, pk: int, exam_subject_id: int) -> HttpResponse:
    access = paper_access(request.user, pk, exam_subject_id)
    data = paper_data(access.paper)
    kps, rows = tables.heat_rows(data, access)
    if request.GET.get("format") == "xlsx":
        sheet = tables.heat_sheet(kps, rows, _title(access))
        return _xlsx(request, access, [sheet], f"knowledge-{access.paper.pk}.xlsx", "knowledge_points")
    context = _context(
        access,
        data,
        kps=kps,
        grade_row=rows[0]["grade"],
        rows=rows[1:],
        heat=tables.heat_chart(kps, rows),
    )
    return render(request, "items/knowledge.html", context)


def _class_key(access: PaperAccess, class_id: int) -> tuple[str, str]:
    key = next((k for k, i in access.labels.classes.items() if i == class_id), None)
    if key is None or not access.sees_class(*key):
        raise Http404
    return key


@login_required
def class_students(request: HttpRequest, pk: int, exam_subject_id: int, class_id: int) -> HttpResponse:
    access = paper_access(request.user, pk, exam_subject_id)
    school, class_name = _class_key(access, class_id)
    data = paper_data(access.paper)
    kps = data.mastery.grade.get_column("knowledge_point").to_list()
    members = data.students.filter(pl.col("class_id") == class_id)
    lost = tables.student_kp_rows(data, members.get_column("pk").to_list())
    by_student: dict[str, dict[str, float]] = {}
    for r in lost.iter_rows(named=True):
        by_student.setdefault(r["student"], {})[r["knowledge_point"]] = r["lost"]
    rows = [
        {
            "pk": m["pk"],
            "student": m["student"],
            "name": m["name"],
            "total": m["total"],
            "lost": [by_student.get(m["student"], {}).get(k) for k in kps],
        }
        for m in members.sort("student").iter_rows(named=True)
    ]
    if request.GET.get("format") == "xlsx":
        sheet = SheetSpec(
            name=_("Lost points"),
            title=f"{_title(access)} {school} {class_name}",
            columns=[
                ColumnSpec(_("Student number")),
                ColumnSpec(_("Name")),
                ColumnSpec(_("Item total"), kind="number", decimals=1),
                *(ColumnSpec(k, kind="number", decimals=1) for k in kps),
            ],
            rows=[(r["student"], r["name"], r["total"], *r["lost"]) for r in rows],
            notes=[_("Points lost per knowledge point (max points of its items minus points obtained).")],
        )
        return _xlsx(request, access, [sheet], f"lost-points-{class_id}.xlsx", "lost_points_class")
    context = _context(
        access,
        data,
        school=school,
        class_name=class_name,
        class_id=class_id,
        kps=kps,
        rows=[{**r, "lost_text": [tables.num(v, 1) if v is not None else "—" for v in r["lost"]]} for r in rows],
    )
    return render(request, "items/class_students.html", context)


@login_required
def student(request: HttpRequest, pk: int, exam_subject_id: int, student_id: int) -> HttpResponse:
    access = paper_access(request.user, pk, exam_subject_id)
    data = paper_data(access.paper)
    found = data.students.with_row_index("row").filter(pl.col("pk") == student_id)
    if found.is_empty():
        raise Http404
    me = found.row(0, named=True)
    if not access.sees_class(me["school"], me["class"]):
        raise Http404
    points = data.points[me["row"]]
    kp = tables.student_kp_rows(data, [student_id])
    class_mastery = {
        r["knowledge_point"]: r["mastery"]
        for r in data.mastery.classes.filter((pl.col("school") == me["school"]) & (pl.col("class") == me["class"]))
        .select("knowledge_point", "mastery")
        .iter_rows(named=True)
    }
    kp_rows = [
        {
            "knowledge_point": r["knowledge_point"],
            "possible": r["possible"],
            "obtained": r["obtained"],
            "lost": r["lost"],
            "mastery": r["mastery"],
            "class_mastery": class_mastery.get(r["knowledge_point"]),
        }
        for r in kp.sort("lost", descending=True).iter_rows(named=True)
    ]
    lost_items = []
    for i, spec in enumerate(data.specs):
        got = points[i]
        if np.isnan(got) or got < spec.max_points:
            stats = data.analysis.items[i]
            lost_items.append(
                {
                    "item": spec.label,
                    "max": spec.max_points,
                    "got": None if np.isnan(got) else float(got),
                    "lost": spec.max_points - (0.0 if np.isnan(got) else float(got)),
                    "knowledge": "、".join(spec.knowledge_points),
                    "difficulty": stats.difficulty,
                }
            )
    if request.GET.get("format") == "xlsx":
        sheets = [
            SheetSpec(
                name=_("Knowledge points"),
                title=f"{_title(access)} {me['name']}",
                columns=[
                    ColumnSpec(_("Knowledge point")),
                    ColumnSpec(_("Possible"), kind="number", decimals=1),
                    ColumnSpec(_("Obtained"), kind="number", decimals=1),
                    ColumnSpec(_("Lost"), kind="number", decimals=1),
                    ColumnSpec(_("Mastery"), kind="percent"),
                    ColumnSpec(_("Class mastery"), kind="percent"),
                ],
                rows=[
                    (r["knowledge_point"], r["possible"], r["obtained"], r["lost"], r["mastery"], r["class_mastery"])
                    for r in kp_rows
                ],
            ),
            SheetSpec(
                name=_("Items lost"),
                columns=[
                    ColumnSpec(_("Item")),
                    ColumnSpec(_("Max"), kind="number", decimals=1),
                    ColumnSpec(_("Obtained"), kind="number", decimals=1),
                    ColumnSpec(_("Lost"), kind="number", decimals=1),
                    ColumnSpec(_("Knowledge points")),
                    ColumnSpec(_("Difficulty"), kind="number"),
                ],
                rows=[(r["item"], r["max"], r["got"], r["lost"], r["knowledge"], r["difficulty"]) for r in lost_items],
            ),
        ]
        return _xlsx(request, access, sheets, f"student-{student_id}-items.xlsx", "lost_points_student")
    context = _context(
        access,
        data,
        me=me,
        kp_rows=[
            {
                **r,
                "possible_text": tables.num(r["possible"], 1),
                "obtained_text": tables.num(r["obtained"], 1),
                "lost_text": tables.num(r["lost"], 1),
                "mastery_text": tables.pct(r["mastery"]),
                "class_text": tables.pct(r["class_mastery"]),
            }
            for r in kp_rows
        ],
        lost_items=[
            {
                **r,
                "max_text": f"{r['max']:g}",
                "got_text": "—" if r["got"] is None else f"{r['got']:g}",
                "lost_text": f"{r['lost']:g}",
                "difficulty_text": tables.num(r["difficulty"]),
            }
            for r in lost_items
        ],
    )
    return render(request, "items/student.html", context)
