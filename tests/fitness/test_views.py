"""The fitness pages render for their owners, show the scoring, export every table, and obey the CSP."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.urls import reverse

from tests.fitness.factories import JUNIOR_BOY, make_record, matrix_records, pe_setup
from tests.web.test_markup import latin_words, scan
from zhiliang.audit.models import AuditEvent
from zhiliang.fitness.models import FitnessRecord
from zhiliang.fitness.selectors import student_fitness_summary

pytestmark = pytest.mark.django_db


def _pages(cast):
    return [
        reverse("fitness:index"),
        reverse("fitness:county"),
        reverse("fitness:school", args=[cast.junior1.pk]),
        reverse("fitness:class", args=[cast.classes["J01-7-1"].pk]),
        reverse("fitness:student", args=[cast.students["s1"].pk]),
        reverse("fitness:entry", args=[cast.classes["J01-7-1"].pk]),
    ]


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "head_teacher", "subject_teacher"])
def test_pages_have_no_inline_script_or_style_and_no_english_in_chinese(client, cast, role) -> None:
    matrix_records(cast)
    client.force_login(cast.user(role))
    for url in _pages(cast):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        scanner = scan(response.content.decode())
        assert not scanner.problems, (url, scanner.problems)
        # only this app's part of the page: other apps' menu entries are theirs to translate
        main = scan(response.content.decode().split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0])
        assert not latin_words(main.texts) - {"BMI", "xlsx"}, (url, latin_words(main.texts))


def test_the_student_page_shows_the_table_line_behind_each_score(client, cast) -> None:
    matrix_records(cast)
    client.force_login(cast.user("head_teacher"))
    html = client.get(reverse("fitness:student", args=[cast.students["s1"].pk])).content.decode()
    assert "≤ 7.8 s → 100" in html  # grade-7 boys' 50 m: 100 points at 7.8 s
    assert "≥ 3640 ml → 100" in html
    assert "100.0" in html and "优秀" in html
    assert "110101201301010017" not in html and cast.students["s1"].id_number_masked in html


def test_a_student_with_an_incomplete_table_sees_why(client, cast) -> None:
    matrix_records(cast)
    client.force_login(cast.user("principal"))
    html = client.get(reverse("fitness:student", args=[cast.students["s2"].pk])).content.decode()
    assert "未测" in html and "未能评分" in html


def test_the_class_page_lists_students_below_pass_with_what_to_work_on(client, cast) -> None:
    pe_setup(cast)
    # obese (BMI 31.2 → 60 × 15 %), 50 m, vital capacity and sit and reach below their 10-point levels (0),
    # the rest at 100: 9 + 40 = 49, 不及格
    weak = dict(JUNIOR_BOY, weight=D("80"), run_50m=D("11.5"), vital_capacity=D("1100"), sit_and_reach=D("-9"))
    make_record(cast, "s1", **weak)
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("fitness:class", args=[cast.classes["J01-7-1"].pk]))
    record = FitnessRecord.objects.get(student=cast.students["s1"])
    assert record.band == "fail", record.total
    table = response.context["tables"][3]
    assert table.key == "below_pass" and table.rows[0][2] == "张三"
    assert record.total == D("49.0")
    assert (
        table.rows[0][4] == "50米跑、肺活量、坐位体前屈"
    )  # below 60, by weighted points lost: 20 × 100, 15 × 100, 10 × 100


def test_every_table_exports_to_xlsx_and_is_audited(client, cast) -> None:
    matrix_records(cast)
    client.force_login(cast.user("principal"))
    response = client.get(reverse("fitness:school", args=[cast.junior1.pk]), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == len(
        client.get(reverse("fitness:school", args=[cast.junior1.pk])).context["tables"]
    )
    assert AuditEvent.objects.filter(action="export", detail__what="fitness_school").exists()


def test_the_national_export_has_the_template_columns(client, cast) -> None:
    matrix_records(cast)
    student = cast.students["s1"]
    student.ethnic_code = "01"
    student.save()
    client.force_login(cast.user("principal"))
    response = client.get(reverse("fitness:national_export", args=[cast.junior1.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:9] == (
        "年级编号",
        "班级编号",
        "班级名称",
        "学籍号",
        "民族代码",
        "姓名",
        "性别",
        "出生日期",
        "家庭住址",
    )
    first = dict(zip(header, rows[1], strict=False))
    assert first["年级编号"] == "21" and first["民族代码"] == "01" and first["性别"] == "1"
    assert first["1000米跑"] == "3'55" and first["50米跑"] == "7.8"
    assert AuditEvent.objects.filter(action="export", detail__what="fitness_national").exists()


def test_phone_entry_saves_one_value_and_refuses_an_implausible_one(client, cast) -> None:
    pe_setup(cast)
    client.force_login(cast.user("subject_teacher"))
    url = reverse("fitness:entry_cell", args=[cast.classes["J01-7-1"].pk])
    student = cast.students["s1"]
    response = client.post(url, {"student": student.pk, "field": "run_1000m", "value": "3'55\""})
    assert response.status_code == 200 and "zl-saved" in response.content.decode()
    record = FitnessRecord.objects.get(student=student)
    assert record.run_1000m == D("235") and record.scores["run_1000m"]["score"] == 100
    response = client.post(url, {"student": student.pk, "field": "run_50m", "value": "3"})
    assert "不可信" in response.content.decode()
    record.refresh_from_db()
    assert record.run_50m is None
    other = cast.students["s3"]  # in 七年级(2)班, not this class
    assert client.post(url, {"student": other.pk, "field": "run_50m", "value": "8"}).status_code == 404


def test_a_corrected_value_is_audited_with_the_old_and_the_new(client, cast) -> None:
    from zhiliang.audit.models import AuditAction, AuditEvent

    pe_setup(cast)
    client.force_login(cast.user("subject_teacher"))
    url = reverse("fitness:entry_cell", args=[cast.classes["J01-7-1"].pk])
    student = cast.students["s1"]
    client.post(url, {"student": student.pk, "field": "run_1000m", "value": "3'55\""})
    assert not AuditEvent.objects.filter(action=AuditAction.SCORE_EDIT).exists()  # a first entry is no edit
    client.post(url, {"student": student.pk, "field": "run_1000m", "value": "4'05\""})
    (event,) = AuditEvent.objects.filter(action=AuditAction.SCORE_EDIT)
    assert event.detail == {"what": "fitness", "field": "run_1000m", "old": "235", "new": "245"}
    assert event.actor == cast.user("subject_teacher")


def test_the_entry_page_lists_the_class_and_the_grades_items(client, cast) -> None:
    pe_setup(cast)
    client.force_login(cast.user("subject_teacher"))
    response = client.get(reverse("fitness:entry", args=[cast.classes["J01-7-1"].pk]), {"field": "pull_up"})
    html = response.content.decode()
    assert "张三" in html and "李四" in html and "立定跳远" in html and 'inputmode="decimal"' in html


def test_student_fitness_summary_is_the_cross_app_interface(cast) -> None:
    matrix_records(cast)
    summary = student_fitness_summary(cast.students["s1"], cast.year)
    assert summary == {
        "total": 100.0,
        "band": "优秀",
        "scores": {
            "bmi": 100,
            "vital_capacity": 100,
            "run_50m": 100,
            "sit_and_reach": 100,
            "standing_long_jump": 100,
            "pull_up": 100,
            "run_1000m": 100,
        },
        "bmi": 18.8,
        "weight_status": "normal",
    }
    assert student_fitness_summary(cast.students["s3"], cast.year) is None
    untested = student_fitness_summary(cast.students["s2"], cast.year)
    assert untested is not None and untested["total"] is None and untested["band"] is None


def test_the_menu_offers_fitness_to_pe_teachers_and_leaders_only(client, cast) -> None:
    pe_setup(cast)
    for role, shown in [("principal", True), ("subject_teacher", True), ("other_teacher", False)]:
        client.force_login(cast.user(role))
        html = client.get(reverse("web:home")).content.decode()
        assert ('data-nav="fitness"' in html) is shown, role
