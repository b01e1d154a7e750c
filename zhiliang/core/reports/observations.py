"""Findings written from the numbers of one grade (主要发现): which subjects pass least, which spread widest,
which units lie furthest below the mean, how balanced the classes and schools are.

Every sentence is computed from the analysis; a finding is left out when its data are missing (one school
has no between-school spread, a class has no classes below it). Sentences are plain zh-Hans text.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from zhiliang.core.analytics import TOTAL, ExamAnalysis
from zhiliang.core.reports.labels import as_number, fmt_number, fmt_percent
from zhiliang.core.reports.scope import ReportScope

# How many units a finding names at most ("…最多的 3 个班").
NAMED = 3
# A subject's low-score rate from which it is called out.
HIGH_LOW_RATE = 0.2
# A standard deviation of this share of full marks or more is called a wide spread (两极分化). For a normal
# distribution centred at 65 % it puts about 11 % of students below 40 % and 11 % above 90 % of full marks.
WIDE_SPREAD = 0.2


@dataclass(frozen=True)
class Context:
    """The rows of one grade a report is about: the unit, its parent, and the units inside it."""

    scope: ReportScope
    grade: str | None
    unit: pl.DataFrame  # summary rows of the scope's own unit, one per subject
    parent: pl.DataFrame | None  # summary rows the unit is compared with (county for a school, …)
    county: pl.DataFrame
    children: pl.DataFrame  # summary rows of the units inside (schools, classes); empty for a class
    child_label: str  # "学校" / "班级"


def _grade_filter(frame: pl.DataFrame, grade: str | None) -> pl.DataFrame:
    return frame.filter(pl.col("grade").is_null() if grade is None else pl.col("grade") == grade)


def context(analysis: ExamAnalysis, scope: ReportScope, grade: str | None) -> Context:
    summary = _grade_filter(analysis.summary, grade)
    level = pl.col("level")
    county = summary.filter(level == "county")
    if scope.level == "county":
        return Context(scope, grade, county, None, county, summary.filter(level == "school"), "学校")
    school_rows = summary.filter((level == "school") & (pl.col("school") == scope.school))
    classes = summary.filter((level == "class") & (pl.col("school") == scope.school))
    if scope.level == "school":
        return Context(scope, grade, school_rows, county, county, classes, "班级")
    own = classes.filter(pl.col("class") == scope.class_name)
    return Context(scope, grade, own, school_rows, county, classes.clear(), "")


def _subject_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter((pl.col("subject") != TOTAL) & (pl.col("sat") > 0))


def _total(frame: pl.DataFrame) -> dict[str, object] | None:
    rows = frame.filter(pl.col("subject") == TOTAL)
    return rows.row(0, named=True) if rows.height else None


def _names(frame: pl.DataFrame, column: str) -> str:
    return "、".join(str(value) for value in frame.get_column(column).to_list())


def observations(analysis: ExamAnalysis, scope: ReportScope, grade: str | None) -> list[str]:
    """The findings for one grade of the report, most general first."""
    ctx = context(analysis, scope, grade)
    found: list[str] = []
    for finding in (_overall, _pass_rates, _spread, _low_rates, _below_mean, _balance, _attendance):
        found.extend(finding(ctx, analysis))
    return found


def _unit_name(ctx: Context) -> str:
    return {"county": "全县", "school": "本校", "class": "本班"}[ctx.scope.level]


def _overall(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    total = _total(ctx.unit)
    if total is None or not total["sat"]:
        return []
    text = (
        f"{_unit_name(ctx)}有 {total['enrolled']} 名学生应考，{total['sat']} 名学生各科成绩齐全；"
        f"总分平均 {fmt_number(total['mean'])} 分（满分 {fmt_number(total['full_marks'])}，"
        f"得分率 {fmt_percent(total['score_rate'])}），全科及格率 {fmt_percent(total['all_pass_rate'])}。"
    )
    if ctx.parent is not None:
        parent_total = _total(ctx.parent)
        over = as_number(total["over_mean_rate"])
        if parent_total is not None and over is not None:
            parent_name = "全县" if ctx.scope.level == "school" else "本校"
            relation = "高于" if over >= 0 else "低于"
            text += (
                f"总分平均分{relation}{parent_name}（{fmt_number(parent_total['mean'])} 分）"
                f"{fmt_percent(abs(over))}（超均率）。"
            )
    return [text]


def _pass_rates(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    subjects = _subject_rows(ctx.unit).filter(pl.col("pass_rate").is_not_null())
    if subjects.height < 2:
        return []
    ordered = subjects.sort("pass_rate")
    lowest, highest = ordered.row(0, named=True), ordered.row(-1, named=True)
    return [
        f"及格率最低的学科是{lowest['subject']}（{fmt_percent(lowest['pass_rate'])}），"
        f"最高的是{highest['subject']}（{fmt_percent(highest['pass_rate'])}）；"
        f"优秀率最高的是{ordered.sort('excellent_rate').row(-1, named=True)['subject']}"
        f"（{fmt_percent(ordered.sort('excellent_rate').row(-1, named=True)['excellent_rate'])}）。"
    ]


def _spread(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    """Subjects whose scores spread widest, measured as SD / full marks so that papers compare."""
    subjects = (
        _subject_rows(ctx.unit)
        .filter(pl.col("sd").is_not_null() & (pl.col("sat") >= 2))
        .with_columns((pl.col("sd") / pl.col("full_marks")).alias("relative_sd"))
        .sort("relative_sd", descending=True)
    )
    if subjects.height < 2:
        return []
    widest = subjects.row(0, named=True)
    narrowest = subjects.row(-1, named=True)
    concern = "，两极分化明显，需要关注" if widest["relative_sd"] >= WIDE_SPREAD else ""
    return [
        f"成绩分散程度最大的是{widest['subject']}：标准差 {fmt_number(widest['sd'])} 分，"
        f"相当于满分的 {fmt_percent(widest['relative_sd'])}{concern}；"
        f"最集中的是{narrowest['subject']}（标准差为满分的 {fmt_percent(narrowest['relative_sd'])}）。"
    ]


def _low_rates(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    high = _subject_rows(ctx.unit).filter(pl.col("low_rate") >= HIGH_LOW_RATE).sort("low_rate", descending=True)
    if high.is_empty():
        return []
    listed = "、".join(f"{row['subject']}（{fmt_percent(row['low_rate'])}）" for row in high.iter_rows(named=True))
    line = fmt_percent(analysis.config.thresholds.low_ratio, 0)
    return [f"低分率（低于满分 {line}）达到 {fmt_percent(HIGH_LOW_RATE, 0)} 以上的学科：{listed}，需要重点辅差。"]


def _below_mean(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    """The units inside the scope furthest below the grade's county mean on 总分, in points and county SDs."""
    county_total = _total(ctx.county)
    children = ctx.children.filter((pl.col("subject") == TOTAL) & pl.col("mean").is_not_null())
    if county_total is None or children.height < 2:
        return []
    mean, sd = as_number(county_total["mean"]), as_number(county_total["sd"])
    if mean is None:
        return []
    lowest = children.with_columns((pl.col("mean") - mean).alias("gap")).sort("gap").head(NAMED)
    lowest = lowest.filter(pl.col("gap") < 0)
    if lowest.is_empty():
        return []
    label = "school" if ctx.child_label == "学校" else "class"
    parts = []
    for row in lowest.iter_rows(named=True):
        gap = float(row["gap"])
        in_sd = f"，{gap / sd:.2f} 个标准差" if sd else ""
        parts.append(f"{row[label]}（{fmt_number(row['mean'])} 分，{gap:+.1f} 分{in_sd}）")
    below = children.filter(pl.col("mean") < mean).height
    return [
        f"{children.height} 个{ctx.child_label}中有 {below} 个总分平均分低于全县平均（{fmt_number(mean)} 分）；"
        f"差距最大的是 {'、'.join(parts)}。"
    ]


