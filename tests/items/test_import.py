"""Importing item scores through the generic import flow: the file defines the paper or is matched to it,
letters scored against the key, mismatches with the subject score reported, atomic and idempotent."""

import pytest

from tests.exams.factories import make_exam
from tests.exams.files import upload, xlsx
from tests.items.factories import make_paper, math_subject
from zhiliang.imports import services as imports
from zhiliang.imports.models import ImportStatus
from zhiliang.items.importer import KIND
from zhiliang.items.models import Item, ItemResponse, Paper

pytestmark = pytest.mark.django_db

HEADER = ["学籍号", "姓名", "学校", "班级", "1", "2", "3", "4", "5", "总分"]
MAX = ["满分", None, None, None, 10, 10, 20, 40, 40, 120]
KEY = ["答案", None, None, None, "B", "ACD", None, None, None, None]


def rows(s4_item5=20):
    return [
        ["GS10000000001", "张三", "第一初级中学", "七年级(1)班", "B", "ACD", 20, 30, 30, 100],
        ["GS20000000001", "李四", "第一初级中学", "七年级(1)班", "C", "AC", 15, 25, 25, 70],
        ["GS30000000001", "王五", "第一初级中学", "七年级(2)班", "B", "AB", 10, 20, 10, 50],
        ["GS40000000001", "赵六", "第二初级中学", "七年级(1)班", "B", "ACD", 5, 20, s4_item5, 65],
    ]


def run(cast, exam_subject, content, *, user="bureau_admin", confirm=True, school=None):
    job = imports.import_job_create(
        user=cast.user(user),
        kind=KIND,
        upload=upload(content, "小题分.xlsx"),
        target_id=exam_subject.pk,
        school=school,
    )
    if confirm and job.status == ImportStatus.READY:
        job = imports.import_job_confirm(job=job, user=cast.user(user))
    job.refresh_from_db()
    return job


def messages(job):
    return [imports.problem_from_json(p).message() for p in job.problems]


def test_a_file_defines_the_paper_and_its_item_scores(cast):
    exam = make_exam(cast)
    job = run(cast, math_subject(exam), xlsx([HEADER, MAX, KEY, *rows()]))
    assert job.status == ImportStatus.DONE, messages(job)
    paper = Paper.objects.get(exam_subject=math_subject(exam))
    assert list(paper.items.values_list("label", "kind", "key")) == [
        ("1", "single", "B"),
        ("2", "multiple", "ACD"),
        ("3", "constructed", ""),
        ("4", "constructed", ""),
        ("5", "constructed", ""),
    ]
    zhang = ItemResponse.objects.get(paper=paper, student=cast.students["s1"])
    assert zhang.points == [10, 10, 20, 30, 30] and zhang.answers == {"0": "B", "1": "ACD"}
    li = ItemResponse.objects.get(paper=paper, student=cast.students["s2"])
    assert li.points == [0, 5, 15, 25, 25]
    assert job.result == {"create": 4, "update": 0, "unchanged": 0, "mismatch": 0}


def test_importing_the_same_file_twice_changes_nothing(cast):
    exam = make_exam(cast)
    content = xlsx([HEADER, MAX, KEY, *rows()])
    run(cast, math_subject(exam), content)
    paper = Paper.objects.get(exam_subject=math_subject(exam))
    version = paper.version
    job = run(cast, math_subject(exam), content, confirm=False)
    assert job.preview["summary"] == {"create": 0, "update": 0, "unchanged": 4, "mismatch": 0}
    imports.import_job_confirm(job=job, user=cast.user("bureau_admin"))
    paper.refresh_from_db()
    assert paper.version == version


def test_items_that_do_not_add_up_to_the_subject_score_are_reported_but_written(cast):
    exam = make_exam(cast)
    job = run(cast, math_subject(exam), xlsx([HEADER, MAX, KEY, *rows(s4_item5=25)]), confirm=False)
    assert job.status == ImportStatus.READY
    assert job.preview["summary"]["mismatch"] == 1
    sample = job.preview["sample"][0]
    assert sample["姓名"] == "赵六" and sample["小题合计"] == "70" and sample["学科成绩"] == "65"


def test_a_defined_paper_matches_columns_and_its_keys_score_letters(cast):
    exam = make_exam(cast)
    make_paper(cast, exam, points={})
    no_key_row = [HEADER[:9], MAX[:9], *[r[:9] for r in rows()]]
    job = run(cast, math_subject(exam), xlsx(no_key_row))
    assert job.status == ImportStatus.DONE, messages(job)
    paper = Paper.objects.get(exam_subject=math_subject(exam))
    assert ItemResponse.objects.get(paper=paper, student=cast.students["s3"]).points == [10, 0, 10, 20, 10]
    # A file whose columns are not the paper's items is refused, nothing written.
    bad = [["学籍号", "1", "2", "9"], ["满分", 10, 10, 5], ["GS10000000001", "B", "ACD", 1]]
    job = run(cast, math_subject(exam), xlsx(bad))
    assert job.status == ImportStatus.INVALID
    codes = {p["code"] for p in job.problems}
    assert {"items.unknown_item", "items.missing_item"} <= codes


def test_row_level_problems_refuse_the_whole_file(cast):
    exam = make_exam(cast)
    broken = rows()
    broken[1][6] = 25  # item 3 is worth 20
    broken[2][0] = "G-UNKNOWN"
    broken[2][1] = "不存在"
    job = run(cast, math_subject(exam), xlsx([HEADER, MAX, KEY, *broken]))
    assert job.status == ImportStatus.INVALID
    text = "\n".join(messages(job))
    assert "第 5 行 G 列" in text and "超过了小题“3”的满分 20" in text
    assert not Paper.objects.filter(exam_subject=math_subject(exam)).exists()
    assert not Item.objects.exists()


def test_unknown_students_are_reported_with_their_row(cast):
    exam = make_exam(cast)
    broken = rows()
    broken[2][0] = "G-UNKNOWN"
    broken[2][1] = "不存在"
    job = run(cast, math_subject(exam), xlsx([HEADER, MAX, KEY, *broken]))
    assert job.status == ImportStatus.INVALID
    assert any("第 6 行" in m and "不存在" in m for m in messages(job))
    assert not ItemResponse.objects.exists()


def test_a_school_leader_imports_only_their_own_students(cast):
    exam = make_exam(cast)
    job = run(cast, math_subject(exam), xlsx([HEADER, MAX, KEY, *rows()]), user="principal")
    assert job.status == ImportStatus.INVALID
    assert any("赵六" in m and "第二初级中学" in m for m in messages(job))


def test_who_may_import(cast):
    from zhiliang.imports.models import ImportJob
    from zhiliang.items.importer import may_import_items

    exam = make_exam(cast)
    target = math_subject(exam).pk
    allowed = {
        role
        for role in cast.users
        if may_import_items(cast.user(role), ImportJob(kind=KIND, created_by=cast.user(role), target_id=target))
    }
    assert allowed == {"bureau_admin", "principal", "academic_director"}
