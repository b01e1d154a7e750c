"""Messages of class placement in zh-Hans and English: intake problems, impossible constraints, broken rules.

Registered in the shared catalogue of `zhiliang.core.tabular` (one `Problem` type for files); impossible and
broken constraints are `Violation`s rendered from the same catalogue by `violation_message`.
"""

from zhiliang.core.placement.model import Violation
from zhiliang.core.rosters import messages as _roster_messages  # noqa: F401  (sex, yes/no, identifier messages)
from zhiliang.core.tabular import register_messages
from zhiliang.core.tabular.messages import render

MESSAGES: dict[str, tuple[str, str]] = {
    # Reading the intake file
    "placement.no_rows": ("文件中没有学生（只有表头）。", "The file has no students (only the header)."),
    "placement.duplicate_id": (
        "学籍号“{value}”在文件中出现了不止一次（第 {rows} 行）。",
        "The student number “{value}” appears more than once in the file (rows {rows}).",
    ),
    "placement.negative_score": ("成绩 {value} 不能为负数。", "The score {value} cannot be negative."),
    "placement.bad_class": (
        "指定班级“{value}”无法识别，请填写班号，如“3”或“3班”。",
        "The class “{value}” is not recognised; write the class number, e.g. 3 or 3班.",
    ),
    # Constraints that cannot all hold (checked before solving; rows and students are named)
    "placement.too_few_students": (
        "只有 {students} 名学生，不够分成 {classes} 个班。",
        "There are only {students} students, too few for {classes} classes.",
    ),
    "placement.over_max_size": (
        "{students} 名学生分成 {classes} 个班，每班至少 {needed} 人，超过了班额上限 {max_size} 人；至少需要分 {min_classes} 个班。",
        "{students} students in {classes} classes need {needed} in some class, more than the maximum of "
        "{max_size}; at least {min_classes} classes are needed.",
    ),
    "placement.sibling_group_too_large": (
        "同胞组“{group}”有 {count} 名学生（{students}），同胞须分在不同班，但只有 {classes} 个班。",
        "The sibling group “{group}” has {count} students ({students}) who must be in different classes, but "
        "there are only {classes} classes.",
    ),
    "placement.apart_pair_one_class": (
        "{students} 须分在不同班，但只分 1 个班。",
        "{students} must be in different classes, but there is only one class.",
    ),
    "placement.together_group_too_large": (
        "同班组“{group}”有 {count} 名学生（{students}），超过了每班最多 {limit} 人"
        "（{total} 名学生分 {classes} 个班，各班人数相差不超过 1 人）。",
        "The together group “{group}” has {count} students ({students}), more than a class may hold "
        "({limit}: {total} students in {classes} classes whose sizes differ by at most one).",
    ),
    "placement.together_and_apart": (
        "{students} 在同班组“{group}”中，又须分在不同班（{reason}）。",
        "{students} are in the together group “{group}” but must also be apart ({reason_en}).",
    ),
    "placement.together_fixed_conflict": (
        "同班组“{group}”的学生被指定到了不同的班：{assignments}。",
        "The together group “{group}” has students pre-assigned to different classes: {assignments}.",
    ),
    "placement.fixed_class_out_of_range": (
        "{student} 的指定班级 {value} 超出范围：只分 {classes} 个班（1–{classes}）。",
        "{student} is pre-assigned to class {value}, but there are only {classes} classes (1–{classes}).",
    ),
    "placement.fixed_apart_conflict": (
        "{students} 须分在不同班（{reason}），却都被指定到了 {class_number} 班。",
        "{students} must be apart ({reason_en}) but are all pre-assigned to class {class_number}.",
    ),
    "placement.fixed_over_size": (
        "指定到 {class_number} 班的学生有 {count} 人（含其同班组），超过了每班最多 {limit} 人：{students}。",
        "{count} students (with their together groups) are pre-assigned to class {class_number}, more than a "
        "class may hold ({limit}): {students}.",
    ),
    "placement.fixed_too_many_full": (
        "{full} 个班的指定学生已达 {limit} 人（{class_numbers} 班），但 {total} 名学生分 {classes} 个班时"
        "最多只能有 {allowed} 个班是 {limit} 人。",
        "{full} classes ({class_numbers}) already have {limit} pre-assigned students, but with {total} students "
        "in {classes} classes at most {allowed} classes may have {limit}.",
    ),
    "placement.apart_unknown_student": (
        "须分开的学生中，学籍号“{value}”不在这批学生里。",
        "The student number “{value}” of a pair to keep apart is not in this intake.",
    ),
    "placement.apart_same_student": (
        "须分开的一对学生是同一个人（学籍号“{value}”）。",
        "A pair to keep apart names the same student twice (“{value}”).",
    ),
    "placement.infeasible_combination": (
        "以下硬性要求无法同时满足：{constraints}。请放宽其中一项（如调整同班组、指定班级或班数）后重试。",
        "These hard constraints cannot all hold together: {constraints}. Relax one of them (a together group, "
        "a pre-assignment, the number of classes) and try again.",
    ),
    "placement.infeasible": (
        "各项硬性要求（班额、同胞分班、同班组、指定班级、须分开的学生）无法同时满足。请放宽其中一项后重试。",
        "The hard constraints (sizes, siblings apart, together groups, pre-assignments, pairs apart) cannot all "
        "hold together. Relax one of them and try again.",
    ),
    "placement.no_solution_in_time": (
        "在时间限制（{seconds} 秒）内没有找到满足全部硬性要求的方案。请延长时间限制后重试。",
        "No placement meeting every hard constraint was found within the time limit ({seconds} s). Allow more "
        "time and try again.",
    ),
    # Hard constraints broken by an assignment (a move by hand)
    "placement.violation.unassigned": (
        "{student} 没有分到有效的班级。",
        "{student} is not in a valid class.",
    ),
    "placement.violation.size_spread": (
        "各班人数相差 {spread} 人（最多 {largest} 人，最少 {smallest} 人），应不超过 1 人。",
        "Class sizes differ by {spread} (largest {largest}, smallest {smallest}); they may differ by one at most.",
    ),
    "placement.violation.empty_class": ("{class_number} 班没有学生。", "Class {class_number} has no students."),
    "placement.violation.over_max": (
        "{class_number} 班有 {size} 人，超过了班额上限 {max_size} 人。",
        "Class {class_number} has {size} students, more than the maximum of {max_size}.",
    ),
    "placement.violation.siblings_together": (
        "{students} 都在 {class_number} 班，但同胞组“{group}”须分在不同班。",
        "{students} are all in class {class_number}, but the sibling group “{group}” must be apart.",
    ),
    "placement.violation.apart_together": (
        "{students} 都在 {class_number} 班，但须分在不同班。",
        "{students} are both in class {class_number}, but must be apart.",
    ),
    "placement.violation.together_split": (
        "同班组“{group}”被分到了不同的班：{assignments}。",
        "The together group “{group}” is split across classes: {assignments}.",
    ),
    "placement.violation.fixed_moved": (
        "{student} 被指定在 {fixed} 班，现在却在 {class_number} 班。",
        "{student} is pre-assigned to class {fixed} but is in class {class_number}.",
    ),
}

for _code, (_zh, _en) in MESSAGES.items():
    register_messages(_code, _zh, _en)


def violation_message(violation: Violation, lang: str = "zh-hans") -> str:
    """The sentence for an impossible or broken hard constraint, in `lang` ("zh-hans" or "en")."""
    return render(violation.code, violation.params, lang)
