"""Realistic Chinese names for the demo county, drawn from a seeded `random.Random` (never the global one).

Surnames are weighted by their approximate share of the population (per ten thousand people, rounded; the
ranking follows the published national surname statistics, the exact figures are ours and only need to give
a believable mix). Given names have one or two characters from lists of characters common in names of the
generation concerned: pupils born 2009–2020 and teachers born 1965–2003 are named differently. The lists hold
only characters with pleasant meanings, and `name_is_acceptable` refuses the well-known unlucky homophones
(杜子腾 sounds like "stomach ache"), so no pupil in the demo carries a name a classmate would laugh at.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate

# (surname, approximate bearers per 10,000 people)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 719), ("李", 713), ("张", 665), ("刘", 546), ("陈", 454), ("杨", 308), ("赵", 229), ("黄", 180),
    ("周", 200), ("吴", 180), ("徐", 167), ("孙", 154), ("马", 147), ("朱", 145), ("胡", 132), ("郭", 127),
    ("何", 100), ("高", 114), ("林", 80), ("罗", 90), ("郑", 102), ("梁", 90), ("谢", 70), ("宋", 84),
    ("唐", 70), ("许", 77), ("韩", 76), ("冯", 74), ("邓", 55), ("曹", 73), ("彭", 50), ("曾", 40),
    ("肖", 56), ("田", 63), ("董", 62), ("袁", 60), ("潘", 50), ("于", 56), ("蒋", 50), ("蔡", 45),
    ("余", 40), ("杜", 53), ("叶", 40), ("程", 53), ("苏", 52), ("魏", 52), ("吕", 51), ("丁", 50),
    ("任", 48), ("沈", 40), ("姚", 47), ("卢", 46), ("姜", 46), ("崔", 45), ("钟", 30), ("谭", 30),
    ("陆", 35), ("汪", 35), ("范", 41), ("金", 40), ("石", 40), ("廖", 25), ("贾", 39), ("夏", 38),
    ("付", 38), ("方", 37), ("白", 36), ("邹", 30), ("孟", 35), ("熊", 30), ("秦", 34), ("邱", 30),
    ("江", 33), ("尹", 33), ("薛", 32), ("闫", 32), ("段", 31), ("雷", 31), ("侯", 30), ("龙", 25),
    ("史", 30), ("陶", 29), ("贺", 28), ("顾", 27), ("毛", 27), ("郝", 27), ("邵", 26), ("万", 26),
    ("钱", 25), ("严", 25), ("武", 25), ("戴", 24), ("孔", 23), ("汤", 23), ("常", 22), ("温", 22),
    ("康", 22), ("施", 20), ("文", 22), ("牛", 22), ("樊", 21), ("葛", 21), ("邢", 21), ("安", 20),
    ("齐", 20), ("乔", 20), ("庞", 19), ("颜", 19), ("倪", 18), ("聂", 18), ("鲁", 18), ("岳", 17),
    ("翟", 17), ("申", 17), ("耿", 16), ("关", 16), ("焦", 16), ("左", 15), ("柳", 15), ("祝", 15),
    ("宁", 15), ("尚", 15), ("纪", 14), ("梅", 14), ("毕", 13), ("霍", 13), ("苗", 12), ("谷", 12),
    ("路", 12), ("辛", 12), ("靳", 11), ("柴", 11), ("房", 11), ("解", 10), ("时", 10), ("穆", 10),
    ("司", 10), ("吉", 9), ("连", 9), ("窦", 9), ("景", 8), ("党", 8), ("宫", 8), ("冀", 6),
    ("欧阳", 5), ("司马", 2),
)  # fmt: skip

# Given-name characters of pupils born 2009–2020: the first and the second position of a two-character
# name, by sex; the single-character list serves the one name in eight that has one character.
PUPIL_FIRST = {
    "M": "子梓浩宇俊博一文嘉皓天泽明晨思睿奕铭昊宏雨沐瑞锦家佳承志逸卓",
    "F": "子梓欣雨思诗一佳可语若雅梦嘉芷紫晓沐依书安心艺悦婉念静舒",
}
PUPIL_SECOND = {
    "M": "轩宇涵泽辰浩航然睿阳博杰铭宸哲瑞恒霖熙远川城毅康凯峰逸鑫昊晨楠",
    "F": "涵怡萱琪彤妍然悦馨瑶琳蕾雯婷菲桐蕊晴淇璇茜诺瑜宁苒柔玥岚颖",
}
PUPIL_SINGLE = {"M": "浩宇轩博杰睿泽晨昊航铭阳朗凯", "F": "涵琪悦萱彤妍瑶琳婷雯桐晴颖诺"}

# Teachers born 1965–2003: the names of their parents' generation are shorter and plainer.
ADULT_FIRST = {
    "M": "建国志永海晓俊文小立明宏振春伟红学军卫光庆新长德玉",
    "F": "秀丽晓红玉桂海春小雪美慧艳淑彩翠文金凤晶静亚瑞宏",
}
ADULT_SECOND = {
    "M": "军强伟勇涛磊明刚杰平辉斌峰超波鹏华林东亮成利文飞龙",
    "F": "芳敏静丽娟霞燕艳娜玲红梅英兰萍华琴云莉洁丹琳颖慧婷",
}
ADULT_SINGLE = {"M": "伟强磊军勇涛刚杰斌峰鹏亮", "F": "芳敏静丽娟霞燕艳娜玲萍琳"}

# Full names and given names that read as something unfortunate (homophones everybody knows).
UNLUCKY_FULL_NAMES = frozenset(
    {"杜子腾", "史珍香", "范统", "朱逸群", "秦寿生", "吴仁耀", "杨伟", "沈京兵", "魏生津", "胡丽晶", "梅良心",
     "孙子", "吴德", "夏建", "范剑", "史一", "焦虑", "苟富贵", "朱宝"}
)  # fmt: skip
UNLUCKY_GIVEN_NAMES = frozenset({"子腾", "珍香", "逸群", "寿生", "仁耀", "京兵", "生津", "统", "伟哥", "鑫鑫"})


def _cumulative(weights: list[int]) -> list[int]:
    return list(accumulate(weights))


_SURNAME_CHOICES = [surname for surname, _weight in SURNAMES]
_SURNAME_CUMULATIVE = _cumulative([weight for _surname, weight in SURNAMES])


def pick_surname(rng: random.Random) -> str:
    """A surname drawn with probability proportional to its weight."""
    point = rng.random() * _SURNAME_CUMULATIVE[-1]
    return _SURNAME_CHOICES[bisect_right(_SURNAME_CUMULATIVE, point)]


def name_is_acceptable(surname: str, given: str) -> bool:
    """False for unlucky homophones, repeated characters across surname and given name, and 叠字 for boys."""
    full = surname + given
    if full in UNLUCKY_FULL_NAMES or given in UNLUCKY_GIVEN_NAMES:
        return False
    if any(full.startswith(name) for name in UNLUCKY_FULL_NAMES if len(name) == 2 and len(given) > 1):
        return False  # 杨伟 stays awkward as 杨伟明
    return surname[-1] not in given


def person_name(rng: random.Random, sex: str, *, adult: bool = False, surname: str | None = None) -> str:
    """A full name for a person of `sex` ("M"/"F"); `adult` for the teachers' generation."""
    first, second, single = (
        (ADULT_FIRST, ADULT_SECOND, ADULT_SINGLE)
        if adult
        else (
            PUPIL_FIRST,
            PUPIL_SECOND,
            PUPIL_SINGLE,
        )
    )
    family = surname or pick_surname(rng)
    single_share = 0.25 if adult else 0.12
    while True:
        if rng.random() < single_share:
            given = rng.choice(single[sex])
        else:
            given = rng.choice(first[sex]) + rng.choice(second[sex])
            if given[0] == given[1] and (sex == "M" or rng.random() < 0.7):
                continue  # 叠字 names (婷婷) are mostly nicknames; keep a few for girls
        if name_is_acceptable(family, given):
            return family + given
