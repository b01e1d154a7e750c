"""The seven resource-allocation indicators (资源配置) of 县域义务教育优质均衡发展督导评估办法 (教督〔2017〕6号).

Source: 教育部《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号, April 2017), 第五条 资源配置 (seven
indicators with their 小学 / 初中 standards), the school rule (at least six of the seven met, the others at
least 85 % of their standard) and the county rule (coefficient of variation of each indicator at most 0.50
among primary and 0.45 among junior schools). Thresholds checked against the reproduction of the national
text and the Hebei implementing rules quoted in /work/shared/standards/balanced-development-2017.md
(sources A, B, C, D there; every threshold below is marked [2✓] in that file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["小学", "初中"]
STAGES: tuple[Stage, ...] = ("小学", "初中")
SOURCE = "教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》第五条"

# The school rule: at least MIN_MET of the seven met, and every indicator at least FLOOR_RATIO of its standard.
MIN_MET = 6
FLOOR_RATIO = 0.85
# The county rule: CV of each indicator across the schools of a stage at most this.
CV_LIMITS: dict[Stage, float] = {"小学": 0.50, "初中": 0.45}


@dataclass(frozen=True)
class Indicator:
    """One indicator: `quantity` is the school's count or total it is computed from, `per` 100 (per hundred
    students) or 1 (per student); `unit` is the unit of the quantity (what a principal acts on)."""

    key: str
    label: str
    label_en: str
    quantity: str  # the input column (CLI) / the quantity's name
    unit: str
    unit_en: str
    per: int
    standards: dict[Stage, float]
    whole: bool  # True: people or rooms, whose shortfall is a whole number
    facility: bool  # True: owned by the school as a whole, split between stages of a multi-stage school

    def standard(self, stage: Stage) -> float:
        return self.standards[stage]


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "qualified_teachers",
        "每百名学生拥有高于规定学历教师数",
        "Teachers above the required qualification per 100 students",
        "高于规定学历教师数",
        "人",
        "teachers",
        100,
        {"小学": 4.2, "初中": 5.3},
        whole=True,
        facility=False,
    ),
    Indicator(
        "backbone_teachers",
        "每百名学生拥有县级及以上骨干教师数",
        "County-level or higher backbone teachers per 100 students",
        "县级及以上骨干教师数",
        "人",
        "teachers",
        100,
        {"小学": 1.0, "初中": 1.0},
        whole=True,
        facility=False,
    ),
    Indicator(
        "pe_arts_teachers",
        "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
        "PE and arts (music, art) specialist teachers per 100 students",
        "体育艺术专任教师数",
        "人",
        "teachers",
        100,
        {"小学": 0.9, "初中": 0.9},
        whole=True,
        facility=False,
    ),
    Indicator(
        "teaching_area",
        "生均教学及辅助用房面积",
        "Teaching and auxiliary building area per student",
        "教学及辅助用房面积",
        "m²",
        "m²",
        1,
        {"小学": 4.5, "初中": 5.8},
        whole=False,
        facility=True,
    ),
    Indicator(
        "sports_area",
        "生均体育运动场馆面积",
        "Sports ground and hall area per student",
        "体育运动场馆面积",
        "m²",
        "m²",
        1,
        {"小学": 7.5, "初中": 10.2},
        whole=False,
        facility=True,
    ),
    Indicator(
        "equipment_value",
        "生均教学仪器设备值",
        "Teaching equipment value per student",
        "教学仪器设备值",
        "元",
        "yuan",
        1,
        {"小学": 2000.0, "初中": 2500.0},
        whole=False,
        facility=True,
    ),
    Indicator(
        "multimedia_rooms",
        "每百名学生拥有网络多媒体教室数",
        "Networked multimedia classrooms per 100 students",
        "网络多媒体教室数",
        "间",
        "rooms",
        100,
        {"小学": 2.3, "初中": 2.4},
        whole=True,
        facility=True,
    ),
)
KEYS: tuple[str, ...] = tuple(indicator.key for indicator in INDICATORS)
BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in INDICATORS}
TEACHER_KEYS: tuple[str, ...] = tuple(i.key for i in INDICATORS if not i.facility)
FACILITY_KEYS: tuple[str, ...] = tuple(i.key for i in INDICATORS if i.facility)
