"""School, teacher, class and teaching-assignment imports."""

import datetime

import pytest

from tests.rosters.files import confirm, problems_at, upload, xlsx
from zhiliang.imports.models import ImportStatus
from zhiliang.imports.services import problem_from_json
from zhiliang.org.models import EducationGroup, School, SchoolClass, Term
from zhiliang.people.models import Teacher, TeachingAssignment

pytestmark = pytest.mark.django_db

SCHOOL_HEADER = ["学校代码", "学校名称", "简称", "办学类型", "所属集团/学区", "中心校", "城乡类型"]


# Schools


def test_the_bureau_imports_schools_groups_and_central_schools(cast):
    rows = [
        SCHOOL_HEADER,
        ["J03", "第三初级中学", "三中", "初级中学", "北部学区", "", "乡村"],
        ["C03", "王庄教学点", "", "教学点", "", "城关中心小学", "乡村"],
        ["C04", "河西中心小学", "", "小学", "", "", "镇区"],
        ["C05", "河西小学张村教学点", "", "教学点", "", "C04", "乡村"],
        ["J01", "第一初级中学", "一中", "初中", "城关教育集团", "", "城区"],
    ]
    job = upload(cast.user("bureau_admin"), "schools", xlsx(rows))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"create": 4, "update": 1, "group_create": 1}
    job = confirm(job)
    assert job.status == ImportStatus.DONE
    third = School.objects.get(code="J03")
    assert (third.name, third.short_name, third.kind, third.location, third.group.name) == (
        "第三初级中学",
        "三中",
        "junior",
        "乡村",
        "北部学区",
    )
    assert School.objects.get(code="C03").central_school == cast.central
    assert School.objects.get(code="C05").central_school == School.objects.get(code="C04")
    assert School.objects.get(code="C04").is_central
    junior1 = School.objects.get(code="J01")
    assert (junior1.short_name, junior1.location) == ("一中", "城区")
    assert EducationGroup.objects.filter(name="北部学区").count() == 1

    again = upload(cast.user("bureau_admin"), "schools", xlsx(rows))
    assert again.preview["summary"] == {"unchanged": 5}


def test_only_bureau_administrators_import_schools(cast, client):
    client.force_login(cast.user("principal"))
    assert client.get("/imports/schools/upload/").status_code == 404
    client.force_login(cast.user("bureau_admin"))
    assert client.get("/imports/schools/upload/").status_code == 200


def test_school_problems(cast):
    rows = [
        SCHOOL_HEADER,
        ["J09", "第一初级中学", "", "初级中学", "", "", ""],  # name of J01
        ["J10", "十中", "", "大学", "", "", ""],
        ["J11", "十一中", "", "初中", "", "不存在的中心校", ""],
        ["J12", "十二中", "", "初中", "", "J12", ""],
        ["J13", "十三中", "", "初中", "", "", ""],
        ["J13", "十三中分校", "", "初中", "", "", ""],
    ]
    job = upload(cast.user("bureau_admin"), "schools", xlsx(rows))
    assert [(p["row"], p["code"]) for p in job.problems] == [
        (2, "roster.school_name_taken"),
        (3, "roster.bad_choice"),
        (4, "roster.unknown_central_school"),
        (5, "roster.own_central_school"),
        (6, "roster.duplicate_in_file"),
        (7, "roster.duplicate_in_file"),
    ]
    bad_kind = problem_from_json(problems_at(job, "roster.bad_choice")[0])
    assert "“大学”不是可选的值" in bad_kind.detail() and "九年一贯制" in bad_kind.detail()


# Teachers

TEACHER_HEADER = [
    "工号",
    "姓名",
    "性别",
    "出生日期",
    "学历",
    "职称",
    "骨干级别",
    "发展阶段",
    "体育艺术专职",
    "任教学科",
    "学校",
]


def test_teachers_are_created_and_updated(cast):
    rows = [
        TEACHER_HEADER,
        [
            "T100",
            "周老师",
            "女",
            "1985.03",
            "本科",
            "小学高级",
            "县级骨干",
            "骨干教师",
            "否",
            "语文、数学",
            "第一初级中学",
        ],
        ["T-subject_teacher", "李老师", "男", "", "硕士", "中学一级", "", "", "", "数学", "第一初级中学"],
    ]
    job = upload(cast.user("principal"), "teachers", xlsx(rows))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"create": 1, "update": 1}
    confirm(job)
    teacher = Teacher.objects.get(staff_number="T100")
    assert (teacher.birth_date, teacher.education, teacher.title, teacher.backbone_level, teacher.growth_stage) == (
        datetime.date(1985, 3, 1),
        "bachelor",
        "first",  # 小学高级 became 一级教师 in the 2015 reform
        "county",
        "backbone",
    )
    assert sorted(teacher.subjects.values_list("name", flat=True)) == ["数学", "语文"]
    existing = Teacher.objects.get(staff_number="T-subject_teacher")
    assert (existing.sex, existing.education, existing.title) == ("M", "master", "first")
    assert list(existing.subjects.values_list("name", flat=True)) == ["数学"]
    assert upload(cast.user("principal"), "teachers", xlsx(rows)).preview["summary"] == {"unchanged": 2}


