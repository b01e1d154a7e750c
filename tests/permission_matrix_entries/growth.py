"""Who opens the growth and value-added pages (docs/growth.md). The exam is the exams matrix exam: a county
exam of grade 7 (`tests/exams/factories.py::make_exam`); student s1 and class J01-7-1 are 第一初级中学's."""

from tests.exams.factories import matrix_exam
from tests.permission_matrix_entries.exams import ALL_STAFF

# Who sees 第一初级中学's 七年级(1)班 and its students (leaders of the school or grade, its teachers).
CLASS_11 = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
}
COHORT = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director", "grade_leader"}


def _value_added(cast):
    return {"pk": matrix_exam(cast).pk, "grade": 7}


ENTRIES: dict[str, dict] = {
    "growth:index": {"allowed": ALL_STAFF},
    "growth:explain": {"allowed": ALL_STAFF},
    "growth:settings": {
        "allowed": {"bureau_admin"},
        "method": "post",
        "data": lambda cast: {"context_sex": "on"},
        "ok": {302},
    },
    # The central school's principal sees no school with a grade 7: nothing of this exam's grade.
    "growth:value_added": {"kwargs": _value_added, "allowed": ALL_STAFF - {"central_principal"}},
    "growth:student": {"kwargs": lambda cast: {"pk": cast.students["s1"].pk}, "allowed": CLASS_11},
    "growth:class": {"kwargs": lambda cast: {"pk": cast.classes["J01-7-1"].pk}, "allowed": CLASS_11},
    "growth:cohort": {
        "kwargs": lambda cast: {"school_id": cast.junior1.pk, "year_id": cast.year.pk, "grade": 7},
        "allowed": COHORT,
    },
}
