"""Who opens each exam page (tests/test_permission_matrix.py). The exam is a county unified exam of grade 7
(`tests/exams/factories.py::make_exam`): every school of the county is covered, only the junior schools
have grade 7. Rules: docs/exams.md."""

from tests.exams.factories import matrix_exam, matrix_report

ALL_STAFF = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "central_principal",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
    "other_teacher",
}
BUREAU = {"bureau_admin", "bureau_analyst"}
# Everyone who sees all of 第一初级中学's grade 7.
JUNIOR1_LEADERS = BUREAU | {"group_leader", "principal", "academic_director", "grade_leader"}


def exam(cast):
    return {"pk": matrix_exam(cast).pk}


def with_class(cast):
    return {"pk": matrix_exam(cast).pk, "class_id": cast.classes["J01-7-1"].pk}


def math_cell(cast):
    return {"student": cast.students["s1"].pk, "subject": cast.subjects["数学"].pk, "value": "99"}


ENTRIES = {
    "exams:exam_list": {"allowed": ALL_STAFF},
    "exams:exam_create": {
        "allowed": {"bureau_admin", "group_leader", "principal", "academic_director", "central_principal"}
    },
    "exams:detail": {"kwargs": exam, "allowed": ALL_STAFF},
    "exams:edit": {"kwargs": exam, "allowed": {"bureau_admin"}},
    "exams:status": {
        "kwargs": exam,
        "method": "post",
        "data": lambda cast: {"action": "open"},
        "allowed": {"bureau_admin"},
        "ok": {302},
    },
    "exams:template": {"kwargs": exam, "allowed": {"bureau_admin", "principal", "academic_director"}},
    "exams:edits": {"kwargs": exam, "allowed": ALL_STAFF},
    "exams:entry": {
        "kwargs": with_class,
        "allowed": {"bureau_admin", "principal", "academic_director", "head_teacher", "subject_teacher"},
    },
    "exams:entry_cell": {
        "kwargs": with_class,
        "method": "post",
        "data": math_cell,
        "allowed": {"bureau_admin", "principal", "academic_director", "subject_teacher"},
    },
    "exams:overview": {"kwargs": exam, "allowed": BUREAU | {"group_leader"}},
    "exams:school": {
        "kwargs": lambda cast: {"pk": matrix_exam(cast).pk, "school_id": cast.junior1.pk},
        "allowed": JUNIOR1_LEADERS,
    },
    "exams:class": {"kwargs": with_class, "allowed": JUNIOR1_LEADERS | {"head_teacher", "subject_teacher"}},
    "exams:class_reports": {"kwargs": with_class, "allowed": JUNIOR1_LEADERS | {"head_teacher"}},
    "exams:teacher": {
        "kwargs": lambda cast: {"pk": matrix_exam(cast).pk, "teacher_id": cast.teachers["head_teacher"].pk},
        "allowed": JUNIOR1_LEADERS | {"head_teacher"},
    },
    "exams:student": {
        "kwargs": lambda cast: {"pk": matrix_exam(cast).pk, "student_id": cast.students["s1"].pk},
        "allowed": JUNIOR1_LEADERS | {"head_teacher", "subject_teacher"},
    },
    "exams:student_report": {
        "kwargs": lambda cast: {"pk": matrix_exam(cast).pk, "student_id": cast.students["s1"].pk},
        "allowed": JUNIOR1_LEADERS | {"head_teacher"},
    },
    "exams:export": {"kwargs": exam, "data": lambda cast: {"unit": "county"}, "allowed": BUREAU | {"group_leader"}},
    "exams:report_start": {
        "kwargs": exam,
        "method": "post",
        "data": lambda cast: {"grade": 7, "unit": "county", "kind": "pdf"},
        "allowed": BUREAU,
    },
    "exams:report_status": {"kwargs": lambda cast: {"report_id": matrix_report(cast).pk}, "allowed": BUREAU},
    "exams:report_download": {
        "kwargs": lambda cast: {"report_id": matrix_report(cast, done=True).pk},
        "allowed": BUREAU,
    },
}