def test_teacher_problems(cast):
    rows = [
        TEACHER_HEADER,
        ["T-other_teacher", "赵老师", "女", "", "", "", "", "", "", "", "第一初级中学"],  # J02's teacher
        ["T200", "吴老师", "女", "2015-01-01", "", "", "", "", "", "", "第一初级中学"],
        ["T201", "郑老师", "男", "", "", "", "", "", "", "书法", "第一初级中学"],
        ["T202", "冯老师", "男", "", "", "特级", "", "", "", "", "第一初级中学"],
    ]
    job = upload(cast.user("principal"), "teachers", xlsx(rows))
    assert [(p["row"], p["code"]) for p in job.problems] == [
        (2, "roster.teacher_in_other_school"),
        (3, "roster.teacher_age"),
        (4, "roster.unknown_subject"),
        (5, "roster.bad_choice"),
    ]


# Classes


def test_classes_are_created_with_head_teachers(cast):
    rows = [
        ["学校", "年级", "班号", "班级名称", "班主任工号"],
        ["第一初级中学", "七年级", "3", "", "T-subject_teacher"],
        ["第一初级中学", "八年级", "1班", "八年级实验班", ""],
        ["第一初级中学", "7", "1", "", "T-head_teacher"],
    ]
    job = upload(cast.user("principal"), "classes", xlsx(rows))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"create": 2, "unchanged": 1}
    confirm(job)
    new = SchoolClass.objects.get(school=cast.junior1, school_year=cast.year, grade=7, number=3)
    assert new.head_teacher == cast.teachers["subject_teacher"]
    assert SchoolClass.objects.get(school=cast.junior1, grade=8, number=1).name == "八年级实验班"
    assert upload(cast.user("principal"), "classes", xlsx(rows)).preview["summary"] == {"unchanged": 3}


def test_class_problems(cast):
    rows = [
        ["学校", "年级", "班号", "班主任工号"],
        ["第一初级中学", "七年级", "5", "T-other_teacher"],  # teacher of J02
        ["第一初级中学", "七年级", "6", "T-nobody"],
        ["第一初级中学", "三年级", "1", ""],
        ["第一初级中学", "七年级", "7", ""],
        ["第一初级中学", "7", "7班", ""],
    ]
    job = upload(cast.user("principal"), "classes", xlsx(rows))
    assert [(p["row"], p["code"]) for p in job.problems] == [
        (2, "roster.head_teacher_other_school"),
        (3, "roster.unknown_teacher"),
        (4, "roster.grade_not_served"),
        (5, "roster.duplicate_in_file"),
        (6, "roster.duplicate_in_file"),
    ]


# Teaching assignments


def test_assignments_create_replace_and_keep(cast):
    Term.objects.create(
        school_year=cast.year, number=2, start_date=datetime.date(2026, 2, 20), end_date=datetime.date(2026, 7, 10)
    )
    rows = [
        ["学校", "年级", "班号", "学科", "教师工号", "学期"],
        ["第一初级中学", "七年级", "1", "语文", "T-head_teacher", "第一学期"],  # as it is
        ["第一初级中学", "七年级", "1", "数学", "T-head_teacher", "2025-2026学年第一学期"],  # replaces 李老师
        ["第一初级中学", "七年级", "2", "英语", "T-subject_teacher", "第二学期"],
    ]
    job = upload(cast.user("principal"), "assignments", xlsx(rows))
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"unchanged": 1, "update": 1, "create": 1}
    confirm(job)
    math = TeachingAssignment.objects.get(school_class=cast.classes["J01-7-1"], subject=cast.subjects["数学"])
    assert math.teacher == cast.teachers["head_teacher"]
    english = TeachingAssignment.objects.get(subject=cast.subjects["英语"])
    assert english.term.number == 2
    assert upload(cast.user("principal"), "assignments", xlsx(rows)).preview["summary"] == {"unchanged": 3}


def test_assignment_problems(cast):
    rows = [
        ["学校", "年级", "班号", "学科", "教师工号", "学期"],
        ["第一初级中学", "七年级", "1", "语文", "T-head_teacher", "第二学期"],  # no such term yet
        ["第一初级中学", "七年级", "1", "书法", "T-head_teacher", ""],
        ["第一初级中学", "七年级", "9", "语文", "T-head_teacher", ""],
        ["第一初级中学", "七年级", "2", "语文", "T-nobody", ""],
        ["第一初级中学", "七年级", "2", "数学", "T-head_teacher", ""],
        ["第一初级中学", "七年级", "2", "数学", "T-subject_teacher", ""],
    ]
    job = upload(cast.user("principal"), "assignments", xlsx(rows))
    assert [(p["row"], p["code"]) for p in job.problems] == [
        (2, "roster.unknown_term"),
        (3, "roster.unknown_subject"),
        (4, "roster.unknown_class"),
        (5, "roster.unknown_teacher"),
        (6, "roster.duplicate_in_file"),
        (7, "roster.duplicate_in_file"),
    ]


def test_a_subject_alias_from_the_catalogue(cast):
    from zhiliang.curriculum.models import Subject

    Subject.objects.create(code="morality", name="道德与法治", order=5)
    rows = [["学校", "年级", "班号", "学科", "教师工号"], ["第一初级中学", "七年级", "1", "道法", "T-head_teacher"]]
    confirm(upload(cast.user("principal"), "assignments", xlsx(rows)))
    assert TeachingAssignment.objects.filter(subject__name="道德与法治").count() == 1
