"""Who opens each item-analysis page (tests/test_permission_matrix.py). The paper is 数学 of the matrix exam
(a county unified exam of grade 7, `tests/items/factories.py`). Rules: zhiliang/items/access.py, the exam
analysis's visibility: the bureau and the group leader (第一初级中学 is in the group) see every class; the
school's leadership and grade leader their school; the head teacher of 七年级(1)班 all its subjects; the
数学 teacher of 七年级(1)(2)班 those classes; 赵老师 teaches 语文 only, so not this paper."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.items.factories import matrix_paper, paper_kwargs
from tests.permission_matrix_entries.exams import ALL_STAFF

# Everyone who sees a class of grade 7 with its 数学 (not 中心校's principal, not 赵老师 of 语文).
PAPER = ALL_STAFF - {"central_principal", "other_teacher"}
# The item specification: whoever may import the exam's scores (the county's administrator who manages the
# exam; the leadership of a school with grade 7 for a county exam).
# The paper of a county exam belongs to the county: its managers edit the specification, not one school.
SPEC = {"bureau_admin"}


def _spec_file(cast):
    """The paper's own specification (题号 and 知识点 as stored): uploading it changes nothing (302)."""
    matrix_paper(cast)
    content = "题号,知识点\n1,有理数\n2,有理数、整式\n3,整式\n4,一元一次方程\n5,一元一次方程、几何初步\n"
    return {"file": SimpleUploadedFile("spec.csv", content.encode(), content_type="text/csv")}


def _class(cast):
    return {**paper_kwargs(cast), "class_id": cast.classes["J01-7-1"].pk}


def _student(cast):
    return {**paper_kwargs(cast), "student_id": cast.students["s1"].pk}


def _index(cast):
    matrix_paper(cast)
    return {}


ENTRIES: dict[str, dict] = {
    "items:index": {"kwargs": _index, "allowed": ALL_STAFF},
    "items:paper": {"kwargs": paper_kwargs, "allowed": PAPER},
    "items:knowledge": {"kwargs": paper_kwargs, "allowed": PAPER},
    "items:class": {"kwargs": _class, "allowed": PAPER},
    "items:student": {"kwargs": _student, "allowed": PAPER},
    "items:spec": {"kwargs": paper_kwargs, "allowed": SPEC},
    "items:spec_template": {"kwargs": paper_kwargs, "allowed": SPEC},
    "items:spec_upload": {
        "kwargs": paper_kwargs,
        "allowed": SPEC,
        "method": "post",
        "data": _spec_file,
        "ok": {302},
    },
}
