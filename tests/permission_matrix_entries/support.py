"""Who opens the student-support pages (docs/support.md). The cast's 李四 (s2) is in 第一初级中学 七年级(1)班, headed
by head_teacher, taught 数学 by subject_teacher, in grade_leader's grade 7."""

import datetime

from tests.exams.factories import matrix_exam
from tests.support.factories import nominated, open_case
from zhiliang.exams.models import ExamStatus
from zhiliang.exams.services import exam_publish
from zhiliang.support.models import OutcomeReview

ANY_ROLE = {
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
# Everyone who sees 七年级(1)班 of 第一初级中学 and its students.
SEES_CLASS = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
}
# Those who work with the class's students: head and subject teachers, grade leader, school leadership.
WORKS_ON_CLASS = {"principal", "academic_director", "grade_leader", "head_teacher", "subject_teacher"}
WHOLE_SCHOOLS = {
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "central_principal",
}


def _class(cast):
    return {"class_id": cast.classes["J01-7-1"].pk}


def _case(cast):
    return {"pk": open_case(cast).pk}


def _review(cast):
    case = open_case(cast)
    review, _created = OutcomeReview.objects.get_or_create(
        case=case, exam=matrix_exam(cast), defaults={"outcome": "steady"}
    )
    return {"pk": review.pk}


def _published_exam(cast):
    exam = matrix_exam(cast)
    if exam.status != ExamStatus.PUBLISHED:
        exam_publish(exam=exam, actor=cast.user("bureau_admin"))
    return {"exam_id": exam.pk}


ENTRIES: dict[str, dict] = {
    "support:index": {"allowed": ANY_ROLE},
    "support:overview": {"allowed": ANY_ROLE},
    "support:class": {"kwargs": _class, "allowed": SEES_CLASS},
    "support:critical": {"kwargs": _class, "allowed": SEES_CLASS},
    "support:nominate": {
        "kwargs": _class,
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"student": cast.students["s1"].pk, "reason": "上课注意力不集中"},
        "ok": {302},
    },
    "support:decide": {
        "kwargs": lambda cast: {"pk": nominated(cast).pk},
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"action": "dismiss"},
        "ok": {302},
    },
    "support:case": {"kwargs": _case, "allowed": SEES_CLASS},
    "support:plan": {
        "kwargs": _case,
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"causes": ["foundation"], "goals": "数学及格", "strengths": "", "mentor": ""},
        "ok": {302},
    },
    "support:log": {
        "kwargs": _case,
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"date": datetime.date(2025, 11, 3).isoformat(), "kind": "tutoring", "minutes": 20},
        "ok": {302},
    },
    "support:exit": {
        "kwargs": _case,
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"on": "", "note": ""},  # invalid on purpose: the case stays open for the next role
        "ok": {302},
    },
    "support:review": {
        "kwargs": _review,
        "allowed": WORKS_ON_CLASS,
        "method": "post",
        "data": lambda cast: {"note": "有进步"},
        "ok": {302},
    },
    "support:top": {"allowed": WHOLE_SCHOOLS},
    "support:award_pdf": {"kwargs": _published_exam, "allowed": WHOLE_SCHOOLS},
    "support:rules": {"allowed": {"bureau_admin"}},
}
