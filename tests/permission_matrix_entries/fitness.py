"""Who opens each fitness page (docs/fitness.md). The subject teacher teaches 体育 in 第一初级中学 七年级(1)班
(`tests/fitness/factories.py`), which has results; the other teacher teaches only 语文 and sees nothing here."""

from tests.fitness.factories import matrix_records

BUREAU = {"bureau_admin", "bureau_analyst"}
JUNIOR1_WHOLE = BUREAU | {"group_leader", "principal", "academic_director"}
CLASS_VIEWERS = JUNIOR1_WHOLE | {"grade_leader", "head_teacher", "subject_teacher"}
ENTERERS = {"bureau_admin", "principal", "academic_director", "subject_teacher"}
MANAGERS = {"bureau_admin", "principal", "academic_director", "central_principal"}


def _setup(cast):
    matrix_records(cast)
    return {}


def _school(cast):
    matrix_records(cast)
    return {"school_id": cast.junior1.pk}


def _class(cast):
    matrix_records(cast)
    return {"class_id": cast.classes["J01-7-1"].pk}


def _student(cast):
    matrix_records(cast)
    return {"student_id": cast.students["s1"].pk}


def _cell(cast):
    return {"student": cast.students["s1"].pk, "field": "run_50m", "value": "7.9", "index": "0"}


ENTRIES: dict[str, dict] = {
    "fitness:index": {"kwargs": _setup, "allowed": CLASS_VIEWERS | {"central_principal"}},
    "fitness:county": {"kwargs": _setup, "allowed": BUREAU | {"group_leader"}},
    "fitness:school": {"kwargs": _school, "allowed": JUNIOR1_WHOLE},
    "fitness:national_export": {"kwargs": _school, "allowed": JUNIOR1_WHOLE},
    "fitness:class": {"kwargs": _class, "allowed": CLASS_VIEWERS},
    "fitness:entry": {"kwargs": _class, "allowed": ENTERERS},
    "fitness:entry_cell": {"kwargs": _class, "method": "post", "data": _cell, "allowed": ENTERERS},
    "fitness:student": {"kwargs": _student, "allowed": CLASS_VIEWERS},
    "fitness:template": {"allowed": MANAGERS},
}
