"""The other three parts of the evaluation as checklists: 政府保障程度 (15), 教育质量 (9), 社会认可度 (1).

Source: 教督〔2017〕6号 第六、七、八条 as summarised in /work/shared/standards/balanced-development-2017.md
(parts b, c, d, with the confirmation marks kept there). Items with a number carry a comparator and a
threshold (e.g. 残疾儿童少年入学率 ≥ 95 %); the others are met by evidence. `applies_to` says whether the
county (the bureau) or each school answers the item: the seed plans (/work/shared/seeds/003) list the quality
items a school reports on, including 在校生巩固率 100 %, 班额 (45 primary / 50 junior) and 学校规模. Counties
configure the list (add, change thresholds, deactivate) in the app; these are the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Part = Literal["government", "quality", "recognition"]
Comparator = Literal[">=", "<=", "evidence"]
AppliesTo = Literal["county", "school"]


@dataclass(frozen=True)
class ChecklistDefault:
    code: str
    part: Part
    text: str
    comparator: Comparator
    threshold: float | None
    unit: str
    applies_to: AppliesTo


def is_met(comparator: str, threshold: float | None, value: float | None, done: bool) -> bool | None:
    """Whether an answer meets its item: a number against its threshold, or evidence marked done.
    None when a numeric item has no value yet."""
    if comparator == "evidence":
        return done
    if value is None or threshold is None:
        return None
    return value >= threshold - 1e-9 if comparator == ">=" else value <= threshold + 1e-9


def _d(
    code: str, part: Part, text: str, comparator: Comparator, threshold: float | None, unit: str, applies_to: AppliesTo
) -> ChecklistDefault:
    return ChecklistDefault(code, part, text, comparator, threshold, unit, applies_to)


DEFAULTS: tuple[ChecklistDefault, ...] = (
    _d("G1", "government", "县域内义务教育学校规划布局合理，符合国家规定", "evidence", None, "", "county"),
    _d("G2", "government", "城乡学校“四统一”，生均公用经费不低于省定标准", "evidence", None, "", "county"),
    _d("G3", "government", "每12个班级配备音乐、美术专用教室1间以上", "evidence", None, "", "school"),
    _d("G4a", "government", "学校规模：小学、初中不超过2000人", "<=", 2000, "人", "school"),
    _d("G4b", "government", "学校规模：九年一贯制、十二年一贯制义务教育段不超过2500人", "<=", 2500, "人", "school"),
    _d("G5a", "government", "小学班额不超过45人（最大班额）", "<=", 45, "人", "school"),
    _d("G5b", "government", "初中班额不超过50人（最大班额）", "<=", 50, "人", "school"),
    _d("G6", "government", "不足100名学生的村小学和教学点按100名学生核定公用经费", "evidence", None, "", "county"),
    _d("G7", "government", "特殊教育学校生均公用经费（元，按省定标准配置）", ">=", 6000, "元", "county"),
    _d("G8", "government", "教师平均工资收入水平不低于当地公务员平均工资收入水平", "evidence", None, "", "county"),
    _d("G9", "government", "教师5年360学时培训完成率", ">=", 100, "%", "county"),
    _d("G10", "government", "县级教育行政部门统筹分配各校教职工编制和岗位数量", "evidence", None, "", "county"),
    _d("G11a", "government", "全县每年交流轮岗教师比例", ">=", 10, "%", "county"),
    _d("G11b", "government", "交流轮岗教师中骨干教师比例", ">=", 20, "%", "county"),
    _d("G12", "government", "专任教师持有教师资格证上岗率", ">=", 100, "%", "county"),
    _d("G13a", "government", "城区和镇区公办小学就近划片入学比例", ">=", 100, "%", "county"),
    _d("G13b", "government", "城区和镇区公办初中就近划片入学比例", ">=", 95, "%", "county"),
    _d("G14", "government", "优质高中招生名额分配比例（向农村初中倾斜）", ">=", 50, "%", "county"),
    _d("G15", "government", "符合条件的随迁子女在公办学校和政府购买服务的民办学校就读比例", ">=", 85, "%", "county"),
    _d("Q1", "quality", "在校生巩固率（全县初中三年巩固率不低于95%）", ">=", 100, "%", "school"),
    _d("Q2", "quality", "残疾儿童少年入学率", ">=", 95, "%", "school"),
    _d("Q3", "quality", "制定章程，实现学校管理与教学信息化", "evidence", None, "", "school"),
    _d("Q4", "quality", "教师培训经费占年度公用经费预算总额的比例", ">=", 5, "%", "school"),
    _d("Q5", "quality", "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平", "evidence", None, "", "school"),
    _d("Q6", "quality", "德育工作、校园文化建设水平达到良好以上", "evidence", None, "", "school"),
    _d("Q7", "quality", "课程开齐开足，教学秩序规范，综合实践活动有效开展", "evidence", None, "", "school"),
    _d("Q8", "quality", "无过重课业负担", "evidence", None, "", "school"),
    _d("Q9", "quality", "国家义务教育质量监测相关科目学生学业水平等级（达到Ⅲ级以上）", ">=", 3, "级", "school"),
    _d(
        "S1",
        "recognition",
        "社会认可度（学生、家长、教师、校长、人大代表、政协委员及其他群众）",
        ">=",
        85,
        "%",
        "county",
    ),
)
PART_LABELS: dict[str, tuple[str, str]] = {
    "government": ("政府保障程度", "Government guarantee"),
    "quality": ("教育质量", "Education quality"),
    "recognition": ("社会认可度", "Social recognition"),
}
