"""The fictional 清河县 of the demo: its schools, groups, calendar and the way pupils move between schools.

Everything here is fixed data; the randomness lives in `pupils.py` and `staff.py`. Sizes are pupils per
grade at full scale before the birth-cohort factor (see `cohort_factor`); the numbers are chosen so that the
current year holds about 8,000 pupils in 20 schools, with the spread a real county has: two crowded town
schools whose classes are over the 45/50 standard (one junior with 大班额 of 56+), small village primaries,
teaching points (教学点) of a few pupils per grade under a central school (中心校), two nine-year schools
(九年一贯制) and three junior middle schools.

The region code 130599 is fictional (province 13, no county under that number); the ID numbers built from it
pass the GB 11643 check but belong to nobody.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

COUNTY_NAME = "清河县"
COUNTY_CODE = "130599"

GROUP_CITY = "城关教育集团"
GROUP_LIULIN = "柳林学区"
GROUPS = (GROUP_CITY, GROUP_LIULIN)

# School years of the demo: the first is the previous year, the last the current one.
YEARS = (2024, 2025)
CURRENT_YEAR = YEARS[-1]

URBAN, TOWN, VILLAGE = "城区", "镇区", "乡村"


@dataclass(frozen=True)
class SchoolSpec:
    code: str
    name: str
    short_name: str
    kind: str  # a zhiliang.org.models.SchoolKind value
    location: str
    group: str | None
    primary_size: int = 0  # pupils per primary grade
    junior_size: int = 0  # pupils per junior grade
    top_grade: int | None = None  # teaching points teach only the lower grades
    central: str | None = None  # code of the central school of a teaching point
    is_central: bool = False
    class_target: dict[str, int] = field(default_factory=lambda: {"primary": 45, "junior": 50})
    # Where grade-6 leavers of a primary school go: (junior code, share); the rest leave the county.
    feeds: tuple[tuple[str, float], ...] = ()
    address: str = ""

    @property
    def grades(self) -> range:
        if self.kind == "junior":
            return range(7, 10)
        if self.kind == "nine_year":
            return range(1, 10)
        return range(1, (self.top_grade or 6) + 1)

    @property
    def last_grade(self) -> int:
        return self.grades[-1]

    def size(self, grade: int) -> int:
        return self.junior_size if grade >= 7 else self.primary_size

    def target(self, grade: int) -> int:
        return self.class_target["junior" if grade >= 7 else "primary"]

    def entry_grade(self, grade: int) -> int:
        """The grade in which pupils now in `grade` entered this school: 7 in a junior school, else 1."""
        return 7 if self.kind == "junior" else 1


CROWDED_PRIMARY = {"primary": 54, "junior": 50}
CROWDED_JUNIOR = {"primary": 45, "junior": 58}

# City primaries send most leavers to the county's No. 1 junior and some to the nine-year school in town;
# township primaries to their township junior, and a tenth of them to town ("进城上学").
_CITY_FEEDS = (("QH03", 0.80), ("QH04", 0.10))
_LIULIN_FEEDS = (("QH10", 0.84), ("QH03", 0.10))
_SHIQIAO_FEEDS = (("QH15", 0.85), ("QH03", 0.10))
_YANGZHUANG_FEEDS = (("QH16", 0.86), ("QH03", 0.08))

SCHOOLS: tuple[SchoolSpec, ...] = (
    # 城关教育集团 (the county town)
    SchoolSpec("QH01", "清河县实验小学", "实验小学", "primary", URBAN, GROUP_CITY, primary_size=215,
               class_target=CROWDED_PRIMARY, feeds=_CITY_FEEDS, address="清河县城关镇文化路12号"),
    SchoolSpec("QH02", "清河县城关第二小学", "城关二小", "primary", URBAN, GROUP_CITY, primary_size=120,
               feeds=_CITY_FEEDS, address="清河县城关镇建设街48号"),
    SchoolSpec("QH03", "清河县第一初级中学", "县一中", "junior", URBAN, GROUP_CITY, junior_size=400,
               class_target=CROWDED_JUNIOR, address="清河县城关镇育才路1号"),
    SchoolSpec("QH04", "清河县城东学校", "城东学校", "nine_year", URBAN, GROUP_CITY, primary_size=90,
               junior_size=130, address="清河县城关镇东环路66号"),
    SchoolSpec("QH05", "清河县城关第三小学", "城关三小", "primary", URBAN, GROUP_CITY, primary_size=95,
               feeds=_CITY_FEEDS, address="清河县城关镇南关街9号"),
    # 柳林学区: a central school with three teaching points, two village primaries, the township junior
    SchoolSpec("QH06", "柳林镇中心小学", "柳林中心校", "primary", TOWN, GROUP_LIULIN, primary_size=80,
               is_central=True, feeds=_LIULIN_FEEDS, address="清河县柳林镇政府街3号"),
    SchoolSpec("QH07", "柳林镇前营教学点", "前营教学点", "teaching_point", VILLAGE, GROUP_LIULIN, primary_size=9,
               top_grade=3, central="QH06", address="清河县柳林镇前营村"),
    SchoolSpec("QH08", "柳林镇后屯教学点", "后屯教学点", "teaching_point", VILLAGE, GROUP_LIULIN, primary_size=7,
               top_grade=4, central="QH06", address="清河县柳林镇后屯村"),
    SchoolSpec("QH09", "柳林镇马庄教学点", "马庄教学点", "teaching_point", VILLAGE, GROUP_LIULIN, primary_size=8,
               top_grade=2, central="QH06", address="清河县柳林镇马庄村"),
    SchoolSpec("QH10", "柳林镇初级中学", "柳林中学", "junior", TOWN, GROUP_LIULIN, junior_size=110,
               address="清河县柳林镇北街20号"),
    SchoolSpec("QH11", "柳林镇张庄小学", "张庄小学", "primary", VILLAGE, GROUP_LIULIN, primary_size=24,
               feeds=_LIULIN_FEEDS, address="清河县柳林镇张庄村"),
    SchoolSpec("QH12", "柳林镇河口小学", "河口小学", "primary", VILLAGE, GROUP_LIULIN, primary_size=19,
               feeds=_LIULIN_FEEDS, address="清河县柳林镇河口村"),
    # Townships outside any group
    SchoolSpec("QH13", "石桥镇第一小学", "石桥小学", "primary", TOWN, None, primary_size=72,
               feeds=_SHIQIAO_FEEDS, address="清河县石桥镇新华街15号"),
    SchoolSpec("QH14", "石桥镇杜村小学", "杜村小学", "primary", VILLAGE, None, primary_size=28,
               feeds=_SHIQIAO_FEEDS, address="清河县石桥镇杜村"),
    SchoolSpec("QH15", "石桥镇初级中学", "石桥中学", "junior", TOWN, None, junior_size=120,
               address="清河县石桥镇中学路2号"),
    SchoolSpec("QH16", "杨庄乡九年一贯制学校", "杨庄学校", "nine_year", VILLAGE, None, primary_size=40,
               junior_size=110, address="清河县杨庄乡杨庄村"),
    SchoolSpec("QH17", "杨庄乡西王小学", "西王小学", "primary", VILLAGE, None, primary_size=17,
               feeds=_YANGZHUANG_FEEDS, address="清河县杨庄乡西王村"),
    SchoolSpec("QH18", "东湖镇小学", "东湖小学", "primary", TOWN, None, primary_size=60,
               feeds=_YANGZHUANG_FEEDS, address="清河县东湖镇湖滨路8号"),
    SchoolSpec("QH19", "东湖镇北辛庄小学", "北辛庄小学", "primary", VILLAGE, None, primary_size=21,
               feeds=_YANGZHUANG_FEEDS, address="清河县东湖镇北辛庄村"),
    SchoolSpec("QH20", "石桥镇南街小学", "南街小学", "primary", TOWN, None, primary_size=38,
               feeds=_SHIQIAO_FEEDS, address="清河县石桥镇南街"),
)  # fmt: skip

SCHOOLS_BY_CODE = {school.code: school for school in SCHOOLS}

# Live births in China by year, millions (National Bureau of Statistics, 国家统计局 statistical communiqués).
# A grade's size follows the births of its cohort: the current grade 1 (born 2019) is smaller than grade 6.
BIRTHS_MILLIONS = {
    2007: 15.94, 2008: 16.08, 2009: 15.91, 2010: 15.92, 2011: 16.04, 2012: 16.35, 2013: 16.40,
    2014: 16.87, 2015: 16.55, 2016: 17.86, 2017: 17.23, 2018: 15.23, 2019: 14.65, 2020: 12.02,
}  # fmt: skip
_MEAN_BIRTHS = 16.5


def cohort_birth_year(school_year: int, grade: int) -> int:
    """The calendar year in which most pupils of `grade` in `school_year` were born (Jan–Aug births)."""
    return school_year - grade - 5


def cohort_factor(school_year: int, grade: int) -> float:
    return BIRTHS_MILLIONS[cohort_birth_year(school_year, grade)] / _MEAN_BIRTHS


def location_factor(location: str, grade: int) -> float:
    """Villages lose their younger pupils to town schools; the town gains them."""
    if location == VILLAGE:
        return 0.86 + 0.03 * min(grade, 6)
    if location == URBAN:
        return 1.06 - 0.012 * min(grade, 6)
    return 1.0


@dataclass(frozen=True)
class Calendar:
    """Dates of one school year: the year runs Sept 1 – Aug 31, term 1 to mid-January, term 2 Feb–July."""

    start_year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    def term(self, number: int) -> tuple[datetime.date, datetime.date]:
        if number == 1:
            return datetime.date(self.start_year, 9, 1), datetime.date(self.start_year + 1, 1, 18)
        return datetime.date(self.start_year + 1, 2, 17), datetime.date(self.start_year + 1, 7, 10)

    @property
    def graduation(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 7, 4)
