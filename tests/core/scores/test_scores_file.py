"""Reading whole score sheets: wide, marking-system (two-row header), long; and every problem reported."""

from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scorefiles import write_xlsx
from zhiliang.core.scores_file import read_scores

HEADER = ("学校", "班级", "学籍号", "姓名", "性别", "年级", "语文", "数学", "道法")


def _read(path: Path, **kwargs: object) -> object:
    return read_scores(path, filename=path.name, **kwargs)  # type: ignore[arg-type]


def _cells(sheet: object) -> dict[tuple[str, str], tuple[float | None, str]]:
    frame = sheet.scores  # type: ignore[attr-defined]
    return {(r["student_id"], r["subject"]): (r["score"], r["status"]) for r in frame.iter_rows(named=True)}


def test_it_reads_a_wide_sheet_into_the_long_frame(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "成绩.xlsx",
        [
            ("2024 秋七年级期末成绩",),  # a title row above the header
            HEADER,
            ("一中", "1班", "G001", "张三", "男", "七年级", 98, "９５", 40),
            ("一中", "1班", "G002", "李四", "女", "七年级", "缺考，不计排名", "免", None),
            ("一中", "2班", "G003", "王五", "男", "七年级", "违纪", "未录", "88分"),
            ("注：缺考不计入平均分",),  # footnote
        ],
    )
    sheet = _read(path)
    assert sheet.problems == []  # type: ignore[attr-defined]
    assert sheet.layout == "wide"  # type: ignore[attr-defined]
    frame = sheet.scores  # type: ignore[attr-defined]
    assert frame.schema == pl.Schema(
        {
            "student_id": pl.String,
            "name": pl.String,
            "school": pl.String,
            "class": pl.String,
            "grade": pl.String,
            "group": pl.String,
            "subject": pl.String,
            "score": pl.Float64,
            "status": pl.String,
            "source_row": pl.Int64,
        }
    )
    assert frame.height == 9  # 3 students x 3 subjects
    assert _cells(sheet) == {
        ("G001", "语文"): (98.0, "scored"),
        ("G001", "数学"): (95.0, "scored"),
        ("G001", "道德与法治"): (40.0, "scored"),
        ("G002", "语文"): (None, "absent"),
        ("G002", "数学"): (None, "exempt"),
        ("G002", "道德与法治"): (None, "missing"),
        ("G003", "语文"): (None, "cheating"),
        ("G003", "数学"): (None, "missing"),
        ("G003", "道德与法治"): (88.0, "scored"),
    }
    first = frame.row(0, named=True)
    assert (first["name"], first["school"], first["class"], first["grade"], first["source_row"]) == (
        "张三",
        "一中",
        "1班",
        "七年级",
        3,
    )
    # 七年级: 语文 and 数学 default to 120, 道德与法治 to 100; all three were assumed, none given.
    assert [(s.name, s.full_marks) for s in sheet.subjects] == [  # type: ignore[attr-defined]
        ("语文", 120.0),
        ("数学", 120.0),
        ("道德与法治", 100.0),
    ]
    assert sheet.assumed_full_marks == ("语文", "数学", "道德与法治")  # type: ignore[attr-defined]


def test_full_marks_given_by_alias_override_the_defaults(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ("一中", "1班", "G1", "张三", "男", "三年级", 140, 90, 45)])
    sheet = _read(path, full_marks={"语文": 150, "道法": 50})
    assert sheet.problems == []  # type: ignore[attr-defined]
    assert {s.name: s.full_marks for s in sheet.subjects} == {  # type: ignore[attr-defined]
        "语文": 150.0,
        "数学": 100.0,  # 三年级: 100
        "道德与法治": 50.0,
    }
    assert sheet.assumed_full_marks == ("数学",)  # type: ignore[attr-defined]


