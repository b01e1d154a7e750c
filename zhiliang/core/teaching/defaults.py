"""The forms a county starts with: a 课堂教学评价表 and a 教学常规检查表 (备、教、批、辅、考).

The lesson rubric follows the common structure of the published school forms summarised in
/work/shared/standards/lesson-observation-rubric.md (teacher and student perspectives, students ≥ 30%, items
of 5–10 points, total 100, bands 优秀 ≥ 90 / 良好 ≥ 80 / 合格 ≥ 60 / 不合格, a 特色/创新 bonus of up to 5
capped at 100). Its wording is ours. The standard for a 达标课 is 80 (良好 or better): the seed plans set a
target of "专任教师课堂教学达标率达到90%以上" (/work/shared/seeds/000_…txt) without defining the cut-off; a
school changes it in its own version.

The checklist covers the five routines of the seed plans (备课、上课、作业批改、辅导、检测; seeds 000 and 003:
"落实常规教学的备、教、批、辅、考"), with a pass score of 60.
"""

from decimal import Decimal

from zhiliang.core.teaching.rubric import Band, Item, Level, Rubric

LEVELS = (Level("优", Decimal(100)), Level("良", Decimal(85)), Level("中", Decimal(70)), Level("差", Decimal(50)))
BANDS = (Band("优秀", Decimal(90)), Band("良好", Decimal(80)), Band("合格", Decimal(60)), Band("不合格", Decimal(0)))


def _items(rows: list[tuple[str, str, int]]) -> tuple[Item, ...]:
    return tuple(Item(criterion, name, Decimal(points)) for criterion, name, points in rows)


LESSON_RUBRIC_NAME = "课堂教学评价表"
LESSON_RUBRIC = Rubric(
    items=_items(
        [
            ("教学目标", "目标依据课程标准与学情制定，表述清楚、可检测", 5),
            ("教学目标", "为不同层次学生设置有区分的要求", 5),
            ("教学内容", "知识准确，容量适当", 5),
            ("教学内容", "抓住重点、突破难点", 5),
            ("教学内容", "教学资源（学具、课件、材料）准备充分", 5),
            ("教学过程与方法", "结构清晰，环节紧凑，节奏与时间分配合理", 5),
            ("教学过程与方法", "方法适合内容和学生，体现启发式、探究式教学", 5),
            ("教学过程与方法", "提问有层次，师生、生生互动真实有效", 5),
            ("教学过程与方法", "及时反馈，根据课堂生成调整教学", 5),
            ("学生学习", "全体学生参与学习全过程", 10),
            ("学生学习", "有自主、合作、探究的学习时间和方式", 10),
            ("学生学习", "学生敢于提问、表达不同见解", 5),
            ("学生学习", "课堂氛围积极，学习习惯良好", 5),
            ("教学效果", "达成教学目标，当堂检测效果好", 10),
            ("教学效果", "各层次学生都有收获", 5),
            ("教师素养", "语言规范准确，教态自然，板书与信息技术运用得当", 5),
            ("教师素养", "课堂组织与管理有序", 5),
        ]
    ),
    levels=LEVELS,
    bands=BANDS,
    standard=Decimal(80),
    bonus_max=Decimal(5),
)

ROUTINE_CHECKLIST_NAME = "教学常规检查表"
ROUTINE_CHECKLIST = Rubric(
    items=_items(
        [
            ("备课", "教案齐全，超前备课不少于一周", 10),
            ("备课", "目标、重难点、教学过程、作业设计完整", 10),
            ("备课", "有二次备课和课后反思", 5),
            ("上课", "按课表上课，开齐开足课时", 10),
            ("上课", "听课笔记达到学期要求并有评析", 5),
            ("作业批改", "作业布置适量、分层，控制总时长", 10),
            ("作业批改", "批改及时、规范，有激励性评语", 10),
            ("作业批改", "有错题订正和二次批改", 5),
            ("辅导", "培优补差有计划、有记录", 10),
            ("辅导", "学困生个别辅导落实到人", 5),
            ("检测", "单元检测有记录，试卷讲评及时", 10),
            ("检测", "有成绩分析和改进措施", 10),
        ]
    ),
    levels=LEVELS,
    bands=(Band("优秀", Decimal(90)), Band("合格", Decimal(60)), Band("不合格", Decimal(0))),
    standard=Decimal(60),
)
