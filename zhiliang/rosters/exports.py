"""Roster exports (.xlsx): schools, classes with their sizes, students, teachers, teaching assignments.

Column headers are those of the import templates, so an export can be corrected in Excel and imported
again; columns the importer does not know (学生数, 状态 …) are ignored on the way back. The ordinary student
export shows ID numbers masked under the header 身份证号（隐去）, which the importer ignores on purpose (a
masked number must never overwrite a real one); the export with full ID numbers is separate and audited.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec
from zhiliang.org.models import School, SchoolClass, SchoolKind, SchoolYear, Term, grade_name
from zhiliang.people.idcards import reveal_id_number
from zhiliang.people.models import (
    BackboneLevel,
    ClassMembership,
    Education,
    GrowthStage,
    Sex,
    Student,
    StudentStatus,
    Teacher,
    TeachingAssignment,
    Title,
)

ACTIVE_STATUSES = (StudentStatus.ENROLLED, StudentStatus.SUSPENDED)
TERM_NAMES = {1: "第一学期", 2: "第二学期"}


@dataclass(frozen=True)
class Export:
    sheets: list[SheetSpec]
    rows: int
    filename: str


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def _school_name(school: School) -> str:
    return school.name


def export_schools(schools: QuerySet[School], year: SchoolYear | None) -> Export:
    kinds = _labels(SchoolKind)
    sizes = dict(
        Student.objects.filter(school__in=schools, status__in=ACTIVE_STATUSES)
        .values_list("school_id")
        .annotate(n=Count("id"))
        .values_list("school_id", "n")
    )
    class_counts = dict(
        SchoolClass.objects.filter(school__in=schools, school_year=year)
        .values_list("school_id")
        .annotate(n=Count("id"))
        .values_list("school_id", "n")
    )
    rows = [
        (
            school.code,
            school.name,
            school.short_name,
            kinds.get(school.kind, school.kind),
            school.group.name if school.group else "",
            school.central_school.name if school.central_school else "",
            school.location,
            class_counts.get(school.pk, 0),
            sizes.get(school.pk, 0),
        )
        for school in schools.select_related("group", "central_school").order_by("code")
    ]
    columns = [
        ColumnSpec("学校代码"),
        ColumnSpec("学校名称"),
        ColumnSpec("简称"),
        ColumnSpec("办学类型"),
        ColumnSpec("所属集团/学区"),
        ColumnSpec("中心校"),
        ColumnSpec("城乡类型"),
        ColumnSpec("班级数", kind="int"),
        ColumnSpec("在校学生数", kind="int"),
    ]
    return Export([SheetSpec("学校名册", columns, rows, title="学校名册")], len(rows), "schools.xlsx")


def export_classes(schools: QuerySet[School], year: SchoolYear | None) -> Export:
    classes = (
        SchoolClass.objects.filter(school__in=schools, school_year=year)
        .select_related("school", "head_teacher")
        .annotate(size=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("school__code", "grade", "number")
    )
    rows = [
        (
            _school_name(cls.school),
            grade_name(cls.grade),
            cls.number,
            cls.display_name,
            cls.head_teacher.staff_number if cls.head_teacher else "",
            cls.head_teacher.name if cls.head_teacher else "",
            cls.size,
            "是" if cls.is_graduated else "",
        )
        for cls in classes
    ]
    columns = [
        ColumnSpec("学校"),
        ColumnSpec("年级"),
        ColumnSpec("班号", kind="int"),
        ColumnSpec("班级名称"),
        ColumnSpec("班主任工号"),
        ColumnSpec("班主任"),
        ColumnSpec("班额", kind="int"),
        ColumnSpec("已毕业"),
    ]
    title = f"班级名册 {year}" if year else "班级名册"
    return Export([SheetSpec("班级名册", columns, rows, title=title)], len(rows), "classes.xlsx")


def student_rows(
    students: QuerySet[Student], year: SchoolYear | None, *, with_ids: bool
) -> Iterable[tuple[object, ...]]:
    sexes = _labels(Sex)
    statuses = _labels(StudentStatus)
    places: dict[int, tuple[int, int, int | None]] = {}
    if year is not None:
        for student_id, grade, number, seat in ClassMembership.objects.filter(
            school_year=year, student__in=students
        ).values_list("student_id", "school_class__grade", "school_class__number", "seat_number"):
            places[student_id] = (grade, number, seat)
    records = students.select_related("school").order_by("school__code", "student_number")
    result = []
    for student in records:
        grade, number, seat = places.get(student.pk, (None, None, None))
        id_number = reveal_id_number(student.id_number_encrypted) if with_ids else student.id_number_masked
        result.append(
            (
                student.student_number,
                student.name,
                sexes.get(student.sex, ""),
                student.birth_date,
                id_number,
                student.school.name,
                grade_name(grade) if grade else "",
                number,
                seat,
                student.entry_date,
                statuses.get(student.status, ""),
            )
        )
    result.sort(key=lambda row: (row[5], row[6] or "", row[7] or 0, row[8] or 0, row[0]))
    return result


def export_students(
    schools: QuerySet[School], year: SchoolYear | None, *, include_left: bool = False, with_ids: bool = False
) -> Export:
    students = Student.objects.filter(school__in=schools)
    if not include_left:
        students = students.filter(status__in=ACTIVE_STATUSES)
    rows = list(student_rows(students, year, with_ids=with_ids))
    columns = [
        ColumnSpec("学籍号"),
        ColumnSpec("姓名"),
        ColumnSpec("性别"),
        ColumnSpec("出生日期", kind="date"),
        ColumnSpec("身份证号" if with_ids else "身份证号（隐去）", width=22),
        ColumnSpec("学校"),
        ColumnSpec("年级"),
        ColumnSpec("班级", kind="int"),
        ColumnSpec("学号", kind="int"),
        ColumnSpec("入学日期", kind="date"),
        ColumnSpec("状态"),
    ]
    title = "学生名册（含身份证号）" if with_ids else "学生名册"
    filename = "students-with-id-numbers.xlsx" if with_ids else "students.xlsx"
    return Export([SheetSpec("学生名册", columns, rows, title=title)], len(rows), filename)


def export_teachers(schools: QuerySet[School], year: SchoolYear | None) -> Export:
    sexes, education, titles = _labels(Sex), _labels(Education), _labels(Title)
    backbone, stages = _labels(BackboneLevel), _labels(GrowthStage)
    teachers = (
        Teacher.objects.filter(school__in=schools)
        .select_related("school")
        .prefetch_related("subjects")
        .order_by("school__code", "staff_number")
    )
    rows = [
        (
            teacher.staff_number,
            teacher.name,
            sexes.get(teacher.sex, ""),
            teacher.birth_date,
            education.get(teacher.education, ""),
            titles.get(teacher.title, ""),
            backbone.get(teacher.backbone_level, ""),
            stages.get(teacher.growth_stage, ""),
            "是" if teacher.is_pe_arts_specialist else "否",
            "、".join(subject.name for subject in teacher.subjects.all()),
            teacher.school.name,
            "在职" if teacher.is_active else "不在职",
        )
        for teacher in teachers
    ]
    columns = [
        ColumnSpec("工号"),
        ColumnSpec("姓名"),
        ColumnSpec("性别"),
        ColumnSpec("出生日期", kind="date"),
        ColumnSpec("学历"),
        ColumnSpec("职称"),
        ColumnSpec("骨干级别"),
        ColumnSpec("发展阶段"),
        ColumnSpec("体育艺术专职"),
        ColumnSpec("任教学科"),
        ColumnSpec("学校"),
        ColumnSpec("在职状态"),
    ]
    return Export([SheetSpec("教师名册", columns, rows, title="教师名册")], len(rows), "teachers.xlsx")


def export_assignments(schools: QuerySet[School], year: SchoolYear | None) -> Export:
    terms = Term.objects.filter(school_year=year) if year else Term.objects.none()
    assignments = (
        TeachingAssignment.objects.filter(school_class__school__in=schools, term__in=terms)
        .select_related("teacher", "school_class__school", "subject", "term__school_year")
        .order_by(
            "term__number",
            "school_class__school__code",
            "school_class__grade",
            "school_class__number",
            "subject__order",
        )
    )
    rows = [
        (
            assignment.school_class.school.name,
            grade_name(assignment.school_class.grade),
            assignment.school_class.number,
            assignment.subject.name,
            assignment.teacher.staff_number,
            assignment.teacher.name,
            f"{assignment.term.school_year.start_year}-{assignment.term.school_year.start_year + 1}学年"
            f"{TERM_NAMES.get(assignment.term.number, '')}",
        )
        for assignment in assignments
    ]
    columns = [
        ColumnSpec("学校"),
        ColumnSpec("年级"),
        ColumnSpec("班号", kind="int"),
        ColumnSpec("学科"),
        ColumnSpec("教师工号"),
        ColumnSpec("教师姓名"),
        ColumnSpec("学期"),
    ]
    return Export([SheetSpec("任课安排", columns, rows, title="任课安排")], len(rows), "assignments.xlsx")


EXPORTERS = {
    "schools": export_schools,
    "classes": export_classes,
    "students": export_students,
    "teachers": export_teachers,
    "assignments": export_assignments,
}
