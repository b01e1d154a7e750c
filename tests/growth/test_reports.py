"""The value-added chapter of the exam report, per unit (county, school, class)."""

import pytest

from tests.growth.factories import growth_exams
from zhiliang.exams.reports import REPORT_CHAPTERS, extra_chapters
from zhiliang.growth.reports import report_chapters

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(cast):
    return growth_exams(cast)[1]


def test_the_chapter_is_hooked_into_the_exam_report(later):
    assert "zhiliang.growth.reports.report_chapters" in REPORT_CHAPTERS
    assert any(chapter.startswith("<h1>增值评价</h1>") for chapter in extra_chapters(later, 7, ("county", None, None)))


def test_the_county_report_lists_schools(later):
    (chapter,) = report_chapters(later, 7, ("county", None, None))
    assert "各校 · 总分" in chapter and "各校 · 数学" in chapter
    assert "第一初级中学" in chapter and "第二初级中学" in chapter
    assert "七年级(1)班" not in chapter and "李老师" not in chapter


def test_a_school_report_lists_its_own_classes_only(cast, later):
    (chapter,) = report_chapters(later, 7, ("school", "第一初级中学", None))
    assert "本校 · 总分" in chapter and "各班 · 数学" in chapter
    assert "七年级(1)班" in chapter and "第二初级中学" not in chapter
    assert "高于预期" in chapter  # the boosted class in 数学


def test_a_class_report_lists_its_subjects(later):
    (chapter,) = report_chapters(later, 7, ("class", "第一初级中学", "七年级(1)班"))
    assert "七年级(1)班 · 各学科" in chapter
    assert all(subject in chapter for subject in ("总分", "语文", "数学", "英语"))
    assert "七年级(2)班" not in chapter
