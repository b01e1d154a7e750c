"""Which schools count, and how a school spanning stages is divided between them.

Splitting (测算均衡系数拆分公式; /work/shared/standards/balanced-development-2017.md, sources E and D, [2✓]):
the quantities a multi-stage school owns as a whole (building area, sports area, equipment value, multimedia
rooms) are divided between its stages in proportion to weighted enrolment, a junior student weighing 1.1
primary students in a 九年一贯制 school, a senior student 1.2 junior students in a 完全中学, and 1 : 1.1 : 1.32
(primary : junior : senior) in a 十二年一贯制 school. Teachers are counted where they teach, so teacher
counts are given per stage and not split. Each part is then evaluated as a school of its stage.

Exclusions (source B, the Hebei implementing rules of 教督〔2017〕6号): special-education schools, vocational
schools and teaching points (教学点) with fewer than 50 students are left out of the resource indicators.
"""

from __future__ import annotations

SCHOOL_TYPES: tuple[str, ...] = (
    "小学",
    "初中",
    "九年一贯制",
    "完全中学",
    "十二年一贯制",
    "教学点",
    "特殊教育学校",
    "职业学校",
)
# Enrolment weights of each stage, by school type (types not listed have one stage and no split).
STAGE_WEIGHTS: dict[str, dict[str, float]] = {
    "九年一贯制": {"小学": 1.0, "初中": 1.1},
    "完全中学": {"初中": 1.0, "高中": 1.2},
    "十二年一贯制": {"小学": 1.0, "初中": 1.1, "高中": 1.32},
}
SMALL_TEACHING_POINT = 50  # teaching points below this many students are excluded
EXCLUDED_TYPES: dict[str, str] = {"特殊教育学校": "special_education", "职业学校": "vocational"}
SPLIT_RULE_TEXT: dict[str, str] = {
    "九年一贯制": "小学生 : 初中生 = 1 : 1.1",
    "完全中学": "初中生 : 高中生 = 1 : 1.2",
    "十二年一贯制": "小学 : 初中 : 高中 = 1 : 1.1 : 1.32",
}


def exclusion(school_type: str | None, students: int) -> str | None:
    """Why a school (or school part) is left out, as a code, or None when it counts."""
    if school_type in EXCLUDED_TYPES:
        return EXCLUDED_TYPES[school_type]
    if school_type == "教学点" and students < SMALL_TEACHING_POINT:
        return "small_teaching_point"
    return None


def stage_shares(school_type: str | None, enrolment: dict[str, int]) -> dict[str, float]:
    """Each stage's share of the school's facilities: weight × students over the weighted total.

    Worked example (source E): 166 primary + 210 junior students of a 九年一贯制 school: the primary share is
    166 / (166 + 1.1 × 210) = 0.4181, the junior share 231 / 397 = 0.5819. A single-stage school keeps all.
    A stage missing from the weights (e.g. a 九年一贯制 school listing a 高中 part) is an error.
    """
    weights = STAGE_WEIGHTS.get(school_type or "")
    stages = [stage for stage, count in enrolment.items() if count > 0]
    if weights is None or len(stages) <= 1:
        return {stage: (1.0 if stage in stages else 0.0) for stage in enrolment}
    unknown = [stage for stage in enrolment if stage not in weights]
    if unknown:
        raise ValueError(f"{school_type} has no {unknown[0]} stage")
    total = sum(weights[stage] * count for stage, count in enrolment.items())
    return {stage: weights[stage] * count / total for stage, count in enrolment.items()}
