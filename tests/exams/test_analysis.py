"""The analysis bridge: the long frame from the database, caching until scores change, previous exams,
subjects with their own lines, and query counts that do not grow with the data."""

import datetime
from decimal import Decimal

import polars as pl
import pytest
from django.urls import reverse

from tests.exams.factories import make_exam, write_scores
from zhiliang.core.analytics import TOTAL
from zhiliang.exams import analysis
from zhiliang.exams.cache import cache_forget
from zhiliang.exams.models import AnalysisCache, ExamStatus, ExamSubject
from zhiliang.exams.services import exam_update
from zhiliang.org.models import SchoolClass, SchoolYear, Term
from zhiliang.people.models import ClassMembership, Student

pytestmark = pytest.mark.django_db


def county_mean(result, subject):
    summary = result.frame("summary")
    row = summary.filter((pl.col("level") == "county") & (pl.col("subject") == subject)).row(0, named=True)
    return row["mean"]


def test_the_long_frame_is_built_in_one_query(cast, django_assert_num_queries):
    exam = make_exam(cast)
    with django_assert_num_queries(1):
        frame = analysis.scores_frame(exam, 7)
    assert frame.columns == ["student_id", "name", "school", "class", "grade", "group", "subject", "score", "status"]
    row = frame.filter((pl.col("name") == "张三") & (pl.col("subject") == "语文")).row(0, named=True)
    assert row == {
        "student_id": "GS10000000001",
        "name": "张三",
        "school": "第一初级中学",
        "class": "七年级(1)班",
        "grade": "七年级",
        "group": "城关教育集团",
        "subject": "语文",
        "score": 110.0,
        "status": "scored",
    }


def test_county_figures_by_hand(cast):
    exam = make_exam(cast)
    result = analysis.grade_analysis(exam, 7)
    # 语文: 110, 80, 95, 100 → mean 96.25; 英语: s3 absent → (90 + 60 + 108) / 3 = 86
    assert county_mean(result, "语文") == pytest.approx(96.25)
    assert county_mean(result, "英语") == pytest.approx(86.0)
    # 总分 only for students who sat every subject: s1 300, s2 210, s4 273
    assert county_mean(result, TOTAL) == pytest.approx(261.0)


def test_the_analysis_is_cached_until_a_score_changes(cast):
    exam = make_exam(cast)
    first = analysis.grade_analysis(exam, 7)
    assert AnalysisCache.objects.filter(exam=exam, part="summary").count() == 1
    cache_forget()
    again = analysis.grade_analysis(exam, 7)
    assert again.fingerprint == first.fingerprint
    write_scores(cast, exam, {"s2": {"语文": 120}})
    exam.refresh_from_db()
    changed = analysis.grade_analysis(exam, 7)
    assert changed.fingerprint != first.fingerprint
    assert county_mean(changed, "语文") == pytest.approx((110 + 120 + 95 + 100) / 4)
    assert AnalysisCache.objects.filter(exam=exam, part="summary").count() == 1


def test_changing_the_lines_recomputes(cast):
    exam = make_exam(cast)
    before = analysis.grade_analysis(exam, 7).frame("summary")
    exam_update(exam=exam, actor=cast.user("bureau_admin"), pass_ratio=Decimal("0.8"))
    after = analysis.grade_analysis(exam, 7).frame("summary")

    def pass_rate(frame, subject):
        county = frame.filter((pl.col("level") == "county") & (pl.col("subject") == subject))
        return county.get_column("pass_rate")[0]

    # Lines 0.6 × 120 = 72 and 0.8 × 120 = 96. 数学 100, 70, 50, 65: one passes either way.
    assert pass_rate(before, "数学") == pytest.approx(0.25)
    assert pass_rate(after, "数学") == pytest.approx(0.25)
    # 语文 110, 80, 95, 100: all four reach 72, two reach 96.
    assert pass_rate(before, "语文") == pytest.approx(1.0)
    assert pass_rate(after, "语文") == pytest.approx(0.5)


def test_a_subject_with_its_own_lines(cast):
    exam = make_exam(cast)
    ExamSubject.objects.filter(exam=exam, subject__name="语文").update(excellent_ratio=Decimal("0.9"))
    exam = analysis._with_subjects(exam)
    summary = analysis.grade_analysis(exam, 7).frame("summary")
    county = summary.filter(pl.col("level") == "county")
    rates = dict(zip(county["subject"].to_list(), county["excellent_rate"].to_list(), strict=True))
    # 语文 at 90 % of 120 = 108: only 110 → 1/4; 英语 keeps 85 % = 102: only 108 → 1/3
    assert rates["语文"] == pytest.approx(0.25)
    assert rates["英语"] == pytest.approx(1 / 3)


