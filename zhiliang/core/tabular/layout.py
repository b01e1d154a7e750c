"""Find the table inside a sheet as schools lay it out: title rows, one- or two-row headers, footnotes.

Input is the sheet as a grid (grid[i] is Excel row i + 1, cells already converted and normalised) plus the
merged-cell ranges; output is a `Table`. The rules are described with examples in docs/imports.md.
"""

import math
import re
from collections.abc import Collection, Sequence

from zhiliang.core.tabular.cells import CellValue, cell_text
from zhiliang.core.tabular.normalize import header_key, normalize_label, parse_number
from zhiliang.core.tabular.problems import ImportProblems, Problem
from zhiliang.core.tabular.table import Column, Row, Table

# (first row, first column), (last row, last column), 0-based and inclusive, as calamine reports them.
MergedRange = tuple[tuple[int, int], tuple[int, int]]
Grid = list[list[CellValue]]

HEADER_SEARCH_ROWS = 20  # non-empty rows searched for the header
_WIDTH_SAMPLE_ROWS = 200  # non-empty rows used to estimate how many columns the data has
_LOOKAHEAD_ROWS = 5  # data rows looked at to tell a sub-header row from a first data row

# A label is short; "学校：城关小学" and "制表日期：" (its date in the next cell) are metadata, not labels.
_MAX_LABEL_LENGTH = 30
_KEY_VALUE = re.compile(r".+[:：].*")

# Rows under (or, rarely, inside) the table that are notes and signatures, not data.
_FOOTNOTE = re.compile(
    r"(?:注\d*|说明|备注|附注|制表人?|填表人?|审核人?|校对人?|统计人|负责人|联系人|联系电话|校长(?:签字|签名)?"
    r"|签字|签名|盖章|单位(?:盖章)?|数据来源|制表日期|填表日期|统计日期|打印日期|导出日期|打印时间|导出时间"
    r"|日期|时间)\s*[:：.、]"
)
_FOOTNOTE_MAX_CELLS = 4
# A row whose only cell is a sentence ("本表成绩仅供学校内部使用，请勿外传") at the bottom of the table.
_SENTENCE = re.compile(r"[。，；！？,;]")
_LONG_TEXT = 12


def build_table(
    grid: Grid,
    merges: Sequence[MergedRange],
    *,
    filename: str,
    sheet: str | None,
    known_headers: Collection[str],
) -> Table:
    nonempty = [index for index, row in enumerate(grid) if _count(row)]
    if not nonempty:
        raise ImportProblems([Problem(filename, sheet, None, None, None, "sheet.empty")])
    width = max(_count(grid[index]) for index in nonempty[:_WIDTH_SAMPLE_ROWS])
    candidates = nonempty[:HEADER_SEARCH_ROWS]
    known = {header_key(label) for label in known_headers} - {""}

    # Only merges reaching into the rows searched matter for the header (a sheet may merge thousands of
    # data cells).
    upper_merges = [merge for merge in merges if merge[0][0] <= candidates[-1] + 1]
    header = _find_header(grid, upper_merges, candidates, known, width)
    if header is None:
        example = next(iter(known_headers), "姓名")
        params = {"rows": HEADER_SEARCH_ROWS, "example": example}
        raise ImportProblems([Problem(filename, sheet, None, None, None, "header.not_found", params)])
    two_rows = _has_sub_header(grid, upper_merges, header)
    columns = _columns(grid, upper_merges, header, two_rows)
    data_start = header + (2 if two_rows else 1)
    kept = _data_row_indexes(grid, columns, data_start)
    _fill_merged_data(grid, merges, data_start)
    table_width = max(column.index for column in columns) + 1
    rows = [Row(index + 1, _padded(grid[index], table_width)) for index in kept]
    return Table(
        filename=filename,
        sheet=sheet,
        header_row=header + 1,
        columns=columns,
        rows=rows,
        header_rows=2 if two_rows else 1,
    )


def _count(row: Sequence[CellValue]) -> int:
    return len(row) - row.count(None)


def _is_number(value: CellValue) -> bool:
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        try:
            return parse_number(value) is not None
        except ValueError:
            return False
    return False


