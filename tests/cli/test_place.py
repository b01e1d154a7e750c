"""`zhiliang place`: the real console script on generated intake files; the JSON contract of the issue holds."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.placement.intakes import intake_rows, make_intake, write_intake

ZHILIANG = Path(sys.executable).parent / "zhiliang"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), "place", *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture(scope="module")
def intake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    students = make_intake(120, seed=21, feeders=5, classes=4, twins_share=0.04, together_pairs=2, fixed=2)
    return write_intake(tmp_path_factory.mktemp("place") / "七年级新生.xlsx", intake_rows(students), title="新生名单")


@pytest.fixture(scope="module")
def result(intake: Path) -> dict:
    completed = run(str(intake), "--classes", "4", "--max-size", "50", "--time-limit", "1", "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_the_json_has_exactly_the_documented_keys(result: dict) -> None:
    assert set(result) == {"assignments", "classes", "quality"}
    assert {tuple(a) for a in result["assignments"]} == {("student_id", "class")}
    assert {tuple(c) for c in result["classes"]} == {
        ("class", "size", "male", "female", "mean", "sd", "special_needs", "left_behind")
    }
    assert set(result["quality"]) == {"mean_spread", "size_spread", "method", "optimal"}
    assert result["quality"]["method"] == "cp-sat" and isinstance(result["quality"]["optimal"], bool)


def test_the_numbers_agree_with_each_other(result: dict, intake: Path) -> None:
    classes = result["classes"]
    assert [c["class"] for c in classes] == [1, 2, 3, 4]
    assignments = result["assignments"]
    assert len(assignments) == 120 and len({a["student_id"] for a in assignments}) == 120
    sheet = openpyxl.load_workbook(intake).active
    assert [a["student_id"] for a in assignments] == [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    for entry in classes:
        members = [a for a in assignments if a["class"] == entry["class"]]
        assert entry["size"] == len(members) == entry["male"] + entry["female"]
    sizes = [c["size"] for c in classes]
    assert result["quality"]["size_spread"] == max(sizes) - min(sizes) <= 1
    means = [c["mean"] for c in classes]
    assert result["quality"]["mean_spread"] == pytest.approx(max(means) - min(means), abs=1e-9)
    assert all(c["sd"] > 0 for c in classes)


def test_the_same_seed_prints_the_same_result(intake: Path, result: dict) -> None:
    again = run(str(intake), "--classes", "4", "--max-size", "50", "--time-limit", "1", "--json")
    assert json.loads(again.stdout) == result


def test_the_summary_compares_with_the_serpentine_draft_and_writes_class_lists(intake: Path, tmp_path: Path) -> None:
    out = tmp_path / "分班名单.xlsx"
    completed = run(str(intake), "--classes", "4", "--max-size", "50", "--time-limit", "0.5", "--xlsx", str(out))
    assert completed.returncode == 0, completed.stderr
    assert "120 名学生，分成 4 个班。" in completed.stdout
    assert "本方案 / S形分班" in completed.stdout and "OR-Tools CP-SAT" in completed.stdout
    assert f"已写入 {out}" in completed.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["分班汇总", "1班", "2班", "3班", "4班"]


def test_impossible_constraints_exit_2_naming_the_rows(tmp_path: Path) -> None:
    rows = [["学籍号", "姓名", "性别", "同胞组"], ["G1", "王一", "男", "王家"], ["G2", "王二", "男", "王家"],
            ["G3", "王三", "女", "王家"], ["G4", "李四", "女", None]]  # fmt: skip
    path = write_intake(tmp_path / "三胞胎.xlsx", rows)
    completed = run(str(path), "--classes", "2")
    assert completed.returncode == 2 and completed.stdout == ""
    assert (
        "文件“三胞胎.xlsx”：同胞组“王家”有 3 名学生（王一（G1，第 2 行）、王二（G2，第 3 行）、王三（G3，第 4 行）），"
        "同胞须分在不同班，但只有 2 个班。"
    ) in completed.stderr
    assert "未分班" in completed.stderr


def test_a_bad_file_exits_2_with_row_and_column(tmp_path: Path) -> None:
    path = write_intake(tmp_path / "有错.xlsx", [["学籍号", "姓名", "性别"], ["G1", "甲", "未知"], ["G2", "乙", "女"]])
    completed = run(str(path), "--classes", "2")
    assert completed.returncode == 2
    assert "文件“有错.xlsx”工作表“新生名单”第 2 行 C 列（性别）：性别“未知”无法识别" in completed.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--classes", "0"], "--classes 必须至少为 1"),
        (["--classes", "2", "--apart", "G1"], "--apart 的写法“G1”不对"),
        (["--classes", "2", "--time-limit", "0"], "--time-limit 应在 0 到 3600 秒之间"),
    ],
)
def test_bad_options_exit_2(intake: Path, args: list[str], message: str) -> None:
    completed = run(str(intake), *args)
    assert completed.returncode == 2 and message in completed.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    completed = run(str(tmp_path / "没有.xlsx"), "--classes", "2")
    assert completed.returncode == 2 and "找不到文件" in completed.stderr