def test_previous_exam_is_the_latest_earlier_published_one_of_the_same_scope(cast):
    older = make_exam(cast, name="期中", status=ExamStatus.PUBLISHED, held_on=datetime.date(2025, 11, 10))
    make_exam(cast, name="草稿", status=ExamStatus.OPEN, held_on=datetime.date(2025, 12, 1))  # not published
    make_exam(cast, name="本校", scope="school", status=ExamStatus.PUBLISHED, held_on=datetime.date(2025, 12, 2))
    exam = make_exam(cast, name="期末", held_on=datetime.date(2026, 1, 10))
    found = analysis.previous_exam(analysis._with_subjects(exam), 7)
    assert found is not None and found[0].pk == older.pk and found[1] == 7


def test_rank_changes_come_from_the_previous_exam(cast):
    make_exam(
        cast,
        name="期中",
        status=ExamStatus.PUBLISHED,
        held_on=datetime.date(2025, 11, 10),
        scores={"s1": {"语文": 60, "数学": 60, "英语": 60}, "s2": {"语文": 100, "数学": 100, "英语": 100}},
    )
    exam = make_exam(cast, name="期末", held_on=datetime.date(2026, 1, 10))
    result = analysis.grade_analysis(exam, 7)
    students = result.frame("students").filter(pl.col("subject") == TOTAL)
    change = dict(zip(students["name"].to_list(), students["change_rank_county"].to_list(), strict=True))
    # 期中: 李四 1st, 张三 2nd (of two with a total); 期末: 张三 1st, 赵六 2nd, 李四 3rd
    assert change["张三"] == 1 and change["李四"] == -2
    assert result.meta["previous_exam_name"] == "期中"


def test_last_years_exam_of_the_cohort_is_compared_across_promotion(cast):
    last_year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    term = Term.objects.create(
        school_year=last_year, number=2, start_date=datetime.date(2025, 2, 20), end_date=datetime.date(2025, 7, 10)
    )
    old_class = SchoolClass.objects.create(school=cast.junior1, school_year=last_year, grade=6, number=1)
    SchoolClass.objects.filter(pk=cast.classes["J01-7-1"].pk).update(previous=old_class)
    for key in ("s1", "s2"):
        ClassMembership.objects.create(student=cast.students[key], school_class=old_class, school_year=last_year)
    from zhiliang.exams.services import ScoreWrite, exam_create, exam_publish, scores_bulk_write

    old = exam_create(
        actor=cast.user("bureau_admin"),
        name="六年级期末",
        kind="final",
        term=term,
        subjects={6: [cast.subjects["语文"]]},
        scope="county",
        county=cast.county,
        status=ExamStatus.OPEN,
    )
    es = old.exam_subjects.get()
    scores_bulk_write(
        exam=old,
        rows=[
            ScoreWrite(cast.students["s1"].pk, es.pk, old_class.pk, Decimal("50"), "scored"),
            ScoreWrite(cast.students["s2"].pk, es.pk, old_class.pk, Decimal("90"), "scored"),
        ],
        actor=None,
    )
    exam_publish(exam=old, actor=None)
    exam = make_exam(cast)
    result = analysis.grade_analysis(exam, 7)
    assert result.meta["previous_exam_name"] == "六年级期末"
    chinese = result.frame("students").filter(pl.col("subject") == "语文")
    change = dict(zip(chinese["name"].to_list(), chinese["change_rank_county"].to_list(), strict=True))
    assert change["张三"] is not None
    classes = result.frame("summary").filter((pl.col("level") == "class") & (pl.col("subject") == "语文"))
    assert classes.filter(pl.col("class") == "七年级(1)班")["rank_change"][0] is not None


def _add_students(cast, count):
    klass = cast.classes["J01-7-2"]
    for i in range(count):
        student = Student.objects.create(
            county=cast.county, student_number=f"GX{i:06d}", name=f"学生{i}", sex="M", school=cast.junior1
        )
        ClassMembership.objects.create(student=student, school_class=klass, school_year=cast.year)


@pytest.mark.parametrize("url_name", ["exams:overview", "exams:school", "exams:class"])
def test_page_queries_do_not_grow_with_students(cast, client, django_assert_max_num_queries, url_name):
    """A page reads the cached analysis: its queries depend on neither students nor classes."""
    args = {
        "exams:overview": lambda e: [e.pk],
        "exams:school": lambda e: [e.pk, cast.junior1.pk],
        "exams:class": lambda e: [e.pk, cast.classes["J01-7-2"].pk],
    }[url_name]
    client.force_login(cast.user("bureau_analyst"))

    def count_queries(exam):
        client.get(reverse(url_name, args=args(exam)))  # warm the cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(url_name, args=args(exam))).status_code == 200
        return len(context)

    small = count_queries(make_exam(cast, name="小"))
    _add_students(cast, 60)
    big_exam = make_exam(cast, name="大")
    big = count_queries(big_exam)
    assert big == small
