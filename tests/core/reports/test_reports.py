"""The report renderers on small analyses: JSON without NaN, scopes, computed findings, charts, xlsx, PDF."""

import io
import json
import math

import openpyxl
import polars as pl
import pytest
from pypdf import PdfReader

from zhiliang.core.analytics import ExamAnalysis, SubjectSpec, analyze_exam
from zhiliang.core.reports import ReportScope, ScopeNotFound, analysis_json, analysis_pdf, analysis_xlsx, charts
from zhiliang.core.reports.observations import observations


def _analysis(rows: list[tuple[str, str, str, str, float | None, str]]) -> ExamAnalysis:
    """rows: (school, class, student, subject, score, status); two subjects of 100 marks."""
    frame = pl.DataFrame(
        {
            "student_id": [r[2] for r in rows],
            "name": [f"学生{r[2]}" for r in rows],
            "school": [r[0] for r in rows],
            "class": [r[1] for r in rows],
            "grade": ["七年级"] * len(rows),
            "group": [None] * len(rows),
            "subject": [r[3] for r in rows],
            "score": [r[4] for r in rows],
            "status": [r[5] for r in rows],
        },
        schema_overrides={"group": pl.String, "score": pl.Float64},
    )
    return analyze_exam(frame, [SubjectSpec("语文", 100), SubjectSpec("数学", 100)])


def _county() -> ExamAnalysis:
    """Three schools; 丙校 is far behind, and in 甲校 the classes differ a lot."""
    rows = []
    marks = {
        ("甲校", "1班"): [(95, 90), (90, 85), (85, 88)],
        ("甲校", "2班"): [(55, 40), (50, 35), (60, 45)],
        ("乙校", "1班"): [(75, 70), (80, 72), (70, 78)],
        ("丙校", "1班"): [(35, 30), (40, 20), (30, None)],
    }
    for (school, klass), students in marks.items():
        for index, (chinese, maths) in enumerate(students):
            sid = f"{school}{klass}{index}"
            rows.append((school, klass, sid, "语文", float(chinese), "scored"))
            rows.append(
                (
                    school,
                    klass,
                    sid,
                    "数学",
                    None if maths is None else float(maths),
                    "absent" if maths is None else "scored",
                )
            )
    return _analysis(rows)


def test_json_never_contains_nan_and_puts_the_total_last() -> None:
    # One student sat: the SD is 0 and z is undefined, which must come out as null.
    analysis = _analysis([("甲校", "1班", "S1", "语文", 80.0, "scored"), ("甲校", "1班", "S1", "数学", 70.0, "scored")])
    text = analysis_json(analysis).decode("utf-8")
    assert "NaN" not in text and "Infinity" not in text
    document = json.loads(text)
    assert [s["name"] for s in document["subjects"]] == ["语文", "数学", "总分"]
    assert document["subjects"][-1]["full_marks"] == 200.0
    assert {row["z"] for row in document["students"]} == {None}
    assert all(
        value is None or not isinstance(value, float) or math.isfinite(value)
        for row in document["summary"]
        for value in row.values()
    )


def test_scopes_select_the_unit_and_keep_its_references() -> None:
    analysis = _county()
    school = ReportScope(school="甲校")
    levels = school.units(analysis.summary).select("level", "school").unique().sort("level", "school").rows()
    assert levels == [("class", "甲校"), ("county", None), ("school", "甲校")]
    one_class = ReportScope(school="甲校", class_name="2班")
    assert set(one_class.students(analysis.students).get_column("class")) == {"2班"}
    with pytest.raises(ScopeNotFound, match="没有学校“丁校”"):
        ReportScope(school="丁校").check(analysis)
    with pytest.raises(ScopeNotFound, match="没有班级“9班”"):
        ReportScope(school="甲校", class_name="9班").check(analysis)


def test_findings_are_computed_from_the_data() -> None:
    analysis = _county()
    found = observations(analysis, ReportScope(), "七年级")
    text = "\n".join(found)
    # 总分 of complete students: 甲校 1班 185, 175, 173; 甲校 2班 95, 85, 105; 乙校 145, 152, 148; 丙校 65, 60.
    county_mean = (185 + 175 + 173 + 95 + 85 + 105 + 145 + 152 + 148 + 65 + 60) / 11
    assert f"总分平均 {county_mean:.1f} 分" in text
    assert "差距最大的是 丙校（62.5 分" in text  # (65 + 60) / 2, the school furthest below the county mean
    assert "及格率最低的学科是数学" in text  # 语文 passes 7/12, 数学 6/11
    assert "缺考 1 人次" in text
    school_text = "\n".join(observations(analysis, ReportScope(school="甲校"), "七年级"))
    assert "本校 2 个班总分平均分的差异系数" in school_text
    assert "最高班（177.7 分）与最低班（95 分）相差 82.7 分" in school_text


def test_charts_are_svg_with_their_text_kept_as_text() -> None:
    svg = charts.band_histogram(["0–60", "60–100"], [3, 7], title="总分分数段", highlight_from=1)
    assert svg.startswith("<svg") and "总分分数段" in svg and "70.0%" in svg
    boxes = charts.box_plot([("1班", [60, 70, 80]), ("2班", [50, 55, 90])], title="各班", full_marks=100)
    assert "1班" in boxes and "2班" in boxes
    many = charts.box_plot([(f"校{i}", [50 + i % 7, 60, 70]) for i in range(60)], title="各校", full_marks=100)
    assert "60 个单位" in many  # too many to label: drawn in rank order


def test_xlsx_report_has_the_sheets_and_status_words() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(analysis_xlsx(_county(), title="测试")))
    assert "学生成绩" in workbook.sheetnames and "教师" not in workbook.sheetnames
    notes = {row[0]: row[1] for row in workbook["说明"].iter_rows(min_row=3, values_only=True)}
    assert notes["及格线"] == "得分 ≥ 满分 × 60%"
    assert notes["学生数"] == "12"
    students = workbook["学生成绩"]
    header = [cell.value for cell in students[2]]
    rows = [dict(zip(header, row, strict=False)) for row in students.iter_rows(min_row=3, values_only=True)]
    absent = next(row for row in rows if row["学籍号"] == "丙校1班2")
    assert absent["数学"] == "缺考" and absent["总分"] == "不完整" and absent["总分县名次"] is None


def test_pdf_of_a_class_names_its_students_and_critical_ones() -> None:
    pdf = analysis_pdf(_county(), title="期中", scope=ReportScope(school="甲校", class_name="2班"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "甲校 2班" in text and "本班学生成绩" in text and "学生甲校2班0" in text
    assert "本班临界生名单" in text  # 60 is a pass; 55 is within 5 marks below it
