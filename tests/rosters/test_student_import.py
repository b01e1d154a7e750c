"""Student roster import through the generic flow: happy path, every bad input, atomicity, idempotency."""

import datetime

import pytest
from django.test import override_settings

from tests.rosters.files import STUDENT_HEADER, codes, confirm, id_number, problems_at, upload, xlsx
from zhiliang.audit.models import AuditEvent
from zhiliang.imports.models import ImportStatus
from zhiliang.imports.services import problem_from_json
from zhiliang.people.idcards import protect_id_number, reveal_id_number
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus

pytestmark = pytest.mark.django_db


def students_file(*rows):
    return xlsx([STUDENT_HEADER, *rows])


def good_rows():
    return [
        ["G001", "陈一", "男", "2013-05-01", id_number("20130501", "001"), "第一初级中学", "七年级", "1"],
        ["G002", "陈二", "女", "2013/6/2", id_number("20130602", "002"), "第一初级中学", "7", "(2)班"],
        ["G003", "陈三", "女", "2013年3月4日", "", "第一初级中学", "初一", "七年级(2)班"],
    ]


def test_it_creates_students_memberships_and_enrol_events(cast):
    job = upload(cast.user("academic_director"), "students", students_file(*good_rows()))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"create": 3}
    assert Student.objects.filter(student_number__in=["G001", "G002", "G003"]).count() == 0  # check writes nothing

    job = confirm(job)
    assert job.status == ImportStatus.DONE
    assert job.result == {"create": 3}
    first = Student.objects.get(student_number="G001")
    assert (first.name, first.sex, first.birth_date, first.school) == (
        "陈一",
        "M",
        datetime.date(2013, 5, 1),
        cast.junior1,
    )
    assert first.id_number_masked == "1101********" + id_number("20130501", "001")[-4:]
    assert reveal_id_number(first.id_number_encrypted) == id_number("20130501", "001")
    third = Student.objects.get(student_number="G003")
    assert ClassMembership.objects.get(student=third, school_year=cast.year).school_class == cast.classes["J01-7-2"]
    assert EnrollmentEvent.objects.filter(student=third, kind="enrol", school=cast.junior1).count() == 1
    event = AuditEvent.objects.get(action="import")
    assert event.detail["counts"] == {"create": 3}
    assert event.actor == cast.user("academic_director")


def test_importing_the_same_file_twice_changes_nothing(cast):
    content = students_file(*good_rows())
    confirm(upload(cast.user("principal"), "students", content))
    counts = (Student.objects.count(), ClassMembership.objects.count(), EnrollmentEvent.objects.count())
    digest = Student.objects.get(student_number="G001").id_number_encrypted

    second = upload(cast.user("principal"), "students", content)
    assert second.preview["summary"] == {"unchanged": 3}
    second = confirm(second)
    assert second.result == {"unchanged": 3}
    assert (Student.objects.count(), ClassMembership.objects.count(), EnrollmentEvent.objects.count()) == counts
    assert Student.objects.get(student_number="G001").id_number_encrypted == digest


def test_preview_counts_create_update_unchanged_and_samples_changes_first(cast):
    rows = [
        # s1 exists in J01-7-1: same data but moved to class 2 -> update
        ["GS10000000001", "张三", "男", "2013-01-01", "110101201301010017", "第一初级中学", "七年级", "2"],
        # s2 unchanged
        ["GS20000000001", "李四", "女", "2013-01-01", "", "第一初级中学", "七年级", "1"],
        ["G100", "新生", "男", "2013-02-02", "", "第一初级中学", "七年级", "1"],
    ]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"update": 1, "unchanged": 1, "create": 1}
    actions = [row["action"] for row in job.preview["sample"]]
    assert actions[-1] == "unchanged"
    update = next(row for row in job.preview["sample"] if row["action"] == "update")
    assert update["变更"] == "班级"
    confirm(job)
    assert ClassMembership.objects.get(student=cast.students["s1"]).school_class == cast.classes["J01-7-2"]


def test_a_file_with_one_bad_row_writes_nothing(cast):
    rows = [*good_rows(), ["G009", "坏行", "男", "2013-02-30", "", "第一初级中学", "七年级", "1"]]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    assert job.status == ImportStatus.INVALID
    assert codes(job) == ["roster.bad_date"]
    problem = job.problems[0]
    assert (problem["row"], problem["column"], problem["header"]) == (5, "D", "出生日期")
    assert job.preview["sample"] == []
    assert not Student.objects.filter(student_number__startswith="G00").exists()


