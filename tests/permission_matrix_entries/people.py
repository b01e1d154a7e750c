"""Students and teachers: every role within its scope; ID numbers revealed only to the bureau administrator
and the student's school leadership (docs/roles.md)."""

from tests.permission_matrix_entries.org import JUNIOR1_CLASS_1
from tests.permission_matrix_entries.web import EVERYONE

ENTRIES = {
    "people:student_list": {"allowed": EVERYONE - {"outsider"}},
    "people:student_detail": {
        "kwargs": lambda cast: {"pk": cast.students["s1"].pk},  # 张三, 第一初级中学 七年级(1)班
        "allowed": JUNIOR1_CLASS_1,
    },
    "people:student_reveal_id": {
        "kwargs": lambda cast: {"pk": cast.students["s1"].pk},
        "method": "post",
        "allowed": {"bureau_admin", "principal", "academic_director"},
    },
    "people:teacher_list": {"allowed": EVERYONE - {"outsider"}},
    "people:teacher_detail": {
        "kwargs": lambda cast: {"pk": cast.teachers["head_teacher"].pk},  # 王老师, 第一初级中学
        "allowed": JUNIOR1_CLASS_1,
    },
}
