"""Reading an item-score file (小题得分表) exported by a marking system.

Layout: a header row with 学籍号 or 学号 (考号 is accepted too), optionally 姓名, 学校 and 班级, then one
column per item (`1`, `2`, `13(1)`, `第13(1)题` …); a 满分 row directly under the header gives each item's
max points unless they are given separately (`max_points`, the CLI's `--max 1=2`). An 答案 / 标准答案 row may
give the keys of choice items. A cell is the points obtained, blank when the item was left unanswered, or for
a choice item the letters chosen (`B`, `ACD`), scored against the key (`model.score_choice`). Columns of
totals and ranks (总分, 客观题, 主观题, 名次 …) are not items; a 总分 column is kept to be checked, never trusted.

Every problem names file, sheet, row and column (`zhiliang.core.tabular.Problem`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from zhiliang.core.items import messages as m
from zhiliang.core.items.model import ItemKind, ItemSpec, normalise_letters, score_choice
from zhiliang.core.tabular import Column, Problem, Table, cell_text, header_key, parse_number, read_table

ID_HEADERS = ("学籍号", "学号", "考号", "准考证号", "全国学籍号")
NAME_HEADERS = ("姓名", "学生姓名")
SCHOOL_HEADERS = ("学校", "学校名称")
CLASS_HEADERS = ("班级", "班别", "班")
TOTAL_HEADERS = ("总分", "合计", "得分", "卷面分")
IGNORED_HEADERS = ("客观题", "主观题", "客观分", "主观分", "名次", "排名", "校次", "班次", "序号", "性别", "备注")
MAX_ROW_WORDS = ("满分", "分值", "满分值")
KEY_ROW_WORDS = ("答案", "标准答案", "参考答案")
_ITEM_LABEL = re.compile(r"^第?(.+?)题?$")
_LETTERS = re.compile(r"^[A-Ha-h](?:[\s,，、]*[A-Ha-h])*$")


@dataclass(frozen=True)
class StudentRow:
    row: int
    student_id: str
    name: str | None
    school: str | None
    class_name: str | None
    total_in_file: float | None


@dataclass
class ItemSheet:
    filename: str
    sheet: str | None
    items: list[ItemSpec]
    students: list[StudentRow]
    points: npt.NDArray[np.float64]  # students × items, NaN = blank
    answers: dict[int, list[str | None]] = field(default_factory=dict)  # choice items: letters chosen
    columns: dict[str, str] = field(default_factory=dict)  # item label → column letter
    problems: list[Problem] = field(default_factory=list)


def item_label(text: str) -> str:
    """`第13(1)题` → `13(1)`, `１３（１）` → `13(1)`: the label an item is known by."""
    cleaned = text.strip()
    match = _ITEM_LABEL.match(cleaned)
    return match.group(1) if match and match.group(1) else cleaned


def _is(column: Column, words: Sequence[str]) -> bool:
    return header_key(column.label) in {header_key(w) for w in words}


def read_item_scores(
    source: bytes | Path,
    *,
    filename: str,
    sheet: str | None = None,
    max_points: Mapping[str, float] | None = None,
    keys: Mapping[str, str] | None = None,
    paper: Sequence[ItemSpec] | None = None,
    max_bytes: int | None = None,
) -> ItemSheet:
    """Read and check an item-score file. Raises `ImportProblems` when the file cannot be read as a table;
    every other problem is listed in `ItemSheet.problems` (and then the matrix must not be used).

    `paper` (the items defined for the paper, with kinds, keys and max points) makes the file's columns
    match those items; without it the items are taken from the file (kinds inferred from the key row).
    """
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    table = read_table(
        source,
        filename=filename,
        sheet=sheet,
        known_headers=[*ID_HEADERS, *NAME_HEADERS, *SCHOOL_HEADERS, *CLASS_HEADERS],
        **kwargs,
    )
    return items_from_table(table, max_points=max_points or {}, keys=keys or {}, paper=paper)


def items_from_table(
    table: Table,
    *,
    max_points: Mapping[str, float],
    keys: Mapping[str, str],
    paper: Sequence[ItemSpec] | None = None,
) -> ItemSheet:
    problems: list[Problem] = []
    id_col = next((c for words in [(h,) for h in ID_HEADERS] for c in table.columns if _is(c, words)), None)
    name_col = next((c for c in table.columns if _is(c, NAME_HEADERS)), None)
    school_col = next((c for c in table.columns if _is(c, SCHOOL_HEADERS)), None)
    class_col = next((c for c in table.columns if _is(c, CLASS_HEADERS)), None)
    total_col = next((c for c in table.columns if _is(c, TOTAL_HEADERS)), None)
    known = {id(c) for c in (id_col, name_col, school_col, class_col, total_col) if c is not None}
    id_like = [c for c in table.columns if _is(c, ID_HEADERS)]
    item_cols = [c for c in table.columns if id(c) not in known and c not in id_like and not _is(c, IGNORED_HEADERS)]
    empty = ItemSheet(table.filename, table.sheet, [], [], np.zeros((0, 0)), problems=problems)
    if id_col is None:
        problems.append(table.problem(m.NO_ID_COLUMN))
        return empty
    if not item_cols:
        problems.append(table.problem(m.NO_ITEM_COLUMNS))
        return empty

    labels: dict[str, Column] = {}
    for column in item_cols:
        label = item_label(column.label)
        if label in labels:
            letters = f"{labels[label].letter}、{column.letter}"
            problems.append(table.problem(m.DUPLICATE_ITEM, column=column, item=label, letters=letters))
            continue
        labels[label] = column

    # 满分 and 答案 rows directly under the header (in either order), recognised by their first cells.
    rows = list(table.rows)
    file_max: dict[str, float] = {}
    file_keys: dict[str, str] = {}
    while rows:
        first = [cell_text(v) for v in rows[0].values[: max(c.index for c in item_cols)] if cell_text(v)]
        head = {header_key(w) for w in first[:3]}
        if head & {header_key(w) for w in MAX_ROW_WORDS}:
            for label, column in labels.items():
                value = rows[0].get(column)
                if value is None or cell_text(value) == "":
                    continue
                try:
                    number = parse_number(value)
                except ValueError:
                    number = None
                if number is None or number <= 0:
                    problems.append(table.problem(m.BAD_MAX, row=rows[0], column=column, item=label, value=value))
                else:
                    file_max[label] = float(number)
            rows.pop(0)
        elif head & {header_key(w) for w in KEY_ROW_WORDS}:
            for label, column in labels.items():
                letters = normalise_letters(cell_text(rows[0].get(column)) or "")
                if letters:
                    file_keys[label] = letters
            rows.pop(0)
        else:
            break

    for label in max_points:
        if label not in labels:
            problems.append(table.problem(m.MAX_FOR_UNKNOWN, item=label))
    items = _items(table, labels, file_max, max_points, {**file_keys, **keys}, paper, problems)
    if items is None:
        return empty
    columns = [labels[item.label] for item in items]

    students: list[StudentRow] = []
    seen: dict[str, int] = {}
    n, k = len(rows), len(items)
    matrix = np.full((n, k), np.nan)
    answers: dict[int, list[str | None]] = {i: [None] * n for i, item in enumerate(items) if item.kind.is_choice}
    kept = 0
    for row in rows:
        student_id = cell_text(row.get(id_col)) or ""
        if not student_id:
            problems.append(table.problem("cell.required", row=row, column=id_col))
            continue
        if student_id in seen:
            problems.append(
                table.problem(m.DUPLICATE_STUDENT, row=row, column=id_col, value=student_id, first_row=seen[student_id])
            )
            continue
        seen[student_id] = row.number
        for i, (item, column) in enumerate(zip(items, columns, strict=True)):
            value = row.get(column)
            # The common case (a number cell in range), without the text parsers: a county file has 1.5 million.
            if (type(value) is int or type(value) is float) and 0 <= value <= item.max_points + 1e-9:
                matrix[kept, i] = value
                continue
            text = cell_text(value) if value is not None else ""
            if not text:
                continue
            if isinstance(value, str) and _LETTERS.match(text):
                if not item.key:
                    problems.append(table.problem(m.NO_KEY, row=row, column=column, item=item.label, value=text))
                    continue
                letters = normalise_letters(text)
                matrix[kept, i] = score_choice(item, letters)
                if i in answers:
                    answers[i][kept] = letters
                continue
            try:
                number = parse_number(value)
            except ValueError:
                number = None
            if number is None:
                problems.append(table.problem(m.NOT_POINTS, row=row, column=column, value=text))
            elif number < 0:
                problems.append(table.problem(m.NEGATIVE, row=row, column=column, value=text))
            elif number > item.max_points + 1e-9:
                problems.append(
                    table.problem(
                        m.ABOVE_MAX, row=row, column=column, value=text, item=item.label, max=_plain(item.max_points)
                    )
                )
            else:
                matrix[kept, i] = float(number)
        total = None
        if total_col is not None:
            try:
                parsed = parse_number(row.get(total_col))
                total = float(parsed) if parsed is not None else None
            except ValueError:
                total = None
        students.append(
            StudentRow(
                row.number,
                student_id,
                cell_text(row.get(name_col)) if name_col else None,
                cell_text(row.get(school_col)) if school_col else None,
                cell_text(row.get(class_col)) if class_col else None,
                total,
            )
        )
        kept += 1
    if not students and not problems:
        problems.append(table.problem(m.NO_STUDENTS))
    return ItemSheet(
        filename=table.filename,
        sheet=table.sheet,
        items=items,
        students=students,
        points=matrix[:kept],
        answers={i: letters[:kept] for i, letters in answers.items()},
        columns={item.label: column.letter for item, column in zip(items, columns, strict=True)},
        problems=problems,
    )


def _items(
    table: Table,
    labels: dict[str, Column],
    file_max: dict[str, float],
    given_max: Mapping[str, float],
    keys: Mapping[str, str],
    paper: Sequence[ItemSpec] | None,
    problems: list[Problem],
) -> list[ItemSpec] | None:
    """The items of the file, from the paper when there is one (its order), else from the columns."""
    before = len(problems)
    items: list[ItemSpec] = []
    if paper is not None:
        by_label = {item.label: item for item in paper}
        for label, column in labels.items():
            if label not in by_label:
                problems.append(table.problem(m.UNKNOWN_ITEM, column=column, item=label, items=list(by_label)))
        for item in paper:
            if item.label not in labels:
                problems.append(table.problem(m.MISSING_ITEM, item=item.label))
                continue
            stated = given_max.get(item.label, file_max.get(item.label))
            if stated is not None and abs(stated - item.max_points) > 1e-9:
                problems.append(
                    table.problem(
                        m.MAX_DIFFERS,
                        column=labels[item.label],
                        item=item.label,
                        value=_plain(stated),
                        expected=_plain(item.max_points),
                    )
                )
            items.append(item)
    else:
        for label, column in labels.items():
            maximum = given_max.get(label, file_max.get(label))
            if maximum is None:
                problems.append(table.problem(m.NO_MAX, column=column, item=label))
                continue
            key = keys.get(label, "")
            kind = ItemKind.CONSTRUCTED
            if key:
                kind = ItemKind.SINGLE if len(key) == 1 else ItemKind.MULTIPLE
            items.append(ItemSpec(label=label, max_points=maximum, kind=kind, key=key))
    return items if len(problems) == before else None


def _plain(value: float) -> str:
    return f"{value:g}"