def test_apply_checks_again_and_writes_nothing_when_the_database_changed(cast):
    job = upload(cast.user("principal"), "students", students_file(*good_rows()))
    assert job.status == ImportStatus.READY
    # Between preview and confirmation another school takes the ID number of the first row.
    Student.objects.filter(pk=cast.students["s4"].pk).update(**protect_id_number(id_number("20130501", "001")))
    job = confirm(job)
    assert job.status == ImportStatus.INVALID
    assert codes(job) == ["roster.id_number_taken"]
    assert not Student.objects.filter(student_number__in=["G001", "G002", "G003"]).exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_duplicate_student_number_in_the_file_names_both_rows(cast):
    rows = [
        ["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"],
        ["G002", "陈二", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"],
        ["G001", "陈一一", "男", "2013-05-01", "", "第一初级中学", "七年级", "2"],
    ]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    found = problems_at(job, "roster.duplicate_in_file")
    assert [(p["row"], p["column"]) for p in found] == [(2, "A"), (4, "A")]
    message = problem_from_json(found[0]).message()
    assert "第 2、4 行" in message and "G001" in message
    assert problem_from_json(found[0]).message("en").endswith("appears more than once in the file (rows 2、4).")


def test_a_bad_id_check_digit_is_reported_masked(cast):
    good = id_number("20130501", "001")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "男", "2013-05-01", bad, "第一初级中学", "七年级", "1"]),
    )
    (problem,) = job.problems
    assert (problem["code"], problem["row"], problem["column"]) == ("id_number.checksum", 2, "E")
    assert bad not in problem_from_json(problem).message()
    assert "校验位" in problem_from_json(problem).message()


def test_sex_disagreeing_with_the_id_number(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "女", "", id_number("20130501", "001"), "第一初级中学", "七年级", "1"]),
    )
    (problem,) = job.problems
    assert (problem["code"], problem["column"]) == ("roster.sex_differs_from_id", "C")
    assert problem_from_json(problem).detail() == "性别“女”与身份证号码（男）不一致。"


def test_birth_date_disagreeing_with_the_id_number(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(
            ["G001", "陈一", "男", "2013-05-02", id_number("20130501", "001"), "第一初级中学", "七年级", "1"]
        ),
    )
    (problem,) = job.problems
    assert (problem["code"], problem["column"]) == ("roster.birth_differs_from_id", "D")
    assert "2013-05-01" in problem_from_json(problem).detail()


def test_sex_and_birth_date_are_read_from_the_id_number_when_blank(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "", "", id_number("20130602", "002"), "第一初级中学", "七年级", "1"]),
    )
    confirm(job)
    student = Student.objects.get(student_number="G001")
    assert (student.sex, student.birth_date) == ("F", datetime.date(2013, 6, 2))


def test_sex_is_required_without_an_id_number(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "", "2013-05-01", "", "第一初级中学", "七年级", "1"]),
    )
    assert codes(job) == ["roster.sex_required"]


@pytest.mark.parametrize(
    ("birth", "code"),
    [
        ("2013-02-30", "roster.bad_date"),
        ("2099-01-01", "roster.birth_in_future"),
        ("2023-06-01", "roster.age_grade_mismatch"),  # two years old in grade 7
        ("1990-06-01", "roster.age_grade_mismatch"),
    ],
)
def test_impossible_birth_dates(cast, birth, code):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "男", birth, "", "第一初级中学", "七年级", "1"]),
    )
    assert codes(job) == [code]


def test_the_age_message_names_age_and_grade(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "男", "2023-06-01", "", "第一初级中学", "七年级", "1"]),
    )
    detail = problem_from_json(job.problems[0]).detail()
    assert "2 岁" in detail and "七年级" in detail and "10–19" in detail


def test_unknown_school_and_unknown_class(cast):
    rows = [
        ["G001", "陈一", "男", "2013-05-01", "", "不存在中学", "七年级", "1"],
        ["G002", "陈二", "男", "2013-05-01", "", "第一初级中学", "七年级", "9"],
        ["G003", "陈三", "男", "2013-05-01", "", "第一初级中学", "八年级", "1"],
    ]
    job = upload(cast.user("bureau_admin"), "students", students_file(*rows))
    assert [(p["code"], p["row"]) for p in job.problems] == [
        ("roster.unknown_school", 2),
        ("roster.unknown_class", 3),
        ("roster.unknown_class", 4),
    ]
    assert problem_from_json(job.problems[1]).detail().startswith("第一初级中学本学年没有七年级(9)班")


