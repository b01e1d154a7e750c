"""The parent report shows levels and counts, never scores or ranks."""

from zhiliang.core.care.growth_report import GrowthReportInput, growth_report, render_html, render_pdf
from zhiliang.core.care.observations import Tally

DATA = GrowthReportInput(
    student_name="张<三>",
    school_name="县一中",
    class_name="九年级(1)班",
    term_label="2025–2026 第一学期",
    tallies={"moral": Tally(4, 1), "academic": Tally(1, 0)},
    subjects=[("数学", [(90.0, 100.0), (84.0, 120.0)]), ("语文", [(60.0, 120.0)])],
    fitness_band=None,
    comment="",
)


def test_levels_by_hand():
    report = growth_report(DATA)
    assert report.domains[0] == ("moral", Tally(4, 1), "excellent")  # 4/5 = 80%
    assert report.domains[1] == ("academic", Tally(1, 0), None)  # one record: no level
    assert report.domains[4] == ("labour", Tally(), None)
    assert report.subjects == [("数学", "good"), ("语文", "below")]  # 174/220 = 79%; 60/120 = 50%


def test_html_has_levels_not_scores_and_escapes_names():
    page = render_html(DATA)
    assert "良好" in page and "待合格" in page and "优秀" in page
    assert "暂无体质健康数据" in page and "（尚未填写）" in page
    for raw in ("174", "84", "90", "名次", "排名</th>"):
        assert raw not in page
    assert "张&lt;三&gt;" in page


def test_english():
    page = render_html(DATA, "en")
    assert "Student growth report" in page and "No fitness data" in page and "Not yet passing" in page


def test_pdf_renders():
    assert render_pdf(DATA).startswith(b"%PDF")
