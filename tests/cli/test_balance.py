"""`zhiliang balance evaluate`: the real console script; the JSON contract of issue 8 and exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ZHILIANG = Path(sys.executable).parent / "zhiliang"
HEADER = [
    "学校", "学段", "学校类型", "学生数", "高于规定学历教师数", "县级及以上骨干教师数", "体育艺术专任教师数",
    "教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数",
]  # fmt: skip
KEYS = {
    "qualified_teachers", "backbone_teachers", "pe_arts_teachers", "teaching_area", "sports_area",
    "equipment_value", "multimedia_rooms",
}  # fmt: skip
ROWS = [
    # The seed plan's school with the 682 pupils its ratios fit (sports ground 6,000 m² assumed).
    ["鱼上小学", "小学", "小学", 682, 38, 12, 5, 1749, 6000, 1217893.1, 21],
    ["实验小学", "小学", "小学", 1200, 60, 14, 12, 6000, 9600, 2600000, 30],
    # A nine-year school, facility totals on both rows: 166 primary + 210 junior, 3,970 m² → 1,660 / 2,310.
    ["杨庄学校", "小学", "九年一贯制", 166, 8, 2, 2, 3970, 6000, 900000, 9],
    ["杨庄学校", "初中", "九年一贯制", 210, 12, 3, 2, 3970, 6000, 900000, 9],
    ["第一初中", "初中", "初中", 900, 50, 10, 9, 5500, 9500, 2400000, 23],
    ["前营教学点", "小学", "教学点", 9, 1, 0, 0, 120, 300, 10000, 1],
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [str(ZHILIANG), "balance", *args], capture_output=True, text=True, check=False, timeout=60
    )


def write(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["清河县义务教育优质均衡资源配置指标"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = write(tmp_path_factory.mktemp("balance") / "指标.xlsx", ROWS)
    completed = run("evaluate", str(path), "--json")
    assert completed.returncode == 0, completed.stderr
    assert "前营教学点" in completed.stderr and "不足50人的教学点" in completed.stderr
    return json.loads(completed.stdout)


def test_the_json_has_exactly_the_documented_keys(result: dict) -> None:
    assert set(result) == {"schools", "county"}
    for school in result["schools"]:
        assert set(school) == {"school", "stage", "students", "indicators", "met_count", "meets_standard"}
        assert set(school["indicators"]) == KEYS
        for item in school["indicators"].values():
            assert set(item) == {"value", "standard", "met", "ratio", "shortfall"}
    assert set(result["county"]) == {"小学", "初中"}
    for stage in result["county"].values():
        assert set(stage) == KEYS
        assert all(set(item) == {"cv", "limit", "met"} for item in stage.values())


def test_schools_are_split_and_excluded(result: dict) -> None:
    parts = [(s["school"], s["stage"]) for s in result["schools"]]
    assert parts == [
        ("鱼上小学", "小学"),
        ("实验小学", "小学"),
        ("杨庄学校", "小学"),
        ("杨庄学校", "初中"),
        ("第一初中", "初中"),
    ]
    yangzhuang = result["schools"][2]["indicators"]["teaching_area"]
    assert yangzhuang["value"] == pytest.approx(10.0)  # 1,660 m² / 166
    seed = result["schools"][0]
    assert seed["indicators"]["backbone_teachers"]["value"] == pytest.approx(1.7595, abs=1e-4)
    assert seed["indicators"]["pe_arts_teachers"]["shortfall"] == 2
    assert seed["indicators"]["teaching_area"]["shortfall"] == 1320
    # Met: qualified 5.57, backbone 1.76, sports 8.80, rooms 3.08; not: PE/arts, teaching space, equipment.
    assert seed["met_count"] == 4 and seed["meets_standard"] is False


def test_county_cv_is_enrolment_weighted(result: dict) -> None:
    # Junior teaching area: 杨庄 2,310 m² / 210 = 11.0 and 第一初中 5,500 / 900 = 6.1111; P = 1,110.
    # Mean = 7,810 / 1,110 = 7.036036; d = (210/1110)(3.963964)² + (900/1110)(0.924925)² = 2.972707 + 0.693637
    # = 3.666344; S = 1.914770; CV = 0.272136 ≤ 0.45.
    item = result["county"]["初中"]["teaching_area"]
    assert item["cv"] == pytest.approx(0.2721, abs=1e-4)
    assert item["limit"] == 0.45 and item["met"] is True
    assert result["county"]["小学"]["teaching_area"]["limit"] == 0.5


def test_human_output_shows_each_computation(tmp_path: Path) -> None:
    completed = run("evaluate", str(write(tmp_path / "a.xlsx", ROWS)))
    assert completed.returncode == 0
    assert "12.00 人 ÷ 682 人 × 100 = 1.76" in completed.stdout
    assert "1 : 1.1" in completed.stdout
    assert "差异系数" in completed.stdout


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([["甲", "高小", "小学", 100, 5, 1, 1, 500, 800, 200000, 3]], HEADER, "学段“高小”无法识别"),
        ([["甲", "小学", "小学", -1, 5, 1, 1, 500, 800, 200000, 3]], HEADER, "不能为负数"),
        ([["甲", "小学", "小学", "一百", 5, 1, 1, 500, 800, 200000, 3]], HEADER, "D 列"),
        ([["甲", "小学", "小学", 100, 5, 1, 1, 500, 800, 200000, 3]], HEADER[:-1], "缺少“网络多媒体教室数”列"),
        (
            [
                ["乙", "小学", "九年一贯制", 100, 5, 1, 1, 500, 800, 1, 3],
                ["乙", "初中", "九年一贯制", 100, 5, 1, 1, 600, 800, 1, 3],
            ],
            HEADER,
            "各行的“教学及辅助用房面积”不一致",
        ),
        (
            [
                ["乙", "高中", "九年一贯制", 100, 5, 1, 1, 500, 800, 1, 3],
                ["乙", "小学", "九年一贯制", 100, 5, 1, 1, 500, 800, 1, 3],
            ],
            HEADER,
            "没有高中",
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path, rows, header, message) -> None:
    completed = run("evaluate", str(write(tmp_path / "bad.xlsx", rows, header)), "--json")
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stdout == ""


def test_missing_file_exits_2(tmp_path: Path) -> None:
    completed = run("evaluate", str(tmp_path / "none.xlsx"))
    assert completed.returncode == 2 and "找不到文件" in completed.stderr
