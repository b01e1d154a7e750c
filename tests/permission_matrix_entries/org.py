"""Schools: whole-school roles only. Classes: every role, within its scope (docs/roles.md)."""

from tests.permission_matrix_entries.web import EVERYONE

SCHOOL_LEADERS = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "central_principal",
}
# Who sees 第一初级中学 七年级(1)班 (and its students and teachers).
JUNIOR1_CLASS_1 = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
}

ENTRIES = {
    "org:school_list": {"allowed": SCHOOL_LEADERS},
    "org:school_detail": {
        "kwargs": lambda cast: {"pk": cast.junior1.pk},
        "allowed": SCHOOL_LEADERS - {"central_principal"},
    },
    "org:class_list": {"allowed": EVERYONE - {"outsider"}},
    "org:class_detail": {
        "kwargs": lambda cast: {"pk": cast.classes["J01-7-1"].pk},
        "allowed": JUNIOR1_CLASS_1,
    },
}
