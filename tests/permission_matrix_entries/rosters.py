"""Who opens the roster pages: exports for those who see whole schools; templates, promotion and enrolment
changes for those who manage a school (here 第一初级中学 and its student 张三)."""

WHOLE_SCHOOL_VIEWERS = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "central_principal",
}
MANAGERS = {"bureau_admin", "principal", "academic_director", "central_principal"}
FIRST_JUNIOR_MANAGERS = {"bureau_admin", "principal", "academic_director"}

ENTRIES: dict[str, dict] = {
    "rosters:index": {"allowed": WHOLE_SCHOOL_VIEWERS},
    "rosters:template": {"kwargs": lambda cast: {"kind": "students"}, "allowed": MANAGERS},
    "rosters:export": {"kwargs": lambda cast: {"kind": "students"}, "allowed": WHOLE_SCHOOL_VIEWERS},
    "rosters:export_students_with_ids": {"allowed": MANAGERS},
    "rosters:promotion": {"kwargs": lambda cast: {"school_id": cast.junior1.pk}, "allowed": FIRST_JUNIOR_MANAGERS},
    "rosters:student_enrolment": {
        "kwargs": lambda cast: {"pk": cast.students["s1"].pk},
        "allowed": FIRST_JUNIOR_MANAGERS,
    },
    "rosters:student_event": {
        "kwargs": lambda cast: {"pk": cast.students["s1"].pk, "action": "suspend"},
        "allowed": FIRST_JUNIOR_MANAGERS,
    },
    "rosters:transfer_in": {"allowed": MANAGERS},
}
