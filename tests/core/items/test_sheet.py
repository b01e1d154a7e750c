"""Reading item-score files: 满分 and 答案 rows, --max, letters scored against the key, row-level problems."""

import io

import numpy as np
import openpyxl
import pytest

from zhiliang.core.items import ItemKind, ItemSpec, read_item_scores, score_choice
from zhiliang.core.tabular import ImportProblems


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILE = [
    ["学籍号", "姓名", "学校", "班级", "1", "2", "第3题", "13(1)", "总分"],
    ["满分", None, None, None, 3, 3, 4, 10, 20],
    ["答案", None, None, None, "B", "ACD", None, None, None],
    ["G001", "张三", "一中", "九年级(1)班", "B", "ACD", 4, 8, 18],
    ["G002", "李四", "一中", "九年级(1)班", "C", "AC", 2, None, 3.5],
    ["G003", "王五", "一中", "九年级(2)班", None, "ab", 0, 10, 10],
]


def test_reads_max_row_key_row_letters_and_labels() -> None:
    sheet = read_item_scores(xlsx(FILE), filename="小题分.xlsx")
    assert sheet.problems == []
    assert [i.label for i in sheet.items] == ["1", "2", "3", "13(1)"]
    assert [i.max_points for i in sheet.items] == [3, 3, 4, 10]
    assert [i.kind for i in sheet.items] == [
        ItemKind.SINGLE,
        ItemKind.MULTIPLE,
        ItemKind.CONSTRUCTED,
        ItemKind.CONSTRUCTED,
    ]
    expected = np.array([[3, 3, 4, 8], [0, 1.5, 2, np.nan], [np.nan, 0, 0, 10]])
    np.testing.assert_array_equal(sheet.points, expected)
    assert sheet.answers[0] == ["B", "C", None]
    assert sheet.answers[1] == ["ACD", "AC", "AB"]
    assert [s.total_in_file for s in sheet.students] == [18, 3.5, 10]
    assert [s.class_name for s in sheet.students] == ["九年级(1)班", "九年级(1)班", "九年级(2)班"]
    assert sheet.columns["13(1)"] == "H"


def test_max_points_given_separately_replace_the_row() -> None:
    rows = [[*FILE[0][:5], "3"], ["G1", "甲", "一中", "1班", 2, 1], ["G2", "乙", "一中", "1班", 0, 0]]
    sheet = read_item_scores(xlsx(rows), filename="a.xlsx", max_points={"1": 2, "3": 1})
    assert sheet.problems == []
    assert [i.max_points for i in sheet.items] == [2, 1]


def test_missing_max_is_reported_per_item() -> None:
    rows = [["学号", "1", "2"], ["G1", 1, 1]]
    sheet = read_item_scores(xlsx(rows), filename="a.xlsx", max_points={"1": 2})
    assert [(p.code, p.params["item"], p.column) for p in sheet.problems] == [("items.no_max", "2", "C")]
    assert "满分" in sheet.problems[0].message()


@pytest.mark.parametrize(
    ("cell", "code"),
    [(5, "items.above_max"), (-1, "items.negative"), ("九", "items.not_points"), ("A", "items.no_key")],
)
def test_bad_cells_are_reported_with_row_and_column(cell, code) -> None:
    rows = [["学籍号", "1", "2"], ["满分", 3, 3], ["G1", 1, 1], ["G2", 2, cell]]
    sheet = read_item_scores(xlsx(rows), filename="a.xlsx")
    assert [(p.code, p.row, p.column) for p in sheet.problems] == [(code, 4, "C")]


def test_duplicate_students_and_missing_id_column() -> None:
    rows = [["学籍号", "1"], ["满分", 1], ["G1", 1], ["G1", 0]]
    sheet = read_item_scores(xlsx(rows), filename="a.xlsx")
    assert [(p.code, p.row, p.params["first_row"]) for p in sheet.problems] == [("items.duplicate_student", 4, 3)]
    sheet = read_item_scores(xlsx([["姓名", "1"], ["张三", 1]]), filename="a.xlsx")
    assert [p.code for p in sheet.problems] == ["items.no_id_column"]


def test_columns_are_matched_to_the_paper() -> None:
    paper = [ItemSpec("1", 3, ItemKind.SINGLE, "B"), ItemSpec("2", 5), ItemSpec("4", 2)]
    rows = [["学籍号", "1", "2", "3"], ["满分", 3, 6, 1], ["G1", "B", 1, 0]]
    sheet = read_item_scores(xlsx(rows), filename="a.xlsx", paper=paper)
    codes = sorted((p.code, p.params.get("item")) for p in sheet.problems)
    assert codes == [("items.max_differs", "2"), ("items.missing_item", "4"), ("items.unknown_item", "3")]


def test_an_unreadable_file_raises_import_problems() -> None:
    with pytest.raises(ImportProblems):
        read_item_scores(b"", filename="empty.xlsx")


@pytest.mark.parametrize(
    ("key", "kind", "answer", "points"),
    [
        ("B", ItemKind.SINGLE, "B", 3),
        ("B", ItemKind.SINGLE, "b", 3),
        ("B", ItemKind.SINGLE, "C", 0),
        ("ACD", ItemKind.MULTIPLE, "A,C,D", 6),
        ("ACD", ItemKind.MULTIPLE, "AD", 3),
        ("ACD", ItemKind.MULTIPLE, "AB", 0),
        ("ACD", ItemKind.MULTIPLE, "", 0),
    ],
)
def test_scoring_choice_answers(key, kind, answer, points) -> None:
    maximum = 3 if kind is ItemKind.SINGLE else 6
    assert score_choice(ItemSpec("1", maximum, kind, key), answer) == points


def test_partial_points_of_a_multiple_choice_item_can_be_set() -> None:
    assert score_choice(ItemSpec("1", 5, ItemKind.MULTIPLE, "AB", partial_points=2), "A") == 2
