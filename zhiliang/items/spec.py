"""A paper's item specification (双向细目表): each item's kind, max points, key, knowledge points, ability
levels and intended difficulty, edited on a page or uploaded as a file.

While the paper has no item scores the specification defines its items. Once it has some, the labels and max
points are fixed (points are stored in item order); knowledge points, ability levels and intended difficulty
change no stored point and may change at any time; a new key or kind is refused if re-scoring the letters
already stored would give other points than those stored. Writes are atomic, write only what changed (the
same specification twice changes nothing), bump the paper's version (the analysis cache key) and are audited.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.items import ItemKind, ItemSpec
from zhiliang.core.items.model import normalise_letters, score_choice
from zhiliang.core.items.sheet import item_label
from zhiliang.core.tabular import Problem, Row, Table, cell_text, parse_number, register_messages
from zhiliang.exams.models import ExamSubject
from zhiliang.items.models import ItemResponse, Paper
from zhiliang.items.services import abilities_ensure, item_specs, knowledge_points_ensure, paper_define

KIND_NAMES = {ItemKind.SINGLE: "单选", ItemKind.MULTIPLE: "多选", ItemKind.FILL: "填空", ItemKind.CONSTRUCTED: "解答"}
_KIND_WORDS = {
    **{name: kind for kind, name in KIND_NAMES.items()},
    **{f"{name}题": kind for kind, name in KIND_NAMES.items()},
    **{kind.value: kind for kind in ItemKind},
    "主观": ItemKind.CONSTRUCTED,
    "主观题": ItemKind.CONSTRUCTED,
}
HEADERS = ["题号", "题型", "满分", "答案", "知识点", "能力层次", "预估难度"]
_SEPARATORS = re.compile(r"[、,，;；]")

NO_LABEL_COLUMN = "items.spec.no_label_column"
NO_LABEL = "items.spec.no_label"
SAME_LABEL = "items.spec.same_label"
BAD_KIND = "items.spec.bad_kind"
BAD_MAX = "items.spec.bad_max"
NO_KEY = "items.spec.no_key"
NO_MAX = "items.spec.no_max"
BAD_INTENDED = "items.spec.bad_intended"
LABELS_FIXED = "items.spec.labels_fixed"
MAX_FIXED = "items.spec.max_fixed"
KEY_RESCORES = "items.spec.key_rescores"
register_messages(NO_LABEL_COLUMN, "缺少“题号”列", "the column 题号 (item) is missing")
register_messages(NO_LABEL, "缺少题号", "the item label is missing")
register_messages(SAME_LABEL, "第 {label} 题出现了两次", "item {label} appears twice")
register_messages(
    BAD_KIND, "题型“{value}”应为单选、多选、填空或解答", "kind “{value}” should be 单选, 多选, 填空 or 解答"
)
register_messages(BAD_MAX, "满分“{value}”应为正数", "max points “{value}” should be a positive number")
register_messages(NO_KEY, "第 {label} 题是选择题，需要答案", "item {label} is a choice item and needs its key")
register_messages(NO_MAX, "第 {label} 题缺少满分", "item {label} has no max points")
register_messages(
    BAD_INTENDED,
    "预估难度“{value}”应为 0 到 1 之间的数",
    "intended difficulty “{value}” should be a number from 0 to 1",
)
register_messages(
    LABELS_FIXED,
    "试卷已有小题分，小题不能再改变（应为 {expected}）",
    "the paper already has item scores, so its items cannot change (expected {expected})",
)
register_messages(
    MAX_FIXED,
    "试卷已有小题分，第 {label} 题的满分不能从 {old} 改为 {new}",
    "the paper already has item scores: the max points of item {label} cannot change from {old} to {new}",
)
register_messages(
    KEY_RESCORES,
    "第 {label} 题改为答案“{key}”后，{count} 名学生已存的得分会改变；请先重新导入小题分",
    "with key “{key}”, the stored points of {count} students on item {label} would change; "
    "import the item scores again instead",
)


def split_names(text: str) -> tuple[str, ...]:
    """`"有理数、整式, 方程"` → `("有理数", "整式", "方程")`: names separated by 、 , ， ; or ；."""
    return tuple(dict.fromkeys(part.strip() for part in _SEPARATORS.split(text or "") if part.strip()))


@dataclass(frozen=True)
class SpecRow:
    """One item as entered; None for a column the file does not have (keep what is stored)."""

    row: int | None  # Excel row, for problems
    label: str
    kind: ItemKind | None
    max_points: float | None
    key: str | None
    knowledge_points: tuple[str, ...] | None
    abilities: tuple[str, ...] | None
    intended: float | str | None = "keep"  # "keep": no column


def _kind(text: str) -> ItemKind | None:
    return _KIND_WORDS.get(text.strip())


def read_spec_table(table: Table) -> tuple[list[SpecRow], list[Problem]]:
    """The rows of a 双向细目表 file, or the problems naming file, sheet, row and column."""
    columns = table.find_columns(dict.fromkeys(HEADERS, ()) | {"题号": ("题目", "小题")})
    problems: list[Problem] = []
    if "题号" not in columns:
        return [], [table.problem(NO_LABEL_COLUMN)]
    rows: list[SpecRow] = []
    seen: set[str] = set()

    def text(row: Row, header: str) -> str | None:
        column = columns.get(header)
        return None if column is None else cell_text(row.get(column)).strip()

    for row in table.rows:
        label = item_label(text(row, "题号") or "")
        if not label:
            if any(cell_text(v).strip() for v in row.values):
                problems.append(table.problem(NO_LABEL, row=row, column=columns["题号"]))
            continue
        if label in seen:
            problems.append(table.problem(SAME_LABEL, row=row, column=columns["题号"], label=label))
        seen.add(label)
        kind_text = text(row, "题型")
        kind = None
        if kind_text:
            kind = _kind(kind_text)
            if kind is None:
                problems.append(table.problem(BAD_KIND, row=row, column=columns["题型"], value=kind_text))
        max_points: float | None = None
        if "满分" in columns:
            raw = row.get(columns["满分"])
            try:
                number = parse_number(raw)
            except ValueError:
                number = None
            if number is None or number <= 0:
                problems.append(table.problem(BAD_MAX, row=row, column=columns["满分"], value=cell_text(raw)))
            else:
                max_points = float(number)
        intended: float | str | None = "keep"
        if "预估难度" in columns:
            raw = row.get(columns["预估难度"])
            try:
                value = parse_number(raw)
            except ValueError:
                value = -1
            if value is not None and not 0 <= value <= 1:
                problems.append(table.problem(BAD_INTENDED, row=row, column=columns["预估难度"], value=cell_text(raw)))
            intended = None if value is None else float(value)
        key = text(row, "答案")
        kps, abilities = text(row, "知识点"), text(row, "能力层次")
        rows.append(
            SpecRow(
                row=row.number,
                label=label,
                kind=kind,
                max_points=max_points,
                key=None if key is None else normalise_letters(key),
                knowledge_points=None if kps is None else split_names(kps),
                abilities=None if abilities is None else split_names(abilities),
                intended=intended,
            )
        )
    return rows, problems


def _intended(old: ItemSpec | None, row: SpecRow) -> float | None:
    if isinstance(row.intended, str):  # "keep": the file has no such column
        return old.intended if old else None
    # Stored with two decimals: rounding here keeps a third decimal from counting as a change every time.
    return None if row.intended is None else round(row.intended, 2)


def _merge(old: ItemSpec | None, row: SpecRow) -> ItemSpec | Problem:
    """The item `row` asks for, keeping from `old` what the row leaves out."""
    key = row.key if row.key is not None else (old.key if old else "")
    kind = row.kind or (old.kind if old else (ItemKind.SINGLE if len(key) == 1 else ItemKind.MULTIPLE if key else None))
    kind = kind or ItemKind.CONSTRUCTED
    max_points = row.max_points if row.max_points is not None else (old.max_points if old else None)
    if max_points is None:
        return Problem("", None, row.row, None, "满分", NO_MAX, {"label": row.label})
    if kind.is_choice and not key:
        return Problem("", None, row.row, None, "答案", NO_KEY, {"label": row.label})
    return ItemSpec(
        label=row.label,
        max_points=max_points,
        kind=kind,
        key=key if kind.is_choice else "",
        knowledge_points=row.knowledge_points
        if row.knowledge_points is not None
        else (old.knowledge_points if old else ()),
        abilities=row.abilities if row.abilities is not None else (old.abilities if old else ()),
        intended=_intended(old, row),
        partial_points=old.partial_points if old else None,
    )


def _rescored(paper: Paper, position: int, old: ItemSpec, new: ItemSpec) -> int:
    """How many stored points of the item would change if its letters were scored as `new`."""
    if not new.kind.is_choice or (old.kind == new.kind and old.key == new.key):
        return 0
    changed = 0
    for points, answers in ItemResponse.objects.filter(paper=paper).values_list("points", "answers"):
        letters = answers.get(str(position))
        stored = points[position]
        if letters and (stored is None or not math.isclose(score_choice(new, letters), stored)):
            changed += 1
    return changed


def _same(a: ItemSpec, b: ItemSpec) -> bool:
    """Equal items; knowledge points and ability levels compare as sets (the catalogue orders them)."""
    return replace(a, knowledge_points=(), abilities=()) == replace(b, knowledge_points=(), abilities=()) and (
        set(a.knowledge_points),
        set(a.abilities),
    ) == (set(b.knowledge_points), set(b.abilities))


@dataclass(frozen=True)
class SpecResult:
    problems: list[Problem]
    changed: list[str]  # labels of the items written
    defined: bool = False  # the items were (re)defined


def spec_write(
    *, exam_subject: ExamSubject, rows: Sequence[SpecRow], actor: Any, source: str, filename: str = ""
) -> SpecResult:
    """Check `rows` against the paper and write them all or nothing (see the module docstring)."""
    with transaction.atomic():
        paper = Paper.objects.select_for_update().filter(exam_subject=exam_subject).first()
        current = item_specs(paper) if paper is not None else []
        has_scores = paper is not None and paper.responses.exists()
        by_label = {spec.label: spec for spec in current}
        wanted: list[ItemSpec] = []
        problems: list[Problem] = []
        for row in rows:
            merged = _merge(by_label.get(row.label), row)
            if isinstance(merged, Problem):
                problems.append(replace(merged, filename=filename))
            else:
                wanted.append(merged)
        if has_scores and not problems:
            assert paper is not None
            if [s.label for s in wanted] != [s.label for s in current]:
                expected = "、".join(s.label for s in current)
                problems.append(Problem(filename, None, None, None, "题号", LABELS_FIXED, {"expected": expected}))
            else:
                for position, (old, new) in enumerate(zip(current, wanted, strict=True)):
                    row_number = rows[position].row
                    if not math.isclose(old.max_points, new.max_points):
                        params = {"label": new.label, "old": f"{old.max_points:g}", "new": f"{new.max_points:g}"}
                        problems.append(Problem(filename, None, row_number, None, "满分", MAX_FIXED, params))
                    count = _rescored(paper, position, old, new)
                    if count:
                        params = {"label": new.label, "key": new.key, "count": count}
                        problems.append(Problem(filename, None, row_number, None, "答案", KEY_RESCORES, params))
        if problems:
            return SpecResult(problems, [])
        if len(wanted) == len(current) and all(_same(a, b) for a, b in zip(wanted, current, strict=True)):
            return SpecResult([], [])
        if not has_scores and [(s.label, s.max_points) for s in wanted] != [(s.label, s.max_points) for s in current]:
            paper_define(exam_subject=exam_subject, items=wanted)
            changed, defined = [s.label for s in wanted], True
        else:
            assert paper is not None
            changed, defined = _update(paper, exam_subject, current, wanted), False
        audit_record(
            actor=actor,
            action=AuditAction.SCORE_EDIT,
            target=exam_subject.exam,
            what="item_specification",
            exam_subject=exam_subject.pk,
            source=source,
            items=changed,
        )
        return SpecResult([], changed, defined)


def _update(paper: Paper, exam_subject: ExamSubject, current: list[ItemSpec], wanted: list[ItemSpec]) -> list[str]:
    county_id = exam_subject.exam.county_id
    kps = knowledge_points_ensure(
        county_id=county_id, subject_id=exam_subject.subject_id, names=[k for s in wanted for k in s.knowledge_points]
    )
    abilities = abilities_ensure(county_id=county_id, names=[a for s in wanted for a in s.abilities])
    items = list(paper.items.order_by("position"))
    changed: list[str] = []
    for item, old, new in zip(items, current, wanted, strict=True):
        if _same(old, new):
            continue
        changed.append(new.label)
        item.kind, item.key = str(new.kind), new.key
        item.intended = None if new.intended is None else round(new.intended, 2)  # type: ignore[assignment]
        item.save(update_fields=["kind", "key", "intended"])
        item.knowledge_points.set([kps[name] for name in new.knowledge_points])
        item.abilities.set([abilities[name] for name in new.abilities])
    paper.bump()
    return changed


def form_rows(paper: Paper | None, data: Any) -> list[SpecRow]:
    """The rows posted by the page's form (fields `kind-N`, `max-N`, `key-N`, `kp-N`, `ability-N`,
    `intended-N` for item position N)."""
    items = list(paper.items.order_by("position")) if paper is not None else []
    rows = []
    for item in items:
        n = item.position
        kind = _kind(data.get(f"kind-{n}", "")) or ItemKind(item.kind)
        max_text = data.get(f"max-{n}")
        try:
            max_points = float(max_text) if max_text else None
        except ValueError:
            max_points = -1.0
        intended_text = (data.get(f"intended-{n}") or "").strip()
        try:
            intended: float | None = float(intended_text) if intended_text else None
        except ValueError:
            intended = -1.0
        rows.append(
            SpecRow(
                row=None,
                label=item.label,
                kind=kind,
                max_points=max_points,
                key=normalise_letters(data.get(f"key-{n}", "")),
                knowledge_points=split_names(data.get(f"kp-{n}", "")),
                abilities=split_names(data.get(f"ability-{n}", "")),
                intended=intended,
            )
        )
    return rows


def form_problems(rows: Sequence[SpecRow]) -> list[Problem]:
    """Values of the form that no file would let through either (max points, intended difficulty)."""
    problems = []
    for row in rows:
        if row.max_points is not None and row.max_points <= 0:
            problems.append(Problem("", None, None, None, row.label, BAD_MAX, {"value": f"{row.max_points:g}"}))
        if isinstance(row.intended, float) and not 0 <= row.intended <= 1:
            problems.append(Problem("", None, None, None, row.label, BAD_INTENDED, {"value": f"{row.intended:g}"}))
    return problems


def spec_rows_for_display(paper: Paper | None) -> list[dict[str, Any]]:
    """The current specification as the page and the template file show it."""
    if paper is None:
        return []
    return [
        {
            "position": position,
            "label": spec.label,
            "kind": spec.kind.value,
            "kind_name": KIND_NAMES[spec.kind],
            "max": f"{spec.max_points:g}",
            "key": spec.key,
            "knowledge": "、".join(spec.knowledge_points),
            "abilities": "、".join(spec.abilities),
            "intended": "" if spec.intended is None else f"{spec.intended:g}",
        }
        for position, spec in enumerate(item_specs(paper))
    ]
