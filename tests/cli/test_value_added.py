"""`zhiliang value-added`: the real console script; the JSON contract of issue 6 holds; bad input exits 2."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ZHILIANG = Path(sys.executable).parent / "zhiliang"
DIETOX = Path(__file__).parents[1] / "data" / "value_added" / "dietox.csv"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), "value-added", *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A school's workbook with a title row, Chinese headers, one absent pupil and one without a prior score."""
    path = tmp_path_factory.mktemp("va") / "七年级增值.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["七年级期中—期末增值数据"])
    sheet.append(["学籍号", "班级", "期中数学", "期中语文", "期末数学"])
    rows = [
        ("G01", "1班", 60, 70, 66),
        ("G02", "1班", 70, 72, 79),
        ("G03", "1班", 80, 75, 88),
        ("G04", "1班", 90, 80, 97),
        ("G05", "2班", 60, 61, 58),
        ("G06", "2班", 70, 66, 67),
        ("G07", "2班", 80, 70, 77),
        ("G08", "2班", 90, 90, 86),
        ("G09", "3班", 65, 60, 66),
        ("G10", "3班", 75, 70, 75),
        ("G11", "3班", 85, 85, 86),
        ("G12", "3班", None, 70, 80),
        ("G13", "3班", 72, 68, "缺考"),
    ]
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_the_json_has_exactly_the_documented_keys(scores: Path) -> None:
    completed = run(
        str(scores), "--outcome", "期末数学", "--prior", "期中数学", "--prior", "期中语文", "--group", "班级", "--json"
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert set(result) == {"model", "groups", "missing"}
    assert set(result["model"]) == {
        "method",
        "n_students",
        "n_groups",
        "coefficients",
        "group_variance",
        "residual_variance",
    }
    assert set(result["model"]["coefficients"]) == {"intercept", "期中数学", "期中语文"}
    assert result["model"]["n_students"] == 11 and result["model"]["n_groups"] == 3
    for group in result["groups"]:
        assert set(group) == {"group", "n", "effect", "se", "ci_low", "ci_high", "category"}
        assert group["category"] in {"above", "expected", "below"}
        assert group["ci_low"] <= group["effect"] <= group["ci_high"]
    assert {g["group"]: g["n"] for g in result["groups"]} == {"1班": 4, "2班": 4, "3班": 3}
    # The two rows left out are reported with their spreadsheet rows (title row 1, header row 2).
    assert result["missing"]["left_out"] == 2
    assert result["missing"]["by_column"] == {"期末数学": 1, "期中数学": 1, "期中语文": 0, "班级": 0}
    assert result["missing"]["row_numbers"] == [14, 15]


def test_dietox_through_the_cli_matches_the_published_estimates() -> None:
    completed = run(str(DIETOX), "--outcome", "Weight", "--prior", "Time", "--group", "Pig", "--json")
    model = json.loads(completed.stdout)["model"]
    assert round(model["coefficients"]["intercept"], 3) == 15.724
    assert round(model["coefficients"]["Time"], 3) == 6.943
    assert round(model["group_variance"], 3) == 40.394


def test_text_output_names_groups_and_left_out_rows(scores: Path) -> None:
    completed = run(str(scores), "--outcome", "期末数学", "--prior", "期中数学", "--group", "班级")
    assert completed.returncode == 0, completed.stderr
    assert "1班" in completed.stdout and "未纳入模型的行：2 行" in completed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outcome", "期末英语", "--prior", "期中数学", "--group", "班级"], "没有“期末英语”列"),
        (["--outcome", "期末数学", "--prior", "班级", "--group", "学籍号"], "应为数字"),
        (["--outcome", "期末数学", "--prior", "期末数学", "--group", "班级"], "不能同时用作"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(scores: Path, args: list[str], message: str) -> None:
    completed = run(str(scores), *args)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stdout == ""


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    completed = run(str(tmp_path / "none.xlsx"), "--outcome", "a", "--prior", "b", "--group", "c")
    assert completed.returncode == 2 and "找不到文件" in completed.stderr