def _balance(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    """Coefficient of variation of unit means: schools in the county, classes in each school."""
    balance = _grade_filter(analysis.balance, ctx.grade).filter(pl.col("subject") == TOTAL)
    found: list[str] = []
    if ctx.scope.level == "county":
        county = balance.filter((pl.col("level") == "county") & pl.col("cv").is_not_null())
        if county.height:
            row = county.row(0, named=True)
            found.append(
                f"全县 {row['units']} 所学校总分平均分的差异系数（CV）为 {fmt_number(row['cv'], 3)}，"
                f"最高与最低学校相差 {fmt_number(row['range'])} 分。"
            )
        schools = balance.filter((pl.col("level") == "school") & pl.col("cv").is_not_null())
        if schools.height:
            worst = schools.sort("cv", descending=True).row(0, named=True)
            median_cv = schools.get_column("cv").median()
            found.append(
                f"校内各班总分平均分的差异系数中位数为 {fmt_number(median_cv, 3)}；"
                f"班级差异最大的是{worst['school']}（CV = {fmt_number(worst['cv'], 3)}，"
                f"最高班与最低班相差 {fmt_number(worst['range'])} 分）。"
            )
        return found
    school = balance.filter(
        (pl.col("level") == "school") & (pl.col("school") == ctx.scope.school) & pl.col("cv").is_not_null()
    )
    if school.height:
        row = school.row(0, named=True)
        found.append(
            f"本校 {row['units']} 个班总分平均分的差异系数（CV）为 {fmt_number(row['cv'], 3)}，"
            f"最高班（{fmt_number(row['max_mean'])} 分）与最低班（{fmt_number(row['min_mean'])} 分）"
            f"相差 {fmt_number(row['range'])} 分。"
        )
    return found


def _attendance(ctx: Context, analysis: ExamAnalysis) -> list[str]:
    subjects = ctx.unit.filter(pl.col("subject") != TOTAL)
    if subjects.is_empty():
        return []
    absent = int(subjects.get_column("absent").sum())
    missing = int(subjects.get_column("missing").sum())
    enrolled = int(subjects.get_column("enrolled").sum())
    found = []
    if absent:
        share = absent / enrolled if enrolled else 0.0
        found.append(f"缺考 {absent} 人次，占应考人次的 {fmt_percent(share)}；缺考学生没有总分，不参加总分排名。")
    if missing:
        found.append(f"有 {missing} 个成绩未录入（空白），未计入任何统计，请核对后补录。")
    return found
