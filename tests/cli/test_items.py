"""`zhiliang items`: the real console script on item-score files; the JSON contract of the issue holds."""

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pytest

ZHILIANG = Path(sys.executable).parent / "zhiliang"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), "items", *args], capture_output=True, text=True, check=False, timeout=120
    )


def write(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


# The hand-computed table of tests/core/items/test_stats.py, as a marking-system export.
HAND = [[1, 1, 2], [1, 0, 2], [1, 1, 1], [0, 0, 1], [0, 1, 0]]


@pytest.fixture
def hand_file(tmp_path: Path) -> Path:
    rows = [["学籍号", "学校", "班级", "A", "B", "C"], ["满分", None, None, 1, 1, 2]]
    rows += [[f"G{i}", "一中", "1班", *r] for i, r in enumerate(HAND)]
    return write(tmp_path / "小题分.xlsx", rows)


def test_json_has_exactly_the_contract_keys_and_the_hand_computed_values(hand_file: Path) -> None:
    completed = run(str(hand_file), "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert set(data) == {"test", "items"}
    assert set(data["test"]) == {"n", "items", "max_total", "mean", "sd", "alpha", "sem"}
    assert {tuple(sorted(i)) for i in data["items"]} == {
        tuple(
            sorted(
                [
                    "item",
                    "max",
                    "mean",
                    "difficulty",
                    "discrimination",
                    "r_it",
                    "r_it_corrected",
                    "alpha_if_deleted",
                    "omit_rate",
                ]
            )
        )
    }
    assert data["test"]["n"] == 5 and data["test"]["items"] == 3 and data["test"]["max_total"] == 4
    assert data["test"]["alpha"] == pytest.approx(5 / 12)
    assert data["test"]["sem"] == pytest.approx(1.05**0.5)
    assert [i["item"] for i in data["items"]] == ["A", "B", "C"]
    assert [i["discrimination"] for i in data["items"]] == pytest.approx([1.0, 0.5, 0.75])


def test_max_option_replaces_the_max_row(tmp_path: Path) -> None:
    rows = [["学号", "1", "2"]] + [[f"S{i}", a, b] for i, (a, b, _c) in enumerate(HAND)]
    path = write(tmp_path / "a.xlsx", rows)
    completed = run(str(path), "--max", "1=1", "2=1", "--json")
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["test"]["max_total"] == 2


def test_letters_are_scored_against_the_key(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows = [["学籍号", "1", "2"], ["满分", 3, 5]]
    for i in range(30):
        ability = rng.normal()
        rows.append([f"G{i}", "B" if ability > -0.3 else "C", int(np.clip(round(2.5 + 2 * ability), 0, 5))])
    path = write(tmp_path / "choice.xlsx", rows)
    completed = run(str(path), "--key", "1=B", "--json")
    assert completed.returncode == 0, completed.stderr
    item = json.loads(completed.stdout)["items"][0]
    assert item["max"] == 3 and item["discrimination"] > 0.5


def test_human_output_has_a_row_per_item(hand_file: Path) -> None:
    completed = run(str(hand_file))
    assert completed.returncode == 0
    assert "5 名学生" in completed.stdout and "α = 0.417" in completed.stdout


@pytest.mark.parametrize(
    ("rows", "args", "message"),
    [
        ([["学号", "1"], ["G1", 1]], [], "没有满分"),
        ([["学号", "1"], ["满分", 2], ["G1", 3]], [], "超过了小题“1”的满分 2"),
        ([["姓名", "1"], ["满分", 2], ["张三", 1]], [], "学籍号"),
        ([["学号", "1"], ["满分", 2], ["G1", 1]], ["--max", "1=0"], "--max"),
        ([["学号", "1"], ["满分", 2], ["G1", 1]], ["--max", "一"], "--max"),
        ([["学号", "1"], ["满分", 2], ["G1", 1]], ["--max", "9=2"], "小题“9”"),
        ([["学号", "1"], ["满分", 2], ["G1", "A"]], [], "标准答案"),
        ([["学号", "1"], ["满分", 2], ["G1", 1]], ["--sheet", "没有"], "找不到工作表"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path, rows, args, message) -> None:
    path = write(tmp_path / "bad.xlsx", rows)
    completed = run(str(path), *args, "--json")
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stdout == ""


def test_missing_file_exits_2(tmp_path: Path) -> None:
    completed = run(str(tmp_path / "nope.xlsx"))
    assert completed.returncode == 2 and "找不到文件" in completed.stderr