def test_it_reads_a_marking_system_export_with_a_two_row_header(tmp_path: Path) -> None:
    # 语文 and 数学 are merged over 得分 / 校次 / 班次; there is no 学校 column.
    rows = [
        ("考号", "姓名", "班级", None, None, None, None, None, None, "总分"),
        (None, None, None, "得分", "校次", "班次", "得分", "校次", "班次", None),
        ("K01", "张三", "701", 88, 2, 1, 99.5, 1, 1, 187.5),
        ("K02", "李四", "701", 92, 1, 1, "缺考", None, None, 92),
        ("平均分", None, None, 90, None, None, 99.5),  # a summary row under the data
    ]
    merges = [(0, 3, 0, 5, "语文"), (0, 6, 0, 8, "数学"), (0, 0, 1, 0, "考号"), (0, 1, 1, 1, "姓名")]
    merges += [(0, 2, 1, 2, "班级"), (0, 9, 1, 9, "总分")]
    path = write_xlsx(tmp_path / "阅卷导出.xlsx", rows, merges=merges)
    sheet = _read(path, school="城关中学")
    assert sheet.problems == []  # type: ignore[attr-defined]
    assert _cells(sheet) == {
        ("K01", "语文"): (88.0, "scored"),
        ("K01", "数学"): (99.5, "scored"),
        ("K02", "语文"): (92.0, "scored"),
        ("K02", "数学"): (None, "absent"),
    }
    assert set(sheet.scores.get_column("school")) == {"城关中学"}  # type: ignore[attr-defined]
    assert set(_read(path).scores.get_column("school")) == {"本校"}  # type: ignore[attr-defined]


def test_it_reads_a_long_sheet_and_fills_subjects_a_student_has_no_row_for(tmp_path: Path) -> None:
    rows = [
        ("学号", "姓名", "班级", "科目", "成绩"),
        ("S1", "张三", "1班", "语文", 90),
        ("S1", "张三", "1班", "外语", 80),
        ("S2", "李四", "1班", "语文", "缺考"),
    ]
    sheet = _read(write_xlsx(tmp_path / "long.xlsx", rows))
    assert sheet.problems == []  # type: ignore[attr-defined]
    assert sheet.layout == "long"  # type: ignore[attr-defined]
    assert _cells(sheet) == {
        ("S1", "语文"): (90.0, "scored"),
        ("S1", "英语"): (80.0, "scored"),
        ("S2", "语文"): (None, "absent"),
        ("S2", "英语"): (None, "missing"),
    }


def test_every_problem_is_reported_with_row_and_column(tmp_path: Path) -> None:
    rows = [
        ("学校", "班级", "学籍号", "姓名", "语文", "数学", "物理2", "序号", "总分"),
        ("一中", "1班", "G1", "张三", 95, "abc", 50, 1, 150),  # text in 数学
        ("一中", "1班", "G2", "李四", -3, 60, 51, 2, 57),  # negative
        ("一中", "1班", "G3", "王五", 101, 60, 52, 3, 161),  # above 100
        ("一中", "1班", "G1", "赵六", 70, 60, 53, 4, 130),  # duplicate id
        ("一中", None, None, "钱七", 70, 60, 54, 5, 130),  # missing class and id
        ("一中", "2班", "G8", "孙八", 70, 60, 55, 6, 200),  # total disagrees
    ]
    sheet = _read(write_xlsx(tmp_path / "bad.xlsx", rows))
    found = {(p.row, p.column, p.code) for p in sheet.problems}  # type: ignore[attr-defined]
    assert found == {
        (1, "G", "scores.unknown_subject_column"),  # 物理2 holds scores; 序号 does not count
        (2, "F", "scores.text_in_score_cell"),
        (3, "E", "scores.negative_score"),
        (4, "E", "scores.above_full_marks"),
        (5, "C", "scores.duplicate_student"),
        (6, "B", "scores.missing_identity"),
        (6, "C", "scores.missing_identity"),
        (7, "I", "scores.total_mismatch"),
    }
    by_code = {p.code: p for p in sheet.problems}  # type: ignore[attr-defined]
    assert by_code["scores.above_full_marks"].message() == (
        "文件“bad.xlsx”工作表“成绩”第 4 行 E 列（语文）：语文成绩 101 超过满分 100"
        "（若满分不是 100，请在导入时指定语文的满分）"
    )
    assert by_code["scores.duplicate_student"].message("en") == (
        "File “bad.xlsx”, sheet “成绩”, row 5, column C (学籍号): student G1 appears twice (first on row 2)"
    )
    assert by_code["scores.total_mismatch"].message() == (
        "文件“bad.xlsx”工作表“成绩”第 7 行 I 列（总分）：总分 200 与各科成绩之和 130 不一致"
        "（总分按各科重新计算，不采用表中总分）"
    )
    unknown = by_code["scores.unknown_subject_column"]
    assert "列“物理2”看起来是成绩列" in unknown.message()
    assert 'column "物理2" holds scores' in unknown.message("en")


