"""Problems found in an uploaded file, pointing to the file, sheet, row and column a person must fix."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zhiliang.core.tabular.messages import language, render
from zhiliang.core.xlsx_export import ColumnKind, ColumnSpec, SheetSpec, workbook_bytes


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an uploaded file.

    `row` is the row number exactly as Excel shows it (1-based), `column` the column letter ("D"), `header`
    the column's label ("语文/得分"); any of them is None when the problem is about the whole file, sheet,
    row or column. `code` selects the message template (see `messages.py`), `params` fills it in.
    """

    filename: str
    sheet: str | None
    row: int | None
    column: str | None
    header: str | None
    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def location(self, lang: str = "zh-hans") -> str:
        """Where the problem is: 文件“成绩.xlsx”工作表“Sheet1”第 12 行 D 列（语文）."""
        if language(lang) == "en":
            parts = [f"File “{self.filename}”"]
            if self.sheet:
                parts.append(f"sheet “{self.sheet}”")
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.column and self.header:
                parts.append(f"column {self.column} ({self.header})")
            elif self.column:
                parts.append(f"column {self.column}")
            elif self.header:
                parts.append(f"column “{self.header}”")
            return ", ".join(parts)
        text = f"文件“{self.filename}”"
        if self.sheet:
            text += f"工作表“{self.sheet}”"
        if self.row is not None:
            text += f"第 {self.row} 行"
        if self.column or self.header:
            if self.row is not None:
                text += " "
            if self.column and self.header:
                text += f"{self.column} 列（{self.header}）"
            elif self.column:
                text += f"{self.column} 列"
            else:
                text += f"“{self.header}”列"
        return text

    def detail(self, lang: str = "zh-hans") -> str:
        """What is wrong, without the location (for reports that show the location in other columns)."""
        return render(self.code, self.params, lang)

    def message(self, lang: str = "zh-hans") -> str:
        """The full sentence: location, then what is wrong."""
        separator = ": " if language(lang) == "en" else "："
        return self.location(lang) + separator + self.detail(lang)


class ImportProblems(Exception):
    """Raised when a file cannot be imported; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("ImportProblems needs at least one problem")
        summary = self.problems[0].message()
        if len(self.problems) > 1:
            summary += f"（另有 {len(self.problems) - 1} 个问题）"
        super().__init__(summary)


def problems_to_xlsx(problems: Iterable[Problem], lang: str = "zh-hans") -> bytes:
    """A downloadable error report: one row per problem (file, sheet, row, column, column name, problem)."""
    problems = list(problems)
    english = language(lang) == "en"
    if english:
        headers = ("File", "Sheet", "Row", "Column", "Column name", "Problem")
        title = f"Import problems ({len(problems)})"
        sheet_name = "Problems"
    else:
        headers = ("文件", "工作表", "行", "列", "列名", "问题")
        title = f"导入问题（共 {len(problems)} 个）"
        sheet_name = "问题"
    widths = (24, 14, 8, 6, 16, 70)
    kinds: tuple[ColumnKind, ...] = ("text", "text", "int", "text", "text", "text")
    columns = [
        ColumnSpec(header, width=width, kind=kind) for header, width, kind in zip(headers, widths, kinds, strict=True)
    ]
    rows = (
        (p.filename, p.sheet, p.row, p.column, p.header, p.detail(lang))
        for p in problems  # keep the order the importer found them in: that is the order to fix them in
    )
    return workbook_bytes([SheetSpec(sheet_name, columns, rows, title=title)])
