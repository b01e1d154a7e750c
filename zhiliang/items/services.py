"""Writes of item analysis: defining a paper's items and writing students' item scores.

Both run inside `transaction.atomic` and bump the paper's version (the analysis cache key), so pages never
show an analysis of a half-written paper.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from zhiliang.core.items import ItemSpec
from zhiliang.exams.models import ExamSubject
from zhiliang.items.models import AbilityLevel, Item, ItemResponse, KnowledgePoint, Paper


@dataclass(frozen=True)
class ResponseWrite:
    student_id: int
    school_class_id: int
    points: list[float | None]
    answers: dict[str, str]


def knowledge_points_ensure(*, county_id: int, subject_id: int, names: Iterable[str]) -> dict[str, KnowledgePoint]:
    """The catalogue's knowledge points of a subject by name, adding those that are new (in the order given)."""
    wanted = list(dict.fromkeys(n for n in names if n))
    found = {
        kp.name: kp for kp in KnowledgePoint.objects.filter(county_id=county_id, subject_id=subject_id, name__in=wanted)
    }
    start = KnowledgePoint.objects.filter(county_id=county_id, subject_id=subject_id).count()
    for offset, name in enumerate(n for n in wanted if n not in found):
        found[name] = KnowledgePoint.objects.create(
            county_id=county_id, subject_id=subject_id, name=name, order=start + offset
        )
    return found


def abilities_ensure(*, county_id: int, names: Iterable[str]) -> dict[str, AbilityLevel]:
    wanted = list(dict.fromkeys(n for n in names if n))
    found = {a.name: a for a in AbilityLevel.objects.filter(county_id=county_id, name__in=wanted)}
    start = AbilityLevel.objects.filter(county_id=county_id).count()
    for offset, name in enumerate(n for n in wanted if n not in found):
        found[name] = AbilityLevel.objects.create(county_id=county_id, name=name, order=start + offset)
    return found


@transaction.atomic
def paper_define(*, exam_subject: ExamSubject, items: Sequence[ItemSpec]) -> Paper:
    """Create the paper of an exam subject with its items (knowledge points and abilities by catalogue name).

    Items of an existing paper are replaced only while it has no item scores: the scores are stored in item
    order, so changing the items under them would misplace every point.
    """
    paper, _created = Paper.objects.get_or_create(exam_subject=exam_subject)
    if paper.responses.exists():
        raise ValueError("the paper already has item scores; its items cannot change")
    county_id = exam_subject.exam.county_id
    kps = knowledge_points_ensure(
        county_id=county_id,
        subject_id=exam_subject.subject_id,
        names=[k for item in items for k in item.knowledge_points],
    )
    abilities = abilities_ensure(county_id=county_id, names=[a for item in items for a in item.abilities])
    paper.items.all().delete()
    created = Item.objects.bulk_create(
        [
            Item(
                paper=paper,
                position=position,
                label=item.label,
                kind=str(item.kind),
                max_points=Decimal(str(item.max_points)),
                key=item.key,
                intended=Decimal(str(round(item.intended, 2))) if item.intended is not None else None,
            )
            for position, item in enumerate(items)
        ]
    )
    kp_links = [
        Item.knowledge_points.through(item_id=row.pk, knowledgepoint_id=kps[name].pk)
        for row, item in zip(created, items, strict=True)
        for name in dict.fromkeys(item.knowledge_points)
    ]
    Item.knowledge_points.through.objects.bulk_create(kp_links)
    ability_links = [
        Item.abilities.through(item_id=row.pk, abilitylevel_id=abilities[name].pk)
        for row, item in zip(created, items, strict=True)
        for name in dict.fromkeys(item.abilities)
    ]
    Item.abilities.through.objects.bulk_create(ability_links)
    paper.bump()
    return paper


def _same(a: Sequence[float | None], b: Sequence[float | None]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if (x is None) != (y is None) or (x is not None and y is not None and not math.isclose(x, y)):
            return False
    return True


def responses_plan(paper: Paper, rows: Iterable[ResponseWrite]) -> dict[str, list[ResponseWrite]]:
    """What writing `rows` would do: rows to create, to update, and unchanged ones."""
    existing = {
        r.student_id: r
        for r in ItemResponse.objects.filter(paper=paper).only("student_id", "school_class_id", "points", "answers")
    }
    plan: dict[str, list[ResponseWrite]] = {"create": [], "update": [], "unchanged": []}
    for row in rows:
        old = existing.get(row.student_id)
        if old is None:
            plan["create"].append(row)
        elif (
            old.school_class_id == row.school_class_id and _same(old.points, row.points) and old.answers == row.answers
        ):
            plan["unchanged"].append(row)
        else:
            plan["update"].append(row)
    return plan


@transaction.atomic
def responses_write(*, paper: Paper, rows: Iterable[ResponseWrite]) -> dict[str, int]:
    """Write item scores (all or nothing); the same rows twice change nothing. Returns counts per action."""
    plan = responses_plan(paper, rows)
    ItemResponse.objects.bulk_create(
        [
            ItemResponse(
                paper=paper,
                student_id=r.student_id,
                school_class_id=r.school_class_id,
                points=r.points,
                answers=r.answers,
            )
            for r in plan["create"]
        ],
        batch_size=2000,
    )
    if plan["update"]:
        by_student = {
            r.student_id: r
            for r in ItemResponse.objects.filter(paper=paper, student_id__in=[w.student_id for w in plan["update"]])
        }
        changed = []
        for w in plan["update"]:
            response = by_student[w.student_id]
            response.school_class_id, response.points, response.answers = w.school_class_id, w.points, w.answers
            changed.append(response)
        ItemResponse.objects.bulk_update(changed, ["school_class", "points", "answers"], batch_size=2000)
    if plan["create"] or plan["update"]:
        paper.bump()
    return {key: len(value) for key, value in plan.items()}


def item_specs(paper: Paper) -> list[ItemSpec]:
    """The paper's items as the core knows them (with knowledge point and ability names)."""
    from zhiliang.core.items import ItemKind

    items = paper.items.prefetch_related("knowledge_points", "abilities").order_by("position")
    return [
        ItemSpec(
            label=item.label,
            max_points=float(item.max_points),
            kind=ItemKind(item.kind),
            key=item.key,
            knowledge_points=tuple(k.name for k in item.knowledge_points.all()),
            abilities=tuple(a.name for a in item.abilities.all()),
            intended=float(item.intended) if item.intended is not None else None,
        )
        for item in items
    ]


def kp_items(specs: Sequence[ItemSpec]) -> Mapping[str, list[int]]:
    """Knowledge point → indices of the items testing it."""
    out: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        for name in spec.knowledge_points:
            out.setdefault(name, []).append(index)
    return out
