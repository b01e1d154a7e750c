"""The report chapter is escaped HTML with one row per item and the unit column only for a unit."""

import numpy as np

from zhiliang.core.items import ItemSpec, analyse_items
from zhiliang.core.items.report import PaperSection, item_chapter

HAND = np.array([[1, 1, 2], [1, 0, 2], [1, 1, 1], [0, 0, 1], [0, 1, 0]], dtype=float)
ITEMS = [ItemSpec("<A>", 1), ItemSpec("B", 1), ItemSpec("C", 2)]


def test_chapter_rows_escaping_and_reliability_line() -> None:
    analysis = analyse_items(HAND, ITEMS)
    chapter = item_chapter([PaperSection("数学", analysis)])
    assert chapter.startswith("<h1>小题分析</h1>")
    assert "&lt;A&gt;" in chapter and "<A>" not in chapter
    assert "α = 0.417" in chapter
    assert chapter.count("<tr><td>") == 3
    with_unit = item_chapter([PaperSection("数学", analysis, "本校", [0.5, None, 1.0])])
    assert "难度（本校）" in with_unit and '<td class="num">—</td>' in with_unit


def test_no_papers_no_chapter() -> None:
    assert item_chapter([]) == ""
