"""Tolerant reading of tables as schools really produce them (see docs/imports.md)."""

from zhiliang.core.tabular.cells import CellValue, cell_text
from zhiliang.core.tabular.messages import register_messages
from zhiliang.core.tabular.normalize import (
    column_letter,
    header_key,
    match_header,
    normalize_label,
    normalize_text,
    parse_date,
    parse_number,
)
from zhiliang.core.tabular.problems import ImportProblems, Problem, problems_to_xlsx
from zhiliang.core.tabular.reader import DEFAULT_MAX_BYTES, list_sheets, read_table
from zhiliang.core.tabular.table import Column, Row, Table

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CellValue",
    "Column",
    "ImportProblems",
    "Problem",
    "Row",
    "Table",
    "cell_text",
    "column_letter",
    "header_key",
    "list_sheets",
    "match_header",
    "normalize_label",
    "normalize_text",
    "parse_date",
    "parse_number",
    "problems_to_xlsx",
    "read_table",
    "register_messages",
]
