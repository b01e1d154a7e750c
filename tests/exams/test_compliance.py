"""Warnings for exams the 2021 rules restrict (教育部办公厅《关于加强义务教育学校考试管理的通知》)."""

import pytest

from tests.exams.factories import make_exam
from zhiliang.exams.compliance import ExamFacts, compliance_warnings
from zhiliang.exams.models import ExamFormat, ExamKind, ExamScope
from zhiliang.exams.selectors import exam_warnings


def facts(kind, grades, *, scope=ExamScope.SCHOOL, fmt=ExamFormat.WRITTEN, term=1):
    return ExamFacts(kind=kind, format=fmt, scope=scope, grades=frozenset(grades), term_number=term)


def codes(exam, others=()):
    return sorted(w.code for w in compliance_warnings(exam, others))


@pytest.mark.parametrize(
    ("exam", "others", "expected"),
    [
        # A final per term for grades 3-6 and 7-9 is the allowed case.
        (facts(ExamKind.FINAL, [5]), [], []),
        (facts(ExamKind.FINAL, [8]), [], []),
        (facts(ExamKind.MIDTERM, [8]), [], []),
        # Grades 1-2: no paper-and-pencil exam; an activity-based assessment is fine.
        (facts(ExamKind.FINAL, [1, 2]), [], ["written_lower_primary"]),
        (facts(ExamKind.FINAL, [2], fmt=ExamFormat.NON_WRITTEN), [], []),
        # Primary schools hold no mid-term.
        (facts(ExamKind.MIDTERM, [4]), [], ["primary_midterm"]),
        # Weekly / monthly / unit tests are banned for every grade.
        (facts(ExamKind.UNIT, [8]), [], ["unit_or_monthly"]),
        # A second final in the same term.
        (facts(ExamKind.FINAL, [4]), [facts(ExamKind.FINAL, [4])], ["extra_final"]),
        (facts(ExamKind.FINAL, [8]), [facts(ExamKind.FINAL, [7])], []),
        # Junior grades: at most one mid-term.
        (facts(ExamKind.MIDTERM, [7]), [facts(ExamKind.MIDTERM, [7, 8])], ["extra_midterm"]),
        # Regional exams: not for primary grades or non-graduating junior grades; grade 9 is allowed.
        (facts(ExamKind.UNIFIED, [7], scope=ExamScope.COUNTY), [], ["regional_exam"]),
        (facts(ExamKind.FINAL, [5], scope=ExamScope.GROUP), [], ["regional_exam"]),
        (facts(ExamKind.UNIFIED, [9], scope=ExamScope.COUNTY), [], []),
        # Sampling for quality monitoring is what the notice asks for, not a regional exam.
        (facts(ExamKind.SAMPLING, [5], scope=ExamScope.COUNTY), [], []),
        # Mock exams: grade 9, second term, at most two.
        (facts(ExamKind.MOCK, [9], term=2), [facts(ExamKind.MOCK, [9], term=2)], []),
        (facts(ExamKind.MOCK, [9], term=2), [facts(ExamKind.MOCK, [9], term=2)] * 2, ["extra_mock"]),
        (facts(ExamKind.MOCK, [9], term=1), [], ["mock_outside_grade9_term2"]),
        (facts(ExamKind.MOCK, [8], term=2), [], ["mock_outside_grade9_term2"]),
    ],
)
def test_rules(exam, others, expected):
    assert codes(exam, others) == sorted(expected)


def test_every_warning_cites_the_notice():
    for warning in compliance_warnings(facts(ExamKind.UNIT, [1, 5], scope=ExamScope.COUNTY)):
        assert "关于加强义务教育学校考试管理的通知" in warning.source
        assert warning.rule


@pytest.mark.django_db
def test_exam_page_warnings_count_other_exams_of_the_term(cast):
    make_exam(cast, name="期中一", kind=ExamKind.MIDTERM, scope=ExamScope.SCHOOL)
    second = make_exam(cast, name="期中二", kind=ExamKind.MIDTERM, scope=ExamScope.SCHOOL)
    assert "extra_midterm" in [w.code for w in exam_warnings(second)]
    county = make_exam(cast, name="统考", kind=ExamKind.UNIFIED)
    assert [w.code for w in exam_warnings(county)] == ["regional_exam"]
