"""The item-analysis chapter of the exam's printed report."""

import pytest

from tests.exams.factories import make_exam
from tests.items.factories import make_paper
from zhiliang.exams.models import ReportFile, ReportKind, ReportStatus
from zhiliang.exams.reports import extra_chapters, report_build

pytestmark = pytest.mark.django_db


def test_the_report_gets_an_item_chapter_for_the_county_and_a_class(cast):
    exam = make_exam(cast)
    make_paper(cast, exam)
    (county,) = extra_chapters(exam, 7, ("county", None, None))
    assert county.startswith("<h1>小题分析</h1>") and "<h2>数学</h2>" in county
    assert county.count("<tr><td>") == 5 and "难度（" not in county
    (klass,) = extra_chapters(exam, 7, ("class", "第一初级中学", "七年级(1)班"))
    assert "难度（七年级(1)班）" in klass
    # 七年级(1)班: s1 10 and s2 0 on item 1 → 0.50
    assert '<td class="num">0.50</td>' in klass.split("<tr><td>1</td>")[1].split("</tr>")[0]


def test_no_item_scores_no_chapter(cast):
    exam = make_exam(cast)
    assert extra_chapters(exam, 7, ("county", None, None)) == []


def test_the_pdf_report_is_built_with_the_chapter(cast):
    exam = make_exam(cast)
    make_paper(cast, exam)
    report = ReportFile.objects.create(
        exam=exam, kind=ReportKind.PDF, grade=7, scope_key="county", fingerprint="x", filename="r.pdf"
    )
    report = report_build(report.pk)
    assert report.status == ReportStatus.DONE, report.message
    assert bytes(report.content).startswith(b"%PDF")
