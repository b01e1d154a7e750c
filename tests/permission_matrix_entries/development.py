"""Who opens the teacher-development pages (docs/development.md § Access).

Teachers reach their own records, pairs and groups; the whole-school roles (bureau, group leader, principal,
academic director) their schools; the school leadership and bureau administrator confirm and set up. Grade
leaders with no teaching post and outsiders have nothing here. Records used belong to 李老师 (subject_teacher)
of 第一初级中学, mentored by 王老师 (head_teacher); 赵老师 (other_teacher) teaches at 第二初级中学.
"""

from tests.development import factories

TEACHERS = {"head_teacher", "subject_teacher", "other_teacher"}
WHOLE_SCHOOL = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director", "central_principal"}
EVERYONE_HERE = TEACHERS | WHOLE_SCHOOL
MANAGERS = {"bureau_admin", "principal", "academic_director", "central_principal"}
FIRST_JUNIOR_MANAGERS = {"bureau_admin", "principal", "academic_director"}
FIRST_JUNIOR_WHOLE = {"bureau_admin", "bureau_analyst", "group_leader", "principal", "academic_director"}
# Managers who have teachers to record for (城关中心小学 has none in the cast), and teachers for themselves.
RECORDERS = TEACHERS | FIRST_JUNIOR_MANAGERS

ENTRIES: dict[str, dict] = {
    "development:index": {"allowed": EVERYONE_HERE},
    "development:training_list": {"allowed": EVERYONE_HERE},
    "development:training_add": {"allowed": RECORDERS},
    "development:training_confirm": {
        "kwargs": lambda cast: {"pk": factories.training(cast).pk},
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": lambda cast: {"accept": "1"},
        "ok": {302},
    },
    "development:training_overview": {"allowed": WHOLE_SCHOOL},
    "development:achievement_list": {"allowed": EVERYONE_HERE},
    "development:achievement_add": {"allowed": RECORDERS},
    "development:achievement_confirm": {
        "kwargs": lambda cast: {"pk": factories.achievement(cast).pk},
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": lambda cast: {"accept": "1"},
        "ok": {302},
    },
    "development:evidence": {
        "kwargs": lambda cast: {"pk": factories.evidence(cast).pk},
        "allowed": FIRST_JUNIOR_WHOLE | {"subject_teacher"},
    },
    "development:pair_list": {"allowed": EVERYONE_HERE},
    "development:pair_create": {"allowed": MANAGERS},
    "development:pair_detail": {
        "kwargs": lambda cast: {"pk": factories.pair(cast).pk},
        "allowed": FIRST_JUNIOR_WHOLE | {"head_teacher", "subject_teacher"},
    },
    "development:group_list": {"allowed": EVERYONE_HERE},
    "development:group_create": {"allowed": MANAGERS},
    "development:group_detail": {
        "kwargs": lambda cast: {"pk": factories.group(cast).pk},
        "allowed": FIRST_JUNIOR_WHOLE | {"head_teacher", "subject_teacher"},
    },
    "development:my_archive": {"allowed": TEACHERS, "ok": {302}},
    "development:archive": {
        "kwargs": lambda cast: {"teacher_id": cast.teachers["subject_teacher"].pk},
        "allowed": FIRST_JUNIOR_WHOLE | {"subject_teacher"},
    },
    "development:archive_service": {
        "kwargs": lambda cast: {"teacher_id": cast.teachers["subject_teacher"].pk},
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": lambda cast: {"started_on": "2010-09-01"},
        "ok": {302},
    },
    "development:ladder": {"allowed": WHOLE_SCHOOL},
    "development:criteria": {"allowed": WHOLE_SCHOOL},
}
