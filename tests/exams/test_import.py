"""Importing a score file through the generic import flow: layouts, matching, every bad input, atomic, idempotent."""

from decimal import Decimal

import pytest

from tests.exams.factories import make_exam
from tests.exams.files import cast_rows, upload, wide, xlsx
from zhiliang.exams.importer import KIND
from zhiliang.exams.models import ExamNumber, ExamStatus, Score, ScoreEdit, ScoreStatus
from zhiliang.imports import services as imports
from zhiliang.imports.models import ImportStatus

pytestmark = pytest.mark.django_db


def run(cast, exam, content, *, user="bureau_admin", school=None, name="成绩.xlsx", confirm=True):
    job = imports.import_job_create(
        user=cast.user(user), kind=KIND, upload=upload(content, name), target_id=exam.pk, school=school
    )
    if confirm and job.status == ImportStatus.READY:
        job = imports.import_job_confirm(job=job, user=cast.user(user))
    job.refresh_from_db()
    return job


def scores(exam):
    return {
        (s.student.name, s.exam_subject.subject.name): (s.status, s.score)
        for s in Score.objects.filter(exam_subject__exam=exam).select_related("student", "exam_subject__subject")
    }


def messages(job):
    return [imports.problem_from_json(p).message() for p in job.problems]


def test_a_wide_file_is_imported(cast):
    exam = make_exam(cast, scores={})
    job = run(cast, exam, wide(cast_rows()))
    assert job.status == ImportStatus.DONE, messages(job)
    got = scores(exam)
    assert got[("张三", "语文")] == (ScoreStatus.SCORED, Decimal("110.00"))
    assert got[("王五", "英语")] == (ScoreStatus.ABSENT, None)
    assert job.result["update"] == 12


def test_importing_the_same_file_twice_changes_nothing(cast):
    exam = make_exam(cast, scores={})
    run(cast, exam, wide(cast_rows()))
    before = scores(exam)
    job = run(cast, exam, wide(cast_rows()), confirm=False)
    assert job.preview["summary"] == {"create": 0, "update": 0, "unchanged": 12, "edits": 0}
    job = imports.import_job_confirm(job=job, user=cast.user("bureau_admin"))
    job.refresh_from_db()
    assert job.result["unchanged"] == 12 and job.result["update"] == 0
    assert scores(exam) == before
    assert not ScoreEdit.objects.exists()


def test_a_corrected_file_records_each_change(cast):
    exam = make_exam(cast)
    rows = cast_rows()
    rows[0] = (*rows[0][:4], 111, 100, 90, 301)
    job = run(cast, exam, wide(rows), name="更正.xlsx")
    assert job.status == ImportStatus.DONE
    edit = ScoreEdit.objects.get()
    assert (edit.old_score, edit.new_score, edit.source) == (Decimal("110.00"), Decimal("111.00"), "import")
    assert "更正.xlsx" in edit.reason


def test_a_long_file_is_imported(cast):
    exam = make_exam(cast, scores={})
    rows = [("学籍号", "姓名", "班级", "科目", "成绩")]
    for _school, klass, number, name, chinese, math, english, _total in cast_rows():
        for subject, value in (("语文", chinese), ("数学", math), ("英语", english)):
            rows.append((number, name, klass, subject, value))
    job = run(cast, exam, xlsx(rows))
    assert job.status == ImportStatus.DONE, messages(job)
    assert scores(exam)[("赵六", "英语")] == (ScoreStatus.SCORED, Decimal("108.00"))


def test_a_marking_system_export_is_matched_by_name_and_learns_exam_numbers(cast):
    """Two-row header (语文 over 得分/班次), 考号 instead of 学籍号, no 学校 column, remarks and footnotes."""
    exam = make_exam(cast, scores={})
    header_top = ["考号", "姓名", "班级", "语文", None, "数学", None, "英语", None]
    header_sub = [None, None, None, "得分", "班次", "得分", "班次", "得分", "班次"]
    rows = [
        header_top,
        header_sub,
        ["70101", "张三", "七年级1班", 110, 1, 100, 1, 90, 1],
        ["70102", "李四", "1班", 80, 2, 70, 2, 60, 2],
        ["70201", "王五", "七(2)班", 95, 1, 50, 1, "缺考，不计排名", None],
        ["注：本表由阅卷系统导出", None, None, None, None, None, None, None, None],
    ]
    merges = [(0, 3, 0, 4, "语文"), (0, 5, 0, 6, "数学"), (0, 7, 0, 8, "英语")]
    job = run(cast, exam, xlsx(rows, merges=merges), school=cast.junior1, user="academic_director")
    assert job.status == ImportStatus.DONE, messages(job)
    got = scores(exam)
    assert got[("李四", "数学")] == (ScoreStatus.SCORED, Decimal("70.00"))
    assert got[("王五", "英语")] == (ScoreStatus.ABSENT, None)
    assert dict(ExamNumber.objects.values_list("number", "student__name")) == {
        "70101": "张三",
        "70102": "李四",
        "70201": "王五",
    }
    # Next time the exam number alone is enough, even with a typo in the name.
    rows[2] = ["70101", "张叁", "七年级1班", 111, 1, 100, 1, 90, 1]
    job = run(cast, exam, xlsx(rows[:3], merges=merges), school=cast.junior1, user="academic_director")
    assert job.status == ImportStatus.DONE, messages(job)
    assert scores(exam)[("张三", "语文")] == (ScoreStatus.SCORED, Decimal("111.00"))


