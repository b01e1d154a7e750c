"""A fixed cast of places and people for Django tests (like healthchecks' hc/test.py).

County 清河县 with one group; 城关中心小学 (a central primary school) with the teaching point 李庄教学点;
第一初级中学 (a junior middle school, in the group); 第二初级中学 (another junior, outside the group).
Each of the two junior schools has classes 七年级(1)(2) in the current year; teachers, students and one
user per role, all with the password `Passw0rd!zl`.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from zhiliang.accounts.models import Role, RoleAssignment, User
from zhiliang.curriculum.models import Subject
from zhiliang.org.models import County, EducationGroup, School, SchoolClass, SchoolKind, SchoolYear, Term
from zhiliang.people.idcards import protect_id_number
from zhiliang.people.models import ClassMembership, Student, Teacher, TeachingAssignment

PASSWORD = "Passw0rd!zl"


@dataclass
class Cast:
    county: County
    group: EducationGroup
    central: School
    point: School
    junior1: School
    junior2: School
    year: SchoolYear
    term: Term
    subjects: dict[str, Subject]
    classes: dict[str, SchoolClass]
    teachers: dict[str, Teacher]
    students: dict[str, Student]
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]


def build_cast() -> Cast:
    county = County.objects.create(name="清河县", code="130000")
    other_county = County.objects.create(name="外县", code="139999")
    group = EducationGroup.objects.create(county=county, name="城关教育集团")
    central = School.objects.create(
        county=county, code="C01", name="城关中心小学", kind=SchoolKind.PRIMARY, is_central=True
    )
    point = School.objects.create(
        county=county, code="C02", name="李庄教学点", kind=SchoolKind.TEACHING_POINT, central_school=central
    )
    junior1 = School.objects.create(county=county, code="J01", name="第一初级中学", kind=SchoolKind.JUNIOR, group=group)
    junior2 = School.objects.create(county=county, code="J02", name="第二初级中学", kind=SchoolKind.JUNIOR)
    School.objects.create(county=other_county, code="X01", name="外县中学", kind=SchoolKind.JUNIOR)
    year = SchoolYear.objects.create(
        county=county,
        start_year=2025,
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 7, 31),
        is_current=True,
    )
    term = Term.objects.create(
        school_year=year, number=1, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 1, 20)
    )
    subjects = {
        name: Subject.objects.create(code=code, name=name, order=i, is_main=i < 3)
        for i, (code, name) in enumerate([("chinese", "语文"), ("math", "数学"), ("english", "英语")])
    }
    classes = {}
    for school in (junior1, junior2):
        for number in (1, 2):
            classes[f"{school.code}-7-{number}"] = SchoolClass.objects.create(
                school=school, school_year=year, grade=7, number=number
            )
    classes["C01-3-1"] = SchoolClass.objects.create(school=central, school_year=year, grade=3, number=1)

    users: dict[str, User] = {}

    def grant(key: str, full_name: str, role: str, **scope: Any) -> User:
        user = User.objects.create_user(username=key, password=PASSWORD, full_name=full_name)
        RoleAssignment.objects.create(user=user, role=role, **scope)
        users[key] = user
        return user

    grant("bureau_admin", "局管理员", Role.BUREAU_ADMIN, county=county)
    grant("bureau_analyst", "局分析员", Role.BUREAU_ANALYST, county=county)
    grant("group_leader", "集团负责人", Role.GROUP_LEADER, group=group)
    grant("principal", "一中校长", Role.PRINCIPAL, school=junior1)
    grant("academic_director", "一中教导主任", Role.ACADEMIC_DIRECTOR, school=junior1)
    grant("central_principal", "中心校校长", Role.PRINCIPAL, school=central)
    grant("grade_leader", "一中七年级组长", Role.GRADE_LEADER, school=junior1, grade=7)
    users["outsider"] = User.objects.create_user(username="outsider", password=PASSWORD, full_name="无角色")

    teachers = {}
    for key, school, name in [
        ("head_teacher", junior1, "王老师"),
        ("subject_teacher", junior1, "李老师"),
        ("other_teacher", junior2, "赵老师"),
    ]:
        user = User.objects.create_user(username=key, password=PASSWORD, full_name=name)
        users[key] = user
        teachers[key] = Teacher.objects.create(
            county=county, school=school, staff_number=f"T-{key}", name=name, sex="F", user=user
        )
    class_11 = classes["J01-7-1"]
    class_11.head_teacher = teachers["head_teacher"]
    class_11.save()
    TeachingAssignment.objects.create(
        teacher=teachers["head_teacher"], school_class=class_11, subject=subjects["语文"], term=term
    )
    TeachingAssignment.objects.create(
        teacher=teachers["subject_teacher"], school_class=class_11, subject=subjects["数学"], term=term
    )
    TeachingAssignment.objects.create(
        teacher=teachers["subject_teacher"], school_class=classes["J01-7-2"], subject=subjects["数学"], term=term
    )
    TeachingAssignment.objects.create(
        teacher=teachers["other_teacher"], school_class=classes["J02-7-1"], subject=subjects["语文"], term=term
    )

    students = {}
    # ID numbers below carry correct GB 11643 check digits.
    for key, class_key, name, sex, id_number in [
        ("s1", "J01-7-1", "张三", "M", "110101201301010017"),
        ("s2", "J01-7-1", "李四", "F", "110101201302020022"),
        ("s3", "J01-7-2", "王五", "M", ""),
        ("s4", "J02-7-1", "赵六", "F", ""),
        ("s5", "C01-3-1", "孙七", "M", ""),
    ]:
        school_class = classes[class_key]
        student = Student.objects.create(
            county=county,
            student_number=f"G{key.upper()}0000000001",
            name=name,
            sex=sex,
            birth_date=datetime.date(2013, 1, 1),
            school=school_class.school,
            **protect_id_number(id_number),
        )
        ClassMembership.objects.create(student=student, school_class=school_class, school_year=year)
        students[key] = student
    return Cast(
        county=county,
        group=group,
        central=central,
        point=point,
        junior1=junior1,
        junior2=junior2,
        year=year,
        term=term,
        subjects=subjects,
        classes=classes,
        teachers=teachers,
        students=students,
        users=users,
    )
