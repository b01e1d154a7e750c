"""Teaching records on the test cast (tests/cast.py), written through the services the pages use."""

import datetime
from decimal import Decimal

from zhiliang.teaching import services
from zhiliang.teaching.models import InspectionResult, Observation

LESSON_DAY = datetime.date(2025, 10, 14)


def all_levels(version, level: str) -> dict[str, str]:
    return {item.key: level for item in version.as_rubric().items}


def observation(
    cast,
    *,
    teacher="subject_teacher",
    observer="principal",
    role="principal",
    level="良",
    submit=True,
    date=LESSON_DAY,
    class_key="J01-7-1",
    subject="数学",
) -> Observation:
    school_class = cast.classes[class_key]
    version = services.form_for_school(school_class.school, "observation")
    return services.observation_save(
        user=cast.user(observer),
        observation=None,
        role=role,
        school_class=school_class,
        teacher=cast.teachers[teacher],
        subject=cast.subjects[subject],
        date=date,
        period=3,
        topic="一元一次方程",
        levels=all_levels(version, level),
        bonus=Decimal(0),
        comment="节奏紧凑，学生参与度高。",
        suggestions="当堂检测可再分层。",
        submit=submit,
    )


def inspection_result(
    cast, *, teacher="subject_teacher", required=True, responded=False, deadline=datetime.date(2025, 11, 1)
) -> InspectionResult:
    inspection = services.inspection_create(
        user=cast.user("academic_director"),
        school=cast.junior1,
        title="十月教学常规检查",
        held_on=datetime.date(2025, 10, 20),
    )
    result = services.inspection_result_save(
        user=cast.user("academic_director"),
        inspection=inspection,
        teacher=cast.teachers[teacher],
        levels=all_levels(inspection.checklist_version, "中"),
        problems="作业批改缺少激励性评语；二次备课不足。" if required else "",
        rectification_required=required,
        deadline=deadline if required else None,
    )
    if responded:
        services.result_respond(user=cast.user(teacher), result=result, text="已补写评语并完成二次备课。")
    return result