def _is_label(value: CellValue) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= _MAX_LABEL_LENGTH
        and not _KEY_VALUE.fullmatch(value)
        and not _is_number(value)
    )


def _label(value: CellValue) -> str:
    return normalize_label(cell_text(value))


def _find_header(
    grid: Grid, merges: Sequence[MergedRange], candidates: list[int], known: set[str], width: int
) -> int | None:
    """The header row: the candidate naming most `known` headers, else the first that looks like one."""
    if known:
        scores = [(len(known & {header_key(_label(v)) for v in grid[i] if v is not None}), i) for i in candidates]
        best_score = max(score for score, _ in scores)
        if best_score:
            return next(index for score, index in scores if score == best_score)
    least = 2 if width > 1 else 1  # a one-column list has a one-label header
    # A header row is mostly short text labels. Its cells may be few when a two-row header merges a subject
    # over three columns, so cells covered by a merge count as filled.
    for index in candidates:
        row = grid[index]
        filled = _count(row) + _covered_by_merges(merges, index, row)
        labels = sum(_is_label(value) for value in row)
        if labels >= least and labels >= 0.8 * _count(row) and filled >= 0.3 * width:
            return index
    # Headers of numbers (question numbers 1, 2, 3... in an item-score export) fail the test above; accept
    # the first row that is at least half full and has two labels.
    for index in candidates:
        row = grid[index]
        if sum(_is_label(value) for value in row) >= least and _count(row) >= math.ceil(width / 2):
            return index
    return None


def _covered_by_merges(merges: Sequence[MergedRange], index: int, row: Sequence[CellValue]) -> int:
    covered = 0
    for (top, left), (bottom, right) in merges:
        if top <= index <= bottom:
            # Every cell of the range but the one holding the value (which _count already counted).
            covered += sum(1 for column in range(left, right + 1) if column >= len(row) or row[column] is None)
    return covered


def _has_sub_header(grid: Grid, merges: Sequence[MergedRange], header: int) -> bool:
    """Whether the row under the header is a second header row (得分/校次/班次 under 语文, 数学...).

    A header cell merged down into it settles it (its labels may then be question numbers 1, 2, 3 under
    "客观题"). Otherwise it must be mostly text, and either a header cell is merged across columns that have
    labels under them, or the header row has gaps or repeated labels over it and its labels sit over
    numbers or repeat themselves.
    """
    if header + 1 >= len(grid) or not _count(grid[header + 1]):
        return False
    header_merges = [merge for merge in merges if merge[0][0] == header]
    if any(last_row > header for (_, _), (last_row, _) in header_merges):
        return True
    top, sub = grid[header], grid[header + 1]
    sub_labels = [column for column, value in enumerate(sub) if _is_label(value)]
    if len(sub_labels) < 2 or len(sub_labels) < 0.8 * _count(sub):
        return False
    for (_, left), (_, right) in header_merges:
        if right > left and sum(left <= column <= right for column in sub_labels) >= 2:
            return True

    def top_at(column: int) -> CellValue:
        return top[column] if column < len(top) else None

    gaps = any(top_at(column) is None for column in sub_labels)
    top_keys = [_label(top_at(column)) for column in sub_labels if top_at(column) is not None]
    repeated_top = len(top_keys) != len(set(top_keys))
    if not (gaps or repeated_top):
        return False
    sub_keys = [_label(sub[column]) for column in sub_labels]
    repeated_sub = len(sub_keys) != len(set(sub_keys))
    return repeated_sub or _labels_over_numbers(grid, header + 2, sub_labels)


def _labels_over_numbers(grid: Grid, start: int, columns: list[int]) -> bool:
    below = [row for row in grid[start : start + 4 * _LOOKAHEAD_ROWS] if _count(row)][:_LOOKAHEAD_ROWS]
    if not below:
        return False
    for column in columns:
        numbers = sum(column < len(row) and _is_number(row[column]) for row in below)
        if numbers > len(below) / 2:
            return True
    return False


