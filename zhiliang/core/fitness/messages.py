"""Messages of the fitness core in zh-Hans and English, registered in the shared catalogue of
`zhiliang.core.tabular` so that file problems and scoring refusals read the same way everywhere.

`{indicator}` parameters hold indicator keys; `describe` turns them into names before rendering.
"""

from collections.abc import Mapping

from zhiliang.core.fitness.indicators import indicator_name
from zhiliang.core.rosters import messages as _roster_messages  # noqa: F401  (roster.bad_sex)
from zhiliang.core.tabular import register_messages
from zhiliang.core.tabular.messages import render

MESSAGES: dict[str, tuple[str, str]] = {
    # Values
    "fitness.bad_time": (
        "“{value}”不是可识别的时间。请写成秒（9.8、215）、分秒（1'52\"、3分35秒）或 3:35。",
        "“{value}” is not a time we can read. Write seconds (9.8, 215), minutes and seconds (1'52\") or 3:35.",
    ),
    "fitness.not_a_number": ("“{value}”不是数字。", "“{value}” is not a number."),
    "fitness.not_whole": ("“{value}”应为整数（次数）。", "“{value}” must be a whole number (a count)."),
    "fitness.implausible": (
        "“{value}”不可信：合理范围为 {low}–{high} {unit}，请核对是否录错或单位有误。",
        "“{value}” is implausible: the plausible range is {low}–{high} {unit}; check for a typing error or a "
        "wrong unit.",
    ),
    "fitness.minutes_with_dot": (
        "“{value}”按秒读只有 {value} 秒，不可信；如果是 {minutes} 分 {seconds} 秒，请写成 {minutes}'{seconds}\" 或 "
        "{minutes}:{seconds}。",
        "“{value}” read as seconds is only {value} s, which is implausible; for {minutes} min {seconds} s write "
        "{minutes}'{seconds}\" or {minutes}:{seconds}.",
    ),
    "fitness.bad_acuity": (
        "视力“{value}”应为五分记录 3.0–5.3（低于 3.0 填 0）。",
        "Acuity “{value}” must be on the 5-point scale, 3.0–5.3 (0 for below 3.0).",
    ),
    "fitness.bad_grade": ("年级“{value}”无法识别，请填写 1–9。", "Grade “{value}” is not recognised; write 1–9."),
    "fitness.no_rows": ("文件中没有学生（只有表头）。", "The file has no students (only the header)."),
    "fitness.duplicate_student": (
        "学籍号“{value}”在文件中出现了不止一次（第 {rows} 行）。",
        "The student number “{value}” appears more than once (rows {rows}).",
    ),
    "fitness.no_indicator_columns": (
        "没有找到任何测试项目列（如 身高、体重、50米跑）。",
        "No test columns were found (such as 身高, 体重, 50米跑).",
    ),
    # Scoring refusals
    "fitness.no_table": (
        "{grade}年级{sex_label}没有“{indicator}”的评分表，无法评分。",
        "There is no “{indicator}” table for grade {grade} {sex_label_en}; it cannot be scored.",
    ),
    "fitness.table_incomplete": (
        "“{indicator}”评分表（{grade}年级{sex_label}）不完整，缺 {missing} 分档，成绩 {value} 无法评定；"
        "须以官方评分表补全后才能评分（见 docs/fitness.md）。",
        "The “{indicator}” table for grade {grade} {sex_label_en} is incomplete (levels {missing} are missing), "
        "so {value} cannot be scored until the table is completed from the official standard "
        "(see docs/fitness.md).",
    ),
    "fitness.bmi_incomplete": (
        "BMI {value} 落在{grade}年级{sex_label}评分表缺失的区间（超重/肥胖界值缺失），无法评分。",
        "BMI {value} falls where the grade {grade} {sex_label_en} table lacks its bounds (overweight/obese "
        "cut-offs missing); it cannot be scored.",
    ),
    "fitness.not_tested": (
        "未测“{indicator}”，无法计算总分。",
        "“{indicator}” was not tested, so there is no total.",
    ),
    "fitness.grade_unsupported": (
        "{grade}年级没有评分表（现有数据只包含 1–9 年级）。",
        "Grade {grade} has no tables (the data covers grades 1–9 only).",
    ),
}

for _code, (_zh, _en) in MESSAGES.items():
    register_messages(_code, _zh, _en)

_SEX = {"M": ("男生", "boys"), "F": ("女生", "girls")}


def describe(code: str, params: Mapping[str, object], lang: str = "zh-hans") -> str:
    """The message of a refusal or value problem, with indicator keys shown as names."""
    english = lang.lower().startswith("en")
    filled = dict(params)
    if "indicator" in filled:
        filled["indicator"] = indicator_name(str(filled["indicator"]), lang)
    sex = _SEX.get(str(filled.get("sex", "")), ("", ""))
    filled["sex_label"], filled["sex_label_en"] = sex
    missing = filled.get("missing")
    if isinstance(missing, list | tuple):
        levels = [str(m) for m in missing]
        if len(levels) > 3:  # "95–10" reads better than nineteen numbers
            levels = [f"{levels[0]}–{levels[-1]}"]
        filled["missing"] = (", " if english else "、").join(levels)
    return render(code, filled, lang)
