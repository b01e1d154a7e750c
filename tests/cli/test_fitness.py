"""`zhiliang fitness score`: the real console script on an .xlsx results sheet; the issue's JSON contract."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ZHILIANG = Path(sys.executable).parent / "zhiliang"
HEADER = ["学籍号", "姓名", "年级", "性别", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳",
          "一分钟仰卧起坐", "50米×8往返跑", "立定跳远", "引体向上", "1000米跑", "800米跑"]  # fmt: skip
ROWS = [
    ["G001", "张三", 1, "男", 120, 22, 1700, 10.2, 16.1, 149, None, None, None, None, None, None],
    ["G002", "李四", 5, "女", 140, 33, 2000, "9.0", 18, 150, 40, "1'52\"", None, None, None, None],
    ["G003", "王五", 7, "男", 165, 50, 3640, 7.8, 17.6, None, None, None, 225, 13, "3:55", None],
    ["G004", "赵六", 7, "男", 165, 50, 3640, 7.8, 17.6, None, None, None, 200, 13, "3:55", None],
    ["G005", "钱七", 3, "男", 300, 25, 1200, 10, 10, 100, 30, None, None, None, None, None],
    ["G006", "孙八", 2, "女", 125, 24, None, None, None, None, None, None, None, None, None, None],
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), "fitness", "score", *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = "体测"
    worksheet.append(["2025学年体质健康测试成绩"])
    worksheet.append(HEADER)
    for row in ROWS:
        worksheet.append(row)
    path = tmp_path_factory.mktemp("fitness") / "体测成绩.xlsx"
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def result(sheet: Path) -> dict:
    completed = run(str(sheet), "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_the_json_has_exactly_the_documented_keys(result: dict) -> None:
    assert set(result) == {"students", "errors"}
    keys = {"student_id", "grade", "sex", "bmi", "scores", "weighted_total", "bonus", "total", "band"}
    assert all(set(student) == keys for student in result["students"])
    assert all(set(error) == {"row", "student_id", "column", "reason", "message"} for error in result["errors"])


def test_students_are_scored_by_the_tables(result: dict) -> None:
    by_id = {s["student_id"]: s for s in result["students"]}
    assert by_id["G001"]["total"] == 120.0 and by_id["G001"]["bonus"] == 20 and by_id["G001"]["band"] == "优秀"
    assert by_id["G002"]["weighted_total"] == 85.8 and by_id["G002"]["band"] == "良好"
    assert by_id["G002"]["scores"]["shuttle_50mx8"] == 80  # 1'52" = 112 s: ≤ 113 (80), not ≤ 110 (85)
    assert by_id["G003"]["scores"]["run_1000m"] == 100 and by_id["G003"]["total"] == 100.0
    assert by_id["G002"]["sex"] == "女" and by_id["G002"]["bmi"] == 16.8


def test_rows_that_cannot_be_scored_are_errors_with_reasons(result: dict) -> None:
    by_id = {s["student_id"]: s for s in result["students"]}
    assert by_id["G004"]["total"] is None and by_id["G004"]["scores"]["pull_up"] == 100
    refused = [e for e in result["errors"] if e["student_id"] == "G004"]
    assert refused[0]["column"] == "standing_long_jump" and "不完整" in refused[0]["reason"]
    implausible = next(e for e in result["errors"] if e["row"] == 7)
    assert (
        implausible["column"] == "身高" and "不可信" in implausible["message"] and "第 7 行" in implausible["message"]
    )
    assert "G005" not in by_id
    untested = [e["column"] for e in result["errors"] if e["student_id"] == "G006"]
    assert "vital_capacity" in untested


def test_a_file_without_the_required_columns_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,身高\n张三,120\n", encoding="utf-8")
    completed = run(str(bad), "--json")
    assert completed.returncode == 2
    assert "学籍号" in completed.stderr and completed.stdout == ""


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    assert run(str(tmp_path / "none.xlsx")).returncode == 2


def test_the_plain_output_is_a_table(sheet: Path) -> None:
    completed = run(str(sheet))
    assert completed.returncode == 0
    assert completed.stdout.splitlines()[0].startswith("学籍号\t年级")