def problem_of(cast, exam, rows, header=None, **kwargs):
    job = run(cast, exam, wide(rows, header) if header else wide(rows), **kwargs)
    assert job.status == ImportStatus.INVALID
    return messages(job)


@pytest.fixture
def exam(cast):
    return make_exam(cast, scores={})


def _unchanged(exam, before):
    assert scores(exam) == before, "a file with problems must not write anything"


def test_score_above_full_marks(cast, exam):
    before = scores(exam)
    rows = cast_rows()
    rows[1] = (*rows[1][:4], 121, 70, 60, 251)
    found = problem_of(cast, exam, rows)
    assert any("第 3 行" in m and "超过满分 120" in m for m in found), found
    _unchanged(exam, before)


def test_negative_score(cast, exam):
    rows = cast_rows()
    rows[0] = (*rows[0][:5], -5, 90, None)
    found = problem_of(cast, exam, rows)
    assert any("第 2 行" in m and "负数" in m for m in found), found


def test_text_in_a_score_cell(cast, exam):
    rows = cast_rows()
    rows[0] = (*rows[0][:5], "九十", 90, None)
    found = problem_of(cast, exam, rows)
    assert any("第 2 行 F 列" in m and "九十" in m for m in found), found


def test_unknown_subject_column(cast, exam):
    header = ("学校", "班级", "学籍号", "姓名", "语文", "数学", "英语", "书法")
    rows = [(*r[:7], 80) for r in cast_rows()]
    found = problem_of(cast, exam, rows, header)
    assert any("书法" in m for m in found), found


def test_subject_not_in_the_exam(cast, exam):
    header = ("学校", "班级", "学籍号", "姓名", "语文", "数学", "英语", "物理")
    rows = [(*r[:7], 80) for r in cast_rows()]
    found = problem_of(cast, exam, rows, header)
    assert any("物理" in m and "不是本次考试的科目" in m for m in found), found


def test_duplicated_student(cast, exam):
    rows = [*cast_rows(), cast_rows()[0]]
    found = problem_of(cast, exam, rows)
    assert any("重复" in m for m in found), found


def test_same_student_by_id_and_by_name(cast, exam):
    # A row keyed on an exam number the platform does not know is matched by school, class and name.
    rows = [*cast_rows(), ("第一初级中学", "七年级(1)班", "70101", "张三", 1, 2, 3, 6)]
    found = problem_of(cast, exam, rows)
    assert any("张三" in m and "出现两次" in m for m in found), found


def test_unknown_student(cast, exam):
    rows = [*cast_rows(), ("第一初级中学", "七年级(1)班", "G-NOBODY", "无名", 1, 2, 3, 6)]
    found = problem_of(cast, exam, rows)
    assert any("第 6 行" in m and "找不到学生" in m for m in found), found


def test_student_outside_the_exam(cast, exam):
    rows = [*cast_rows(), ("城关中心小学", "三年级(1)班", "GS50000000001", "孙七", 1, 2, 3, 6)]
    found = problem_of(cast, exam, rows)
    assert any("孙七" in m and "不在本次考试" in m for m in found), found


def test_name_does_not_match_the_student_number(cast, exam):
    rows = cast_rows()
    rows[0] = ("第一初级中学", "七年级(1)班", "GS10000000001", "李四", 110, 100, 90, 300)
    found = problem_of(cast, exam, rows)
    assert any("GS10000000001" in m and "张三" in m for m in found), found


def test_two_students_with_the_same_name_are_not_guessed(cast, exam):
    from zhiliang.people.models import ClassMembership, Student

    twin = Student.objects.create(county=cast.county, student_number="GTWIN", name="张三", sex="M", school=cast.junior1)
    ClassMembership.objects.create(student=twin, school_class=cast.classes["J01-7-1"], school_year=cast.year)
    rows = [("第一初级中学", "七年级(1)班", "70101", "张三", 110, 100, 90, 300)]
    header = ("学校", "班级", "考号", "姓名", "语文", "数学", "英语", "总分")
    found = problem_of(cast, exam, rows, header)
    assert any("2 名学生叫“张三”" in m for m in found), found


def test_total_is_checked_not_trusted(cast, exam):
    rows = cast_rows()
    rows[0] = (*rows[0][:7], 999)
    found = problem_of(cast, exam, rows)
    assert any("总分 999" in m for m in found), found


def test_a_principal_cannot_import_another_schools_students(cast, exam):
    found = problem_of(cast, exam, cast_rows(), user="principal")
    assert any("赵六" in m and "第二初级中学" in m for m in found), found


def test_a_published_exam_refuses_imports(cast):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    found = problem_of(cast, exam, cast_rows())
    assert any("已发布" in m for m in found), found


def test_teachers_cannot_import(cast, exam):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(cast, exam, wide(cast_rows()), user="subject_teacher")


def test_importing_into_a_draft_opens_it(cast):
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    job = run(cast, exam, wide(cast_rows()))
    assert job.status == ImportStatus.DONE, messages(job)
    exam.refresh_from_db()
    assert exam.status == ExamStatus.OPEN


def test_the_preview_shows_what_will_change(cast, exam):
    job = run(cast, exam, wide(cast_rows()), confirm=False)
    assert job.status == ImportStatus.READY
    sample = job.preview["sample"]
    assert sample[0]["action"] == "update" and {"学籍号", "姓名", "班级", "科目", "成绩"} <= set(sample[0])
