"""Errors of the value-added core: a stable code, and a message in zh-Hans and English.

The core takes frames and arrays, so a message names the column (as the caller called it) and what is wrong;
the CLI prints the zh-Hans text and exits with status 2, the web pages show the user's language.
"""

from __future__ import annotations

from typing import Any

# code -> (zh-Hans template, English template); templates use str.format fields from `params`.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing_column": ("表中没有“{column}”列。", "The table has no column “{column}”."),
    "not_numeric": (
        "“{column}”列应为数字，第 {rows} 行不是：{values}。",
        "Column “{column}” must be numeric; rows {rows} are not: {values}.",
    ),
    "too_few_rows": (
        "可用的学生只有 {n} 名（去掉缺少数据的行后），至少需要 {needed} 名。",
        "Only {n} students remain once rows with missing values are left out; at least {needed} are needed.",
    ),
    "too_few_groups": (
        "只有 {n} 个“{column}”分组有数据，至少需要 2 个才能比较。",
        "Only {n} groups of “{column}” have data; at least 2 are needed to compare them.",
    ),
    "collinear": (
        "前测与背景变量线性相关（如某列全相同，或两列重复），无法估计：{columns}。",
        "The prior and context columns are collinear (a constant column, or two columns repeating each other): "
        "{columns}.",
    ),
    "same_column": (
        "“{column}”不能同时用作结果、前测、分组或背景变量中的两种。",
        "Column “{column}” cannot serve two roles (outcome, prior, group or context).",
    ),
}


class ValueAddedInputError(ValueError):
    """The data cannot be modelled; `code` is a key of `MESSAGES`."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "zh") -> str:
        zh, en = MESSAGES[self.code]
        template = en if language.lower().startswith("en") else zh
        return template.format(**self.params)