def _columns(grid: Grid, merges: Sequence[MergedRange], header: int, two_rows: bool) -> list[Column]:
    top_row = grid[header]
    sub_row = grid[header + 1] if two_rows else []
    count = max(len(top_row), len(sub_row))
    tops = [_label(top_row[c]) if c < len(top_row) else "" for c in range(count)]
    subs = [_label(sub_row[c]) if c < len(sub_row) else "" for c in range(count)]
    for (first_row, left), (last_row, right) in merges:
        for row_index, labels in ((header, tops), (header + 1, subs)):
            if first_row == row_index and right > left and (row_index == header or two_rows):
                for column in range(left + 1, min(right + 1, count)):
                    labels[column] = labels[left]
        if two_rows and first_row == header and last_row > header:
            for column in range(left, min(right + 1, count)):
                subs[column] = ""  # the header cell is merged down over the sub-header row
    if two_rows:
        # Exports without merged cells leave the cells right of "语文" empty: they belong to 语文 when the
        # column on their left has a sub label too (语文/得分, then 校次, 班次).
        for column in range(1, count):
            if not tops[column] and subs[column] and tops[column - 1] and subs[column - 1]:
                tops[column] = tops[column - 1]
    columns = []
    for column in range(count):
        top, sub = tops[column], subs[column] or None
        if not top and sub:
            top, sub = sub, None
        if sub is not None and header_key(sub) == header_key(top):
            sub = None
        if top:
            columns.append(Column(index=column, top=top, sub=sub))
    return columns


def _data_row_indexes(grid: Grid, columns: list[Column], start: int) -> list[int]:
    """Indexes of the rows holding data: not empty, not a footnote, not the header repeated (exports that
    print the header again on every page or above every class)."""
    width = max(column.index for column in columns) + 1
    first = columns[0].index
    header_keys = {column.index: {header_key(column.top), header_key(column.sub or "")} for column in columns}
    # Cheap filter before header_key: the first character a repeated header's first cell can start with.
    initials = {key[:1] for key in header_keys[first]} | {"*"}
    kept: list[int] = []
    for index in range(start, len(grid)):
        cells = grid[index][:width]
        filled = _count(cells)
        if not filled:
            continue
        if filled <= _FOOTNOTE_MAX_CELLS and _is_footnote(cells):
            continue
        leading = cells[first] if first < len(cells) else None
        repeats_header = (
            isinstance(leading, str)
            and leading[:1].casefold() in initials
            and header_key(leading) in header_keys[first]
        )
        if repeats_header and _is_repeated_header(cells, header_keys):
            continue
        kept.append(index)
    while kept and _is_closing_text(grid[kept[-1]][:width]):
        kept.pop()
    return kept


def _is_footnote(cells: Sequence[CellValue]) -> bool:
    leading = next(value for value in cells if value is not None)
    return isinstance(leading, str) and _FOOTNOTE.match(leading) is not None


def _is_repeated_header(cells: Sequence[CellValue], header_keys: dict[int, set[str]]) -> bool:
    filled = [(column, value) for column, value in enumerate(cells) if value is not None]
    same = sum(
        isinstance(value, str) and header_key(value) in header_keys.get(column, set()) for column, value in filled
    )
    return same >= 2 and same >= 0.8 * len(filled)


def _is_closing_text(cells: Sequence[CellValue]) -> bool:
    filled = [value for value in cells if value is not None]
    if len(filled) != 1 or not isinstance(filled[0], str):
        return False
    text = filled[0]
    return len(text) >= _LONG_TEXT or _SENTENCE.search(text) is not None


def _fill_merged_data(grid: Grid, merges: Sequence[MergedRange], start: int) -> None:
    """Give every cell of a merged range in the data the range's value: a class name merged down over its
    45 students belongs to each of them."""
    for (first_row, left), (last_row, right) in merges:
        if first_row < start or first_row >= len(grid):
            continue
        row = grid[first_row]
        value = row[left] if left < len(row) else None
        if value is None:
            continue
        for row_index in range(first_row, min(last_row + 1, len(grid))):
            target = grid[row_index]
            for column in range(left, min(right + 1, len(target))):
                target[column] = value


def _padded(row: Sequence[CellValue], width: int) -> tuple[CellValue, ...]:
    if len(row) >= width:
        return tuple(row[:width])
    return (*row, *([None] * (width - len(row))))
