"""The item-analysis chapter of the exam's printed report (hooked in by `zhiliang.exams.reports.REPORT_CHAPTERS`).

For every paper of the report's grade that has item scores: the paper's figures and the table of items
(`zhiliang.core.items.report`). A school or class report adds that unit's difficulty per item next to the
whole paper's. The report's unit was already checked against the requester's visibility by the exams app.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from zhiliang.core.items.report import PaperSection, item_chapter
from zhiliang.items.analysis import paper_data, unit_difficulty
from zhiliang.items.models import Paper


def report_chapters(exam: Any, grade: int, unit: tuple[str, str | None, str | None]) -> list[str]:
    level, school, class_name = unit
    papers = (
        Paper.objects.filter(exam_subject__exam=exam, exam_subject__grade=grade)
        .select_related("exam_subject__subject")
        .order_by("exam_subject__subject__order", "exam_subject__subject__code")
    )
    sections = []
    for paper in papers:
        data = paper_data(paper)
        if data.analysis.test.n == 0:
            continue
        label = None
        difficulty: list[float | None] = []
        if level != "county" and school:
            mask = (data.students.get_column("school") == school).to_numpy()
            if class_name:
                mask &= (data.students.get_column("class") == class_name).to_numpy()
            mask = np.asarray(mask & data.analysis.present, dtype=bool)
            label = f"{class_name}" if class_name else "本校"
            difficulty = unit_difficulty(data, mask)
        sections.append(PaperSection(paper.exam_subject.subject.name, data.analysis, label, difficulty))
    chapter = item_chapter(sections)
    return [chapter] if chapter else []
