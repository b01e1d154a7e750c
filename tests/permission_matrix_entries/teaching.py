"""Who opens the teaching pages (docs/teaching.md, "Access"). The records are at 第一初级中学 (junior1): an
observation of 李老师 (subject_teacher) by its principal, an inspection result of 李老师 with a rectification.

* the teaching home, observation list, rectification list and exports: everyone holding a role or a teacher
  record (each sees only their own rows);
* observing: principals, academic directors, grade leaders and teachers (not the bureau or group leaders);
* one observation: its observer, the observed teacher, the school's principal and academic director;
* school summaries, settings, reports, inspections: the school's principal and academic director;
* the county overview (aggregates only): the bureau and group leaders;
* forms (rubrics, checklists): school leaders and bureau administrators;
* homework: whoever heads, teaches or leads a class this year.
"""

from tests.teaching.factories import inspection_result, observation
from zhiliang.teaching.services import county_default_form

EVERYONE = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "central_principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
    "other_teacher",
}
JUNIOR1 = {"principal", "academic_director"}
LEADERS = {"principal", "academic_director", "central_principal"}
OBSERVERS = LEADERS | {"grade_leader", "head_teacher", "subject_teacher", "other_teacher"}
AGGREGATE = {"bureau_admin", "bureau_analyst", "group_leader"}


def _observation(cast):
    return {"pk": observation(cast).pk}


def _result(cast):
    return {"pk": inspection_result(cast).pk}


def _responded(cast):
    return {"pk": inspection_result(cast, responded=True).pk}


def _inspection_teacher(cast):
    result = inspection_result(cast, required=False)
    return {"pk": result.inspection_id, "teacher_pk": cast.teachers["subject_teacher"].pk}


ENTRIES: dict[str, dict] = {
    "teaching:index": {"allowed": EVERYONE},
    "teaching:observation_list": {"allowed": EVERYONE},
    "teaching:observation_create": {"allowed": OBSERVERS},
    "teaching:observation_detail": {"kwargs": _observation, "allowed": JUNIOR1 | {"subject_teacher"}},
    "teaching:observation_edit": {"kwargs": _observation, "allowed": {"principal"}},
    "teaching:observation_reply": {
        "kwargs": _observation,
        "allowed": {"subject_teacher"},
        "method": "post",
        "data": lambda cast: {"reply": "谢谢，我会改进当堂检测。"},
        "ok": {302},
    },
    "teaching:teacher_detail": {
        "kwargs": lambda cast: {"pk": cast.teachers["subject_teacher"].pk},
        "allowed": JUNIOR1 | {"subject_teacher"},
    },
    "teaching:school_detail": {"kwargs": lambda cast: {"pk": cast.junior1.pk}, "allowed": JUNIOR1},
    "teaching:school_settings": {"kwargs": lambda cast: {"pk": cast.junior1.pk}, "allowed": JUNIOR1},
    "teaching:report": {"kwargs": lambda cast: {"pk": cast.junior1.pk}, "allowed": JUNIOR1},
    "teaching:county": {"allowed": AGGREGATE},
    "teaching:rubric_list": {"allowed": LEADERS | {"bureau_admin"}},
    "teaching:rubric_create": {"allowed": LEADERS | {"bureau_admin"}},
    "teaching:rubric_detail": {
        "kwargs": lambda cast: {"pk": county_default_form(cast.county, "observation").pk},
        "allowed": LEADERS | {"bureau_admin"},
    },
    "teaching:inspection_list": {"allowed": LEADERS},
    "teaching:inspection_create": {"allowed": LEADERS},
    "teaching:inspection_detail": {
        "kwargs": lambda cast: {"pk": inspection_result(cast).inspection_id},
        "allowed": JUNIOR1,
    },
    "teaching:inspection_score": {"kwargs": _inspection_teacher, "allowed": JUNIOR1},
    "teaching:result_list": {"allowed": EVERYONE},
    "teaching:result_detail": {"kwargs": _result, "allowed": JUNIOR1 | {"subject_teacher"}},
    "teaching:result_respond": {
        "kwargs": _result,
        "allowed": {"subject_teacher"},
        "method": "post",
        "data": lambda cast: {"response": "已整改。"},
        "ok": {302},
    },
    "teaching:result_recheck": {
        "kwargs": _responded,
        "allowed": JUNIOR1,
        "method": "post",
        "data": lambda cast: {"accepted": "1", "note": "复查合格"},
        "ok": {302},
    },
    "teaching:homework": {"allowed": OBSERVERS},
    "teaching:homework_load": {"allowed": OBSERVERS},
    "teaching:export": {"kwargs": lambda cast: {"table": "observations"}, "allowed": EVERYONE},
}