def test_a_school_the_user_may_not_manage_is_a_problem_not_skipped(cast):
    rows = [
        ["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"],
        ["G002", "陈二", "男", "2013-05-01", "", "第二初级中学", "七年级", "1"],
    ]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    assert job.status == ImportStatus.INVALID
    (problem,) = job.problems
    assert (problem["code"], problem["row"], problem["params"]["school"]) == (
        "roster.school_not_managed",
        3,
        "第二初级中学",
    )


def test_the_school_chosen_on_upload_fills_a_missing_school_column(cast):
    header = ["学籍号", "姓名", "性别", "出生日期", "年级", "班级"]
    job = upload(
        cast.user("bureau_admin"),
        "students",
        xlsx([header, ["G001", "陈一", "男", "2013-05-01", "七年级", "1"]]),
        school=cast.junior2,
    )
    confirm(job)
    assert Student.objects.get(student_number="G001").school == cast.junior2


def test_a_school_cell_differing_from_the_chosen_school(cast):
    job = upload(
        cast.user("bureau_admin"),
        "students",
        students_file(["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"]),
        school=cast.junior2,
    )
    assert codes(job) == ["roster.school_mismatch"]


def test_an_id_number_used_by_another_student_of_the_county(cast):
    # s1 (张三, J01) holds 110101201301010017. The principal of J01 is told who has it; J02's bureau-less
    # staff would not be, but the bureau admin is.
    row = ["G001", "陈一", "男", "", "110101201301010017", "第一初级中学", "七年级", "1"]
    job = upload(cast.user("principal"), "students", students_file(row))
    (problem,) = job.problems
    assert problem["code"] == "roster.id_number_taken_by"
    assert problem["params"]["number"] == "GS10000000001"


def test_an_id_number_of_another_schools_student_does_not_reveal_that_student(cast):
    other = id_number("20130707", "003")
    Student.objects.filter(pk=cast.students["s4"].pk).update(**protect_id_number(other))
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "男", "", other, "第一初级中学", "七年级", "1"]),
    )
    (problem,) = job.problems
    assert problem["code"] == "roster.id_number_taken"
    assert "G" not in str(problem["params"]) and "第二" not in problem_from_json(problem).message()


def test_the_same_id_number_twice_in_the_file(cast):
    number = id_number("20130501", "001")
    rows = [
        ["G001", "陈一", "男", "", number, "第一初级中学", "七年级", "1"],
        ["G002", "陈二", "男", "", number, "第一初级中学", "七年级", "1"],
    ]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    assert [(p["code"], p["row"]) for p in job.problems] == [
        ("roster.duplicate_in_file", 2),
        ("roster.duplicate_in_file", 3),
    ]


def test_an_empty_file(cast):
    job = upload(cast.user("principal"), "students", b"", filename="空.xlsx")
    assert job.status == ImportStatus.INVALID
    assert codes(job) == ["file.empty"]


def test_a_file_with_only_the_header(cast):
    job = upload(cast.user("principal"), "students", students_file())
    assert codes(job) == ["roster.no_rows"]


def test_a_missing_required_column_lists_accepted_names(cast):
    job = upload(
        cast.user("principal"),
        "students",
        xlsx([["姓名", "性别", "年级", "班级", "学校"], ["陈一", "男", "7", "1", "第一初级中学"]]),
    )
    (problem,) = job.problems
    assert problem["code"] == "column.missing"
    assert "全国学籍号" in problem_from_json(problem).detail()


def test_the_example_row_of_the_template_is_refused(cast):
    rows = [["G123456789012345678", "张小明", "男", "2013-05-01", "", "第一初级中学", "七年级", "3"]]
    job = upload(cast.user("principal"), "students", students_file(*rows))
    assert codes(job) == ["roster.example_row"]


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(cast):
    from tests.rosters.files import upload as do_upload
    from zhiliang.core.tabular import ImportProblems

    content = students_file(*good_rows())
    assert len(content) > 1000
    with pytest.raises(ImportProblems) as error:
        do_upload(cast.user("principal"), "students", content)
    (problem,) = error.value.problems
    assert problem.code == "file.too_large"
    assert "上限" in problem.message()


