"""The report chapter: escaped names, signed effects, judgements in words; nothing without rows."""

from zhiliang.core.value_added.report import ChapterRow, ChapterSection, value_added_chapter


def test_the_chapter_lists_each_section_with_escaped_names():
    rows = [
        ChapterRow("一中 <七(1)班>", 40, 1.234, 0.2, 2.27, "above"),
        ChapterRow("二中", 8, -0.5, -2.0, 1.0, "expected"),
    ]
    html = value_added_chapter("期中 → 期末", [ChapterSection("各班 · 数学", rows), ChapterSection("各校 · 总分", [])])
    assert html.startswith("<h1>增值评价</h1>")
    assert "一中 &lt;七(1)班&gt;" in html and "<七(1)班>" not in html
    assert "+1.23" in html and "[0.20, 2.27]" in html and "高于预期" in html and "符合预期" in html
    assert "各班 · 数学" in html and "各校 · 总分" not in html


def test_no_rows_no_chapter():
    assert value_added_chapter("a → b", [ChapterSection("各校 · 总分", [])]) == ""
