import io

import openpyxl
import pytest

from tests.core.tabular.files import grid_cells, xlsx
from zhiliang.core.tabular import ImportProblems, Problem, problems_to_xlsx, read_table, register_messages
from zhiliang.core.tabular.messages import render

register_messages(
    "test.score_out_of_range",
    "分数 {score} 超出了满分 {full}。",
    "The score {score} is above the full mark {full}.",
)


def score_problem(**overrides: object) -> Problem:
    fields: dict[str, object] = {
        "filename": "成绩.xlsx",
        "sheet": "Sheet1",
        "row": 12,
        "column": "D",
        "header": "语文",
        "code": "test.score_out_of_range",
        "params": {"score": 160, "full": 150},
    }
    fields.update(overrides)
    return Problem(**fields)  # type: ignore[arg-type]


def test_a_problem_names_file_sheet_row_and_column_in_chinese() -> None:
    assert score_problem().message() == "文件“成绩.xlsx”工作表“Sheet1”第 12 行 D 列（语文）：分数 160 超出了满分 150。"


def test_a_problem_names_file_sheet_row_and_column_in_english() -> None:
    assert score_problem().message("en") == (
        "File “成绩.xlsx”, sheet “Sheet1”, row 12, column D (语文): The score 160 is above the full mark 150."
    )


@pytest.mark.parametrize(
    ("overrides", "zh", "en"),
    [
        ({"sheet": None}, "文件“成绩.xlsx”第 12 行 D 列（语文）", "File “成绩.xlsx”, row 12, column D (语文)"),
        (
            {"row": None},
            "文件“成绩.xlsx”工作表“Sheet1”D 列（语文）",
            "File “成绩.xlsx”, sheet “Sheet1”, column D (语文)",
        ),
        (
            {"header": None},
            "文件“成绩.xlsx”工作表“Sheet1”第 12 行 D 列",
            "File “成绩.xlsx”, sheet “Sheet1”, row 12, column D",
        ),
        (
            {"column": None, "row": None},
            "文件“成绩.xlsx”工作表“Sheet1”“语文”列",
            "File “成绩.xlsx”, sheet “Sheet1”, column “语文”",
        ),
        (
            {"column": None, "header": None},
            "文件“成绩.xlsx”工作表“Sheet1”第 12 行",
            "File “成绩.xlsx”, sheet “Sheet1”, row 12",
        ),
    ],
)
def test_the_location_leaves_out_what_is_unknown(overrides: dict[str, object], zh: str, en: str) -> None:
    problem = score_problem(**overrides)
    assert problem.location() == zh
    assert problem.location("en") == en


@pytest.mark.parametrize("lang", ["en", "en-us", "EN_GB"])
def test_any_english_language_code_gives_english(lang: str) -> None:
    assert score_problem().detail(lang) == "The score 160 is above the full mark 150."


@pytest.mark.parametrize("lang", ["zh-hans", "zh-cn", "zh_Hans", "fr"])
def test_other_language_codes_give_chinese(lang: str) -> None:
    assert score_problem().detail(lang) == "分数 160 超出了满分 150。"


def test_registering_a_different_message_under_a_used_code_fails() -> None:
    register_messages(
        "test.score_out_of_range",
        "分数 {score} 超出了满分 {full}。",
        "The score {score} is above the full mark {full}.",
    )
    with pytest.raises(ValueError, match="already registered"):
        register_messages("test.score_out_of_range", "别的", "other")


def test_a_missing_parameter_or_unknown_code_does_not_crash_the_report() -> None:
    assert render("test.score_out_of_range", {"score": 160}) == "分数 160 超出了满分 ?。"
    assert render("nobody.registered", {"a": 1}) == "nobody.registered (a=1)"


def test_import_problems_carries_every_problem() -> None:
    problems = [score_problem(), score_problem(row=13)]
    error = ImportProblems(problems)
    assert error.problems == problems
    assert str(error) == score_problem().message() + "（另有 1 个问题）"
    with pytest.raises(ValueError):
        ImportProblems([])


def test_the_error_report_opens_in_excel_with_one_row_per_problem() -> None:
    problems = [score_problem(), score_problem(row=15, column="F", header="数学", params={"score": 151, "full": 150})]
    workbook = openpyxl.load_workbook(io.BytesIO(problems_to_xlsx(problems)))
    sheet = workbook.active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "导入问题（共 2 个）"
    assert values[1] == ["文件", "工作表", "行", "列", "列名", "问题"]
    assert values[2] == ["成绩.xlsx", "Sheet1", 12, "D", "语文", "分数 160 超出了满分 150。"]
    assert values[3] == ["成绩.xlsx", "Sheet1", 15, "F", "数学", "分数 151 超出了满分 150。"]
    assert sheet.freeze_panes == "A3"


def test_the_error_report_in_english_and_read_back_by_our_reader() -> None:
    report = problems_to_xlsx([score_problem(sheet=None, row=None, column=None, header=None)], lang="en")
    table = read_table(report, filename="problems.xlsx", known_headers=["File", "Problem"])
    assert [column.label for column in table.columns] == ["File", "Sheet", "Row", "Column", "Column name", "Problem"]
    assert table.rows[0].values == ("成绩.xlsx", None, None, None, None, "The score 160 is above the full mark 150.")


def test_table_problem_locates_a_cell() -> None:
    table = read_table(xlsx({"成绩": grid_cells(3, [("姓名", "语文"), ("张三", 160)])}), filename="期中.xlsx")
    chinese = table.column("语文")
    assert chinese is not None
    problem = table.problem("test.score_out_of_range", row=table.rows[0], column=chinese, score=160, full=150)
    assert problem == Problem(
        "期中.xlsx", "成绩", 4, "B", "语文", "test.score_out_of_range", {"score": 160, "full": 150}
    )
    missing = table.problem("column.missing", label="班级", accepted=["班级", "班别"])
    assert (missing.row, missing.column, missing.header) == (None, None, None)
    assert missing.message() == "文件“期中.xlsx”工作表“成绩”：缺少“班级”列。可以使用的列名：“班级”、“班别”。"
    assert missing.message("en") == (
        "File “期中.xlsx”, sheet “成绩”: The column “班级” is missing. Accepted column names: “班级”, “班别”."
    )