def test_a_student_enrolled_in_another_school_must_be_transferred_first(cast):
    # s4 is enrolled at 第二初级中学, which the principal of 第一初级中学 does not manage.
    row = ["GS40000000001", "赵六", "女", "2013-01-01", "", "第一初级中学", "七年级", "1"]
    job = upload(cast.user("principal"), "students", students_file(row))
    (problem,) = job.problems
    assert problem["code"] == "roster.student_in_other_school"
    assert "第二初级中学" in problem_from_json(problem).detail()
    assert "请由该校办理转出" in problem_from_json(problem).detail()


def test_the_bureau_moves_a_student_between_schools_it_manages(cast):
    row = ["GS40000000001", "赵六", "女", "2013-01-01", "", "第一初级中学", "七年级", "1"]
    job = upload(cast.user("bureau_admin"), "students", students_file(row))
    assert job.preview["summary"] == {"transfer": 1}
    confirm(job)
    student = Student.objects.get(pk=cast.students["s4"].pk)
    assert student.school == cast.junior1
    kinds = list(EnrollmentEvent.objects.filter(student=student).values_list("kind", "school__code"))
    assert kinds == [("transfer_out", "J02"), ("transfer_in", "J01")]
    assert ClassMembership.objects.get(student=student, school_year=cast.year).school_class == cast.classes["J01-7-1"]
    assert upload(cast.user("bureau_admin"), "students", students_file(row)).preview["summary"] == {"unchanged": 1}


def test_a_student_who_transferred_out_is_taken_in(cast):
    from zhiliang.rosters.enrolment import student_transfer_out

    student_transfer_out(
        user=cast.user("bureau_admin"), student=cast.students["s4"], date=datetime.date(2026, 3, 1), reason="搬家"
    )
    row = ["GS40000000001", "赵六", "女", "2013-01-01", "", "第一初级中学", "七年级", "1"]
    job = confirm(upload(cast.user("principal"), "students", students_file(row)))
    assert job.result == {"transfer_in": 1}
    student = Student.objects.get(pk=cast.students["s4"].pk)
    assert (student.school, student.status) == (cast.junior1, StudentStatus.ENROLLED)
    event = EnrollmentEvent.objects.get(student=student, kind="transfer_in")
    assert event.other_school == "第二初级中学"
    membership = ClassMembership.objects.get(student=student, school_year=cast.year)
    assert (membership.school_class, membership.left_on) == (cast.classes["J01-7-1"], None)


def test_a_primary_graduate_enrols_in_junior_middle_school(cast):
    Student.objects.filter(pk=cast.students["s5"].pk).update(status=StudentStatus.GRADUATED)
    ClassMembership.objects.filter(student=cast.students["s5"]).delete()
    row = ["GS50000000001", "孙七", "男", "2013-01-01", "", "第一初级中学", "七年级", "2"]
    job = confirm(upload(cast.user("principal"), "students", students_file(row)))
    assert job.result == {"enrol": 1}
    student = Student.objects.get(pk=cast.students["s5"].pk)
    assert (student.school, student.status) == (cast.junior1, StudentStatus.ENROLLED)


def test_a_student_who_graduated_from_this_school_is_refused(cast):
    Student.objects.filter(pk=cast.students["s1"].pk).update(status=StudentStatus.GRADUATED)
    row = ["GS10000000001", "张三", "男", "2013-01-01", "", "第一初级中学", "七年级", "1"]
    assert codes(upload(cast.user("principal"), "students", students_file(row))) == ["roster.student_graduated_here"]


def test_a_grade_the_school_does_not_teach(cast):
    row = ["G001", "陈一", "男", "2017-05-01", "", "第一初级中学", "三年级", "1"]
    assert codes(upload(cast.user("principal"), "students", students_file(row))) == ["roster.grade_not_served"]


def test_messages_follow_the_language(cast):
    job = upload(
        cast.user("principal"),
        "students",
        students_file(["G001", "陈一", "男", "2013-02-30", "", "第一初级中学", "七年级", "1"]),
    )
    problem = problem_from_json(job.problems[0])
    assert problem.message("zh-hans").startswith("文件“名册.xlsx”工作表“名册”第 2 行 D 列（出生日期）：")
    assert problem.message("en") == (
        "File “名册.xlsx”, sheet “名册”, row 2, column D (出生日期): “2013-02-30” is not a valid date. "
        "Write it like 2013-05-01, 2013/5/1 or 2013年5月1日."
    )
