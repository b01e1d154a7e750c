"""`zhiliang analyze`: the real console script on small generated files, numbers checked by hand.

The tiny county (tests/scorefiles.py), full marks 100, lines 60 / 85 / 40:

    甲校 1班  S1 张一  语文 90  数学 100
    甲校 1班  S2 李二  语文 60  数学 缺考
    甲校 2班  S3 王三  语文 30  数学 50
    乙校 1班  S4 赵四  语文 80  数学 70

语文, county: 90, 60, 30, 80 → mean 65, population SD sqrt((25² + 5² + 35² + 15²) / 4) = sqrt(525),
median 70, pass (≥ 60) 3/4, excellent (≥ 85) 1/4, low (< 40) 1/4. 数学: 100, 50, 70 sat (S2 absent) → mean
220/3, SD sqrt(1266.67 / 3), pass 2/3, excellent 1/3, low 0. 总分 (only complete students): 190, 80, 150.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.scorefiles import write_tiny, write_xlsx
from zhiliang.cli import main

ZHILIANG = Path(sys.executable).parent / "zhiliang"
SD_CHINESE = math.sqrt(525)
SD_MATHS = math.sqrt((80 / 3) ** 2 / 3 + (70 / 3) ** 2 / 3 + (10 / 3) ** 2 / 3)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny(tmp_path_factory.mktemp("tiny") / "成绩.xlsx")


@pytest.fixture(scope="module")
def result(tiny: Path) -> dict[str, list[dict[str, object]]]:
    completed = run("analyze", str(tiny), "--json", "--full-marks", "语文=100", "数学=100")
    assert completed.returncode == 0, completed.stderr
    document: dict[str, list[dict[str, object]]] = json.loads(completed.stdout)
    return document


def _summary(result: dict[str, list[dict[str, object]]], **keys: object) -> dict[str, object]:
    rows = [row for row in result["summary"] if all(row[key] == value for key, value in keys.items())]
    assert len(rows) == 1, rows
    return rows[0]


def _student(result: dict[str, list[dict[str, object]]], student_id: str, subject: str) -> dict[str, object]:
    (row,) = [r for r in result["students"] if r["student_id"] == student_id and r["subject"] == subject]
    return row


def test_json_has_exactly_the_documented_keys(result: dict[str, list[dict[str, object]]]) -> None:
    assert set(result) == {"subjects", "summary", "students"}
    assert result["subjects"] == [
        {"name": "语文", "full_marks": 100.0},
        {"name": "数学", "full_marks": 100.0},
        {"name": "总分", "full_marks": 200.0},
    ]
    assert {tuple(row) for row in result["summary"]} == {
        (
            "level", "grade", "school", "class", "subject", "enrolled", "sat", "absent", "mean", "sd", "median",
            "max", "min", "pass_rate", "excellent_rate", "low_rate", "over_mean_rate", "rank",
        )
    }  # fmt: skip
    assert {tuple(row) for row in result["students"]} == {
        ("student_id", "school", "class", "subject", "score", "status", "rank_class", "rank_school",
         "rank_county", "z", "t")
    }  # fmt: skip
    # county + 2 schools + 3 classes, each for 语文, 数学, 总分; 4 students x 3 subjects.
    assert len(result["summary"]) == 18
    assert len(result["students"]) == 12


def test_county_rows_match_the_hand_computed_numbers(result: dict[str, list[dict[str, object]]]) -> None:
    assert _summary(result, level="county", subject="语文") == {
        "level": "county",
        "grade": None,
        "school": None,
        "class": None,
        "subject": "语文",
        "enrolled": 4,
        "sat": 4,
        "absent": 0,
        "mean": 65.0,
        "sd": pytest.approx(SD_CHINESE),
        "median": 70.0,
        "max": 90.0,
        "min": 30.0,
        "pass_rate": 0.75,
        "excellent_rate": 0.25,
        "low_rate": 0.25,
        "over_mean_rate": None,
        "rank": None,
    }
    maths = _summary(result, level="county", subject="数学")
    assert (maths["enrolled"], maths["sat"], maths["absent"]) == (4, 3, 1)
    assert maths["mean"] == pytest.approx(220 / 3)
    assert maths["sd"] == pytest.approx(SD_MATHS)
    assert (maths["median"], maths["max"], maths["min"]) == (70.0, 100.0, 50.0)
    assert (maths["pass_rate"], maths["excellent_rate"], maths["low_rate"]) == pytest.approx((2 / 3, 1 / 3, 0.0))
    total = _summary(result, level="county", subject="总分")
    assert (total["sat"], total["mean"], total["median"], total["max"], total["min"]) == (3, 140.0, 150.0, 190.0, 80.0)
    assert total["pass_rate"] == pytest.approx(2 / 3)  # 190 and 150 reach 120


def test_schools_and_classes_are_compared_with_their_parent(result: dict[str, list[dict[str, object]]]) -> None:
    first = _summary(result, level="school", school="甲校", subject="语文")
    second = _summary(result, level="school", school="乙校", subject="语文")
    assert (first["mean"], first["rank"], first["over_mean_rate"]) == (60.0, 2, pytest.approx(-5 / 65))
    assert (second["mean"], second["rank"], second["over_mean_rate"]) == (80.0, 1, pytest.approx(15 / 65))
    one = _summary(result, level="class", school="甲校", **{"class": "1班"}, subject="语文")
    two = _summary(result, level="class", school="甲校", **{"class": "2班"}, subject="语文")
    assert (one["mean"], one["rank"], one["over_mean_rate"]) == (75.0, 1, pytest.approx(0.25))
    assert (two["mean"], two["rank"], two["over_mean_rate"]) == (30.0, 2, pytest.approx(-0.5))


def test_students_have_ranks_z_and_t(result: dict[str, list[dict[str, object]]]) -> None:
    z = 25 / SD_CHINESE
    assert _student(result, "S1", "语文") == {
        "student_id": "S1",
        "school": "甲校",
        "class": "1班",
        "subject": "语文",
        "score": 90.0,
        "status": "scored",
        "rank_class": 1,
        "rank_school": 1,
        "rank_county": 1,
        "z": pytest.approx(z),
        "t": pytest.approx(50 + 10 * z),
    }
    assert [_student(result, s, "语文")["rank_county"] for s in ("S1", "S2", "S3", "S4")] == [1, 3, 4, 2]
    absent = _student(result, "S2", "数学")
    assert (absent["score"], absent["status"], absent["rank_county"], absent["z"]) == (None, "absent", None, None)
    assert _student(result, "S2", "总分")["status"] == "incomplete"
    assert _student(result, "S1", "总分")["score"] == 190.0


def test_thresholds_change_the_rates(tiny: Path) -> None:
    completed = run("analyze", str(tiny), "--json", "--pass", "0.8", "--excellent", "95%", "--low", "0.5")
    assert completed.returncode == 0, completed.stderr
    row = _summary(json.loads(completed.stdout), level="county", subject="语文")
    assert (row["pass_rate"], row["excellent_rate"], row["low_rate"]) == (0.5, 0.0, 0.25)  # 90, 80 ≥ 80


def test_it_writes_an_xlsx_and_a_pdf_report(tiny: Path, tmp_path: Path) -> None:
    xlsx, pdf = tmp_path / "报告.xlsx", tmp_path / "报告.pdf"
    completed = run("analyze", str(tiny), "--xlsx", str(xlsx), "--pdf", str(pdf), "--title", "期末考试")
    assert completed.returncode == 0, completed.stderr
    assert "4 名学生" in completed.stdout and f"已写入 {xlsx}" in completed.stdout

    workbook = openpyxl.load_workbook(xlsx)
    assert workbook.sheetnames == [
        "说明", "学校汇总", "班级汇总", "分数段", "学生成绩", "临界生", "前N名", "分档上线", "学科贡献率",
    ]  # fmt: skip
    schools = workbook["学校汇总"]
    assert schools.freeze_panes == "A3"  # title row, then the frozen header
    header = [cell.value for cell in schools[2]]
    rows = {
        (row[2], row[3]): dict(zip(header, row, strict=False)) for row in schools.iter_rows(min_row=3, values_only=True)
    }
    assert rows[("甲校", "语文")]["平均分"] == 60
    assert rows[("全县", "数学")]["实考"] == 3
    students = workbook["学生成绩"]
    header = [cell.value for cell in students[2]]
    by_id = {row[2]: dict(zip(header, row, strict=False)) for row in students.iter_rows(min_row=3, values_only=True)}
    assert by_id["S2"]["数学"] == "缺考"
    assert by_id["S1"]["语文"] == 90 and by_id["S1"]["语文县名次"] == 1 and by_id["S1"]["总分"] == 190

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("期末考试", "总体情况", "分数分布", "主要发现", "各学校成绩", "甲校", "乙校", "指标说明"):
        assert expected in text, expected
    assert "65" in text and "75.0%" in text  # county 语文 mean and pass rate


def test_pdf_for_one_school_and_one_class(tiny: Path, tmp_path: Path) -> None:
    school_pdf, class_pdf = tmp_path / "school.pdf", tmp_path / "class.pdf"
    assert run("analyze", str(tiny), "--pdf", str(school_pdf), "--scope", "甲校").returncode == 0
    assert run("analyze", str(tiny), "--pdf", str(class_pdf), "--scope", "甲校/1班").returncode == 0
    school_text = "".join(page.extract_text() for page in PdfReader(school_pdf).pages)
    assert "各班级成绩" in school_text and "超均率" in school_text and "乙校" not in school_text
    class_text = "".join(page.extract_text() for page in PdfReader(class_pdf).pages)
    assert "本班学生成绩" in class_text and "张一" in class_text and "王三" not in class_text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pass", "1.5"], "--pass 的值“1.5”超出范围"),
        (["--pass", "abc"], "--pass 的值“abc”不是数字"),
        (["--low", "0.7"], "低分线 ≤ 及格线 ≤ 优秀线"),
        (["--full-marks", "语文120"], "--full-marks 的写法“语文120”不对"),
        (["--full-marks", "语文=0"], "满分必须大于 0"),
        (["--full-marks", "化学=100"], "指定了满分的学科“化学”不在表中"),
        (["--pdf", "x.pdf", "--scope", "丙校"], "分析结果中没有学校“丙校”"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a == "x.pdf" else a for a in args]
    assert main(["analyze", str(tiny), *args]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "无.xlsx")]) == 2
    assert f"错误：找不到文件“{tmp_path / '无.xlsx'}”" in capsys.readouterr().err


def test_read_problems_name_file_sheet_row_and_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ("学校", "班级", "学号", "姓名", "语文", "数学"),
            ("甲校", "1班", "S1", "张一", 90, 135),
            ("甲校", "1班", "S2", "李二", "九十", 80),
        ],
    )
    completed = run("analyze", str(path), "--json")
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.splitlines()
    assert "文件“bad.xlsx”工作表“成绩”第 2 行 F 列（数学）：数学成绩 135 超过满分 100" in lines[0]
    assert lines[1].startswith("文件“bad.xlsx”工作表“成绩”第 3 行 E 列（语文）：成绩单元格中是无法识别的文字“九十”")
    assert "--full-marks 数学=150" in lines[2]  # the hint, since 数学's full marks were a default
    assert lines[-1] == "错误：共 2 个问题，未生成分析结果。请修改文件后重试。"


def test_help_lists_the_subcommand() -> None:
    completed = run("--help")
    assert completed.returncode == 0 and "analyze" in completed.stdout
