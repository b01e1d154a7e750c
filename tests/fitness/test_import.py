"""Importing a class's results through the generic import flow: scored, row-level problems, idempotent."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhiliang.fitness.importer import KIND
from zhiliang.fitness.models import FitnessRecord
from zhiliang.imports import services as imports
from zhiliang.imports.models import ImportStatus

pytestmark = pytest.mark.django_db

HEADER = ["学籍号", "姓名", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "立定跳远", "引体向上", "1000米跑",
          "一分钟仰卧起坐", "800米跑", "左眼裸眼视力", "右眼裸眼视力", "龋齿"]  # fmt: skip


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "七年级(1)班"
    sheet.append(["第一初级中学体质健康测试"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def good_rows(cast):
    s1, s2 = cast.students["s1"], cast.students["s2"]
    return [
        [s1.student_number, "张三", 160, 48, 3640, 7.8, 17.6, 225, 13, "3'55\"", None, None, 4.8, 5.0, "是"],
        [s2.student_number, "李四", 155, 44, 2800, "9.0", 12, 196, None, None, 50, "3:35", 5.1, 5.0, "否"],
    ]


def run(cast, content, *, user="principal", confirm=True):
    job = imports.import_job_create(
        user=cast.user(user), kind=KIND, upload=SimpleUploadedFile("体测.xlsx", content), school=cast.junior1
    )
    if confirm and job.status == ImportStatus.READY:
        job = imports.import_job_confirm(job=job, user=cast.user(user))
    job.refresh_from_db()
    return job


def messages(job):
    return [imports.problem_from_json(p).message() for p in job.problems]


def test_a_class_file_is_imported_and_scored(cast) -> None:
    job = run(cast, xlsx(good_rows(cast)))
    assert job.status == ImportStatus.DONE, messages(job)
    boy = FitnessRecord.objects.get(student=cast.students["s1"])
    assert boy.total == D("100.0") and boy.band == "excellent" and boy.run_1000m == D("235")
    assert boy.vision_level == "moderate" and boy.caries is True
    girl = FitnessRecord.objects.get(student=cast.students["s2"])
    assert girl.run_800m == D("215") and girl.scores["run_800m"]["score"] == 100
    assert girl.scores["sit_up_1min"]["score"] == 100 and girl.caries is False
    assert job.result == {"create": 2}


def test_the_same_file_twice_changes_nothing(cast) -> None:
    run(cast, xlsx(good_rows(cast)))
    job = run(cast, xlsx(good_rows(cast)), confirm=False)
    assert job.preview["summary"] == {"unchanged": 2}


def test_bad_values_and_unknown_students_are_row_level_problems_and_nothing_is_written(cast) -> None:
    rows = good_rows(cast)
    rows[0][5] = 3  # a 50 m in 3 s
    rows[1][11] = "3.35"  # an 800 m written with a dot
    rows.append(["G-NOBODY", "无名", 150, 40, None, None, None, None, None, None, None, None, None, None, None])
    job = run(cast, xlsx(rows))
    assert job.status != ImportStatus.DONE
    text = messages(job)
    assert any("工作表“七年级(1)班”第 3 行 F 列（50米跑）" in m and "不可信" in m for m in text), text
    assert any("第 4 行" in m and "3'35\"" in m for m in text), text
    assert any("第 5 行" in m and "G-NOBODY" in m for m in text), text
    assert not FitnessRecord.objects.exists()


def test_a_student_of_another_school_is_refused(cast) -> None:
    other = cast.students["s4"]  # 第二初级中学
    job = run(cast, xlsx([[other.student_number, "赵六", 150, 40] + [None] * 11]))
    assert any("不在第一初级中学" in m for m in messages(job)), messages(job)


def test_only_school_managers_may_import(cast) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(cast, xlsx(good_rows(cast)), user="head_teacher")
