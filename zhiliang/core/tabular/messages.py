"""Catalogue of problem messages, in zh-Hans and English, keyed by problem code.

Every core that reports problems about a file (reading, rosters, scores, fitness) registers its codes here
with `register_messages`, so all of them share one `Problem` type and one way of naming file, sheet, row and
column. Templates use `str.format` fields filled from `Problem.params`, plus two format specs of our own:

- `{sheets:list}` joins a sequence with "、" (zh) or ", " (en), quoting each item with “ ”;
- `{size:mb}` shows a byte count in MB ("20 MB", "25.3 MB").

Codes are dotted, namespaced by the core that owns them ("file.too_large", "score.out_of_range").
The core is pure Python, so this catalogue does not go through Django's gettext; the Django layer picks the
language with `Problem.message(lang=request.LANGUAGE_CODE)`.
"""

import string
from collections.abc import Mapping, Sequence
from typing import Any

_CATALOGUE: dict[str, tuple[str, str]] = {}


def register_messages(code: str, zh: str, en: str) -> None:
    """Add the zh-Hans and English templates for `code`.

    Registering the same texts again is allowed (modules may be imported twice in tests); registering
    different texts under a code that exists raises ValueError, so two cores cannot silently clash.
    """
    existing = _CATALOGUE.get(code)
    if existing is not None and existing != (zh, en):
        raise ValueError(f"problem code {code!r} is already registered with different messages")
    _CATALOGUE[code] = (zh, en)


def is_registered(code: str) -> bool:
    return code in _CATALOGUE


def language(lang: str) -> str:
    """Map a Django language code to the catalogue's languages: "en" for any English, else "zh"."""
    return "en" if lang.lower().replace("_", "-").startswith("en") else "zh"


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "?"  # a missing parameter must not turn an error report into a crash
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec == "list":
            items = value if isinstance(value, list | tuple | set | frozenset) else [value]
            separator = ", " if self.lang == "en" else "、"
            return separator.join(f"“{item}”" for item in items)
        if format_spec == "mb":
            megabytes = float(value) / (1024 * 1024)
            return f"{megabytes:.1f}".removesuffix(".0") + " MB"
        return super().format_field(value, format_spec)


def render(code: str, params: Mapping[str, object], lang: str = "zh-hans") -> str:
    """The message for `code` with `params` filled in, in `lang` ("zh-hans" or "en")."""
    lang = language(lang)
    templates = _CATALOGUE.get(code)
    if templates is None:
        details = ", ".join(f"{key}={value}" for key, value in params.items())
        return f"{code} ({details})" if details else code
    template = templates[1] if lang == "en" else templates[0]
    return _Formatter(lang).vformat(template, (), dict(params))


# Reading a file. Parameters are listed in the docs (docs/imports.md).
register_messages(
    "file.empty",
    "文件是空的，没有任何内容。",
    "The file is empty.",
)
register_messages(
    "file.too_large",
    "文件大小为 {size:mb}，超过了 {limit:mb} 的上限。请删除无关的工作表或拆分成几个文件后再上传。",
    "The file is {size:mb}, more than the {limit:mb} limit. Remove unrelated sheets or split it into several "
    "files, then upload again.",
)
register_messages(
    "file.not_spreadsheet",
    "这不是电子表格文件。请上传 Excel 文件（.xlsx、.xls）或 CSV 文件。",
    "This is not a spreadsheet. Please upload an Excel file (.xlsx, .xls) or a CSV file.",
)
register_messages(
    "file.corrupt",
    "文件已损坏或不完整，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
    "The file is damaged or incomplete and cannot be read. Open it in Excel or WPS, save it as .xlsx and "
    "upload it again.",
)
register_messages(
    "file.encrypted",
    "文件设置了打开密码。请在 Excel 或 WPS 中取消密码后再上传。",
    "The file is protected by a password. Remove the password in Excel or WPS, then upload it again.",
)
register_messages(
    "file.web_page",
    "这个文件实际上是网页（HTML/XML）格式，只是扩展名为 Excel。请用 Excel 或 WPS 打开后"
    "“另存为” Excel 工作簿（.xlsx）再上传。",
    "This file is really a web page (HTML/XML) with an Excel extension. Open it in Excel or WPS, use "
    "“Save as” Excel workbook (.xlsx), then upload it again.",
)
register_messages(
    "file.undecodable",
    "无法识别文件的文字编码（不是 UTF-8 或 GBK）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
    "The text encoding of the file is not recognised (neither UTF-8 nor GBK). Open it in Excel or WPS, save "
    "it as .xlsx and upload it again.",
)
register_messages(
    "workbook.empty",
    "文件中所有工作表都是空的。",
    "Every sheet in the file is empty.",
)
register_messages(
    "sheet.unknown",
    "找不到工作表“{sheet}”。文件中的工作表有：{sheets:list}。",
    "There is no sheet “{sheet}”. The sheets in the file are: {sheets:list}.",
)
register_messages(
    "sheet.empty",
    "工作表是空的。",
    "The sheet is empty.",
)
register_messages(
    "header.not_found",
    "在前 {rows} 行中找不到表头（列名所在的行）。请确认表格第一行或标题下方是列名，如“{example}”。",
    "No header row (the row with the column names) was found in the first {rows} rows. Make sure the column "
    "names, such as “{example}”, are in the first row or right below the title.",
)

# Generic cell and column problems that every import reports the same way.
register_messages(
    "column.missing",
    "缺少“{label}”列。可以使用的列名：{accepted:list}。",
    "The column “{label}” is missing. Accepted column names: {accepted:list}.",
)
register_messages(
    "column.duplicate",
    "“{label}”列出现了不止一次（{letters:list}列）。请只保留一列。",
    "The column “{label}” appears more than once (columns {letters:list}). Keep only one.",
)
register_messages(
    "cell.required",
    "此项必须填写。",
    "This cell must not be empty.",
)
register_messages(
    "cell.not_a_number",
    "“{value}”不是数字。",
    "“{value}” is not a number.",
)
register_messages(
    "cell.not_a_date",
    "“{value}”不是日期。请写成 2012-03-05 这样的格式。",
    "“{value}” is not a date. Write it like 2012-03-05.",
)