def test_a_sheet_without_id_or_subjects_says_which_column_is_missing(tmp_path: Path) -> None:
    sheet = _read(write_xlsx(tmp_path / "x.xlsx", [("学校", "班级", "姓名", "备注"), ("一中", "1班", "张三", "")]))
    messages = [p.message() for p in sheet.problems]  # type: ignore[attr-defined]
    assert any("找不到任何学科成绩列" in m for m in messages)
    assert any("找不到“学籍号/学号/考号”列" in m for m in messages)


def test_an_unreadable_file_comes_back_as_problems(tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"")
    sheet = _read(path)
    assert [p.code for p in sheet.problems] == ["file.empty"]  # type: ignore[attr-defined]
    assert sheet.scores.is_empty()  # type: ignore[attr-defined]


def test_full_marks_for_a_subject_not_in_the_sheet_is_a_problem(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ("一中", "1班", "G1", "张三", "男", "七年级", 90, 90, 45)])
    sheet = _read(path, full_marks={"化学": 100})
    assert [p.code for p in sheet.problems] == ["scores.unknown_full_marks_subject"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("grade", ["七年级", "初二", "9"])
def test_junior_grades_default_main_subjects_to_120(tmp_path: Path, grade: str) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ("一中", "1班", "G1", "张三", "男", grade, 90, 90, 45)])
    assert {s.name: s.full_marks for s in _read(path).subjects}["语文"] == 120.0  # type: ignore[attr-defined]


def test_a_subject_in_two_columns_is_a_problem(tmp_path: Path) -> None:
    rows = [("学校", "班级", "学号", "姓名", "语文", "数学", "语文"), ("一中", "1班", "S1", "张三", 90, 80, 70)]
    sheet = _read(write_xlsx(tmp_path / "dup.xlsx", rows))
    assert [(p.row, p.column, p.code) for p in sheet.problems] == [  # type: ignore[attr-defined]
        (1, "G", "scores.duplicate_subject_column")
    ]


CELL = st.one_of(
    st.integers(min_value=0, max_value=200).map(lambda half: half / 2),  # 0, 0.5 … 100
    st.sampled_from(["缺考", "免考", "作弊", "未录", None]),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=12))
def test_whatever_is_written_is_read_back(tmp_path: Path, cells: list[tuple[object, object]]) -> None:
    rows = [("学校", "班级", "学号", "姓名", "语文", "数学")]
    rows += [("一中", "1班", f"S{i}", f"学生{i}", a, b) for i, (a, b) in enumerate(cells)]
    sheet = _read(write_xlsx(tmp_path / "p.xlsx", rows))
    assert sheet.problems == []  # type: ignore[attr-defined]
    statuses = {"缺考": "absent", "免考": "exempt", "作弊": "cheating", "未录": "missing", None: "missing"}
    expected = {}
    for i, pair in enumerate(cells):
        for subject, cell in zip(("语文", "数学"), pair, strict=True):
            expected[(f"S{i}", subject)] = (cell, "scored") if isinstance(cell, float) else (None, statuses[cell])  # type: ignore[index]
    assert _cells(sheet) == expected
