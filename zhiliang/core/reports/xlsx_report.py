"""`analysis_xlsx`: the analysis as an Excel workbook a 教导主任 can filter, sort and print.

Sheets: 说明 (exam, full marks, thresholds, how statuses count), 学校汇总, 班级汇总, 教师 (only with teaching
assignments), 分数段, 学生成绩 (scores, ranks, T), 临界生, 前N名, 分档上线, 学科贡献率. Formatting (frozen
header, filters, widths, A4 print set-up) comes from `zhiliang.core.xlsx_export`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import polars as pl

from zhiliang.core.analytics import TOTAL, ExamAnalysis
from zhiliang.core.reports.labels import (
    CHEATING_AS_ZERO,
    CHEATING_EXCLUDED,
    LEVEL_LABELS,
    LINE_KIND_LABELS,
    STATUS_LABELS,
    STATUS_RULES,
    fmt_number,
    fmt_percent,
    tier_label,
)
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes

PRIVACY_NOTE = (
    "内部资料：名次与分数仅供教师教学分析使用，不得公开张榜或向学生、家长公布排名（教育部 2021 年考试管理规定）。"
)
_UNIT_COLUMNS = (("grade", "年级"), ("school", "学校"), ("class", "班级"))
_STAT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("subject", "学科", "text"),
    ("full_marks", "满分", "number"),
    ("enrolled", "应考", "int"),
    ("sat", "实考", "int"),
    ("absent", "缺考", "int"),
    ("mean", "平均分", "number"),
    ("sd", "标准差", "number"),
    ("median", "中位数", "number"),
    ("max", "最高分", "number"),
    ("min", "最低分", "number"),
    ("score_rate", "得分率", "percent"),
    ("pass_rate", "及格率", "percent"),
    ("excellent_rate", "优秀率", "percent"),
    ("low_rate", "低分率", "percent"),
    ("over_mean_rate", "超均率", "percent"),
    ("composite", "三率一分", "number"),
    ("rank", "名次", "int"),
)


def _spec(header: str, kind: str = "text", decimals: int | None = None) -> ColumnSpec:
    return ColumnSpec(header, kind=kind, decimals=decimals)  # type: ignore[arg-type]


def analysis_xlsx(analysis: ExamAnalysis, *, title: str) -> bytes:
    """The workbook as bytes."""
    sheets = [
        _notes_sheet(analysis, title),
        _summary_sheet(analysis, "学校汇总", ("county", "school"), f"{title} 学校汇总"),
        _summary_sheet(analysis, "班级汇总", ("school", "class"), f"{title} 班级汇总"),
    ]
    if not analysis.teacher_comparison.is_empty():
        sheets.append(_teacher_sheet(analysis, title))
    sheets += [
        _bands_sheet(analysis, title),
        _students_sheet(analysis, title),
        _critical_sheet(analysis, title),
        _top_sheet(analysis, title),
        _cut_lines_sheet(analysis, title),
        _contribution_sheet(analysis, title),
    ]
    return workbook_bytes(sheets)


def _notes_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    config = analysis.config
    thresholds = config.thresholds
    students = analysis.students.filter(pl.col("subject") == TOTAL)
    rows: list[tuple[str, str]] = [
        ("考试", title),
        ("生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("年级", "、".join(students.get_column("grade").drop_nulls().unique(maintain_order=True).to_list())),
        ("学校数", str(students.get_column("school").n_unique())),
        ("班级数", str(students.select("school", "class").n_unique())),
        ("学生数", str(students.height)),
        ("学科与满分", "；".join(f"{s.name} {fmt_number(s.full_marks)}" for s in analysis.subjects)),
        ("及格线", f"得分 ≥ 满分 × {fmt_percent(thresholds.pass_ratio, 0)}"),
        ("优秀线", f"得分 ≥ 满分 × {fmt_percent(thresholds.excellent_ratio, 0)}"),
    ]
    if thresholds.good_ratio is not None:
        rows.append(("良好线", f"得分 ≥ 满分 × {fmt_percent(thresholds.good_ratio, 0)}"))
    rows.append(("低分线", f"得分 < 满分 × {fmt_percent(thresholds.low_ratio, 0)}"))
    cheating = CHEATING_AS_ZERO if config.cheating_as_zero else CHEATING_EXCLUDED
    rows += [(f"状态：{word}", rule.format(cheating=cheating)) for word, rule in STATUS_RULES]
    weights = config.weights
    rows += [
        ("总分", "各科成绩之和；任一科缺考、免考或未录时总分为不完整，不参加总分统计与排名"),
        ("比率", "及格率、优秀率、低分率 = 达线人数 ÷ 实考人数；得分率 = 平均分 ÷ 满分"),
        ("超均率", "（本单位平均分 − 上级平均分）÷ 上级平均分；学校与全县比，班级与本校比"),
        (
            "三率一分",
            f"{fmt_number(weights.mean)}×得分率 + {fmt_number(weights.pass_)}×及格率 + "
            f"{fmt_number(weights.excellent)}×优秀率 + {fmt_number(weights.low)}×（1 − 低分率）",
        ),
        ("名次", "按平均分或成绩从高到低的竞争排名（并列占位：1, 2, 2, 4）；学校在全县排名，班级在本校排名"),
        ("z 分与 T 分", "z =（成绩 − 全县平均分）÷ 全县标准差；T = 50 + 10z"),
        ("临界生", f"低于某条线、差距不超过满分 × {fmt_percent(config.critical_margin_ratio, 0)} 的学生"),
        ("分档上线", "按全县总分从高到低的人数比例划线（一档、二档……），各单位统计达线人数"),
        ("学科贡献率", "该科得分率高于上级的幅度减去总分得分率高于上级的幅度：正值说明该科拉高了总成绩"),
        ("说明", PRIVACY_NOTE),
    ]
    return SheetSpec(
        "说明",
        [ColumnSpec("项目", width=16), ColumnSpec("内容", width=90)],
        rows,
        title=f"{title} 质量分析",
    )


def _summary_sheet(analysis: ExamAnalysis, name: str, levels: Sequence[str], title: str) -> SheetSpec:
    frame = analysis.summary.filter(pl.col("level").is_in(levels))
    units = [(key, header) for key, header in _UNIT_COLUMNS if key != "class" or "class" in levels]
    columns = [_spec("层级"), *(_spec(header) for _, header in units)]
    columns += [_spec(header, kind) for _, header, kind in _STAT_COLUMNS]
    keys = [key for key, _ in units] + [key for key, _, _ in _STAT_COLUMNS]

    def rows() -> Iterator[tuple[object, ...]]:
        for level, *values in frame.select("level", *keys).iter_rows():
            if level == "county":
                values[1] = "全县"
            yield (LEVEL_LABELS.get(level, level), *values)

    notes = ["学校名次为在全县同年级中的名次，班级名次为在本校同年级中的名次。", PRIVACY_NOTE]
    return SheetSpec(name, columns, rows(), title=title, notes=notes)


def _teacher_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    fields = (
        ("teacher", "教师", "text"),
        ("grade", "年级", "text"),
        ("school", "学校", "text"),
        ("class", "班级", "text"),
        ("subject", "学科", "text"),
        ("sat", "实考", "int"),
        ("mean", "平均分", "number"),
        ("pass_rate", "及格率", "percent"),
        ("excellent_rate", "优秀率", "percent"),
        ("low_rate", "低分率", "percent"),
        ("composite", "三率一分", "number"),
        ("mean_diff_school", "与校均差", "number"),
        ("mean_diff_county", "与县均差", "number"),
        ("teacher_rank_school", "校内名次", "int"),
        ("teacher_rank_county", "县内名次", "int"),
    )
    frame = analysis.teacher_comparison.select(key for key, _, _ in fields)
    columns = [_spec(header, kind) for _, header, kind in fields]
    return SheetSpec("教师", columns, frame.iter_rows(), title=f"{title} 教师任教班级对比")


def _bands_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    """One row per unit and subject, one column per band (highest first), counts of students."""
    bands = analysis.bands.filter(pl.col("level").is_in(("county", "school", "class")))
    ratios = analysis.config.band_ratios
    count = len(ratios) - 1
    band_headers = [f"{fmt_percent(ratios[i], 0)}–{fmt_percent(ratios[i + 1], 0)}" for i in reversed(range(count))]
    wide = (
        bands.group_by(["level", "grade", "school", "class", "subject"], maintain_order=True)
        .agg(pl.col("full_marks").first(), pl.col("count").sort_by("band"))
        .with_columns(pl.col("count").list.sum().alias("sat"))
    )
    columns = [_spec("层级"), _spec("年级"), _spec("学校"), _spec("班级"), _spec("学科"), _spec("满分", "number")]
    columns += [_spec("实考", "int"), *(_spec(header, "int") for header in band_headers)]

    def rows() -> Iterator[tuple[object, ...]]:
        for level, grade, school, class_, subject, full, counts, sat in wide.iter_rows():
            school = "全县" if level == "county" else school
            yield (LEVEL_LABELS.get(level, level), grade, school, class_, subject, full, sat, *reversed(counts))

    notes = [
        "分数段按满分的比例划分，含下限不含上限，最高段含满分；如满分 120 时 90%–100% 即 108–120 分。",
    ]
    return SheetSpec("分数段", columns, rows(), title=f"{title} 分数段统计（人数）", notes=notes)


def _students_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    """One row per student: identity, then per subject (总分 first) score, ranks and T.

    A score cell holds the status word (缺考, 免考 …) when there is no score, so the sheet reads like the
    score sheet the school handed in. z is not a column of its own: T = 50 + 10z carries the same number
    (T to 0.1 is z to 0.01), and at county scale the sheet is most of the workbook's cells and writing time.
    """
    subjects = [TOTAL, *(spec.name for spec in analysis.subjects if spec.name != TOTAL)]
    parts = ("score", "rank_class", "rank_school", "rank_county", "t")
    headers = ("", "班名次", "校名次", "县名次", "T")
    kinds = ("number", "int", "int", "int", "number")
    decimals = (None, None, None, None, 1)
    wide = (
        analysis.students.with_columns(
            pl.col("status").replace_strict(STATUS_LABELS, default=pl.col("status")).alias("label")
        )
        .pivot(
            on="subject",
            index=["school", "class", "student_id", "name"],
            values=[*parts, "label"],
            aggregate_function="first",
        )
        .sort("school", "class", f"rank_class_{TOTAL}", "student_id", nulls_last=True, maintain_order=True)
    )
    columns = [_spec("学校"), _spec("班级"), _spec("学籍号"), _spec("姓名")]
    selected = ["school", "class", "student_id", "name"]
    for subject in subjects:
        selected.append(f"label_{subject}")
        for part, header, kind, places in zip(parts, headers, kinds, decimals, strict=True):
            columns.append(_spec(f"{subject}{header}", kind, places))
            selected.append(f"{part}_{subject}")
    return SheetSpec(
        "学生成绩",
        columns,
        _score_rows(wide.select(selected), len(subjects), len(parts)),
        title=f"{title} 学生成绩与名次",
        notes=[
            "名次为同年级内的竞争排名：班名次在本班、校名次在本校、县名次在全县；缺考等不参加排名。",
            "T = 50 + 10z，z =（成绩 − 全县平均分）÷ 全县标准差；需要 z 时 z =（T − 50）÷ 10。",
            PRIVACY_NOTE,
        ],
    )


def _score_rows(frame: pl.DataFrame, subjects: int, parts: int) -> Iterator[list[object]]:
    """Rows with each subject's status word dropped into its score cell where there is no score."""
    identity = 4
    block = parts + 1  # the status label, then the parts
    for row in frame.iter_rows():
        values: list[object] = list(row[:identity])
        for index in range(subjects):
            start = identity + index * block
            label, score = row[start], row[start + 1]
            values.append(score if score is not None else (label or None))
            values.extend(row[start + 2 : start + block])
        yield values


def _critical_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    frame = analysis.critical.with_columns(
        pl.col("line_kind").replace_strict(LINE_KIND_LABELS, default=pl.col("line_kind"))
    ).select("school", "class", "student_id", "name", "subject", "score", "line_kind", "line_score", "gap")
    columns = [
        _spec("学校"),
        _spec("班级"),
        _spec("学籍号"),
        _spec("姓名"),
        _spec("学科"),
        _spec("成绩", "number", 1),
        _spec("临界线"),
        _spec("线上分数", "number", 1),
        _spec("差距", "number", 1),
    ]
    margin = fmt_percent(analysis.config.critical_margin_ratio, 0)
    notes = [f"临界生：低于该线、差距不超过满分 × {margin} 的学生，供培优辅差参考。", PRIVACY_NOTE]
    return SheetSpec("临界生", columns, frame.iter_rows(), title=f"{title} 临界生名单", notes=notes)


def _top_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    frame = analysis.top.select("top_n", "rank_county", "grade", "school", "class", "student_id", "name", "score")
    columns = [
        _spec("名单"),
        _spec("县名次", "int"),
        _spec("年级"),
        _spec("学校"),
        _spec("班级"),
        _spec("学籍号"),
        _spec("姓名"),
        _spec("总分", "number", 1),
    ]
    rows = ((f"前{top_n}名", *rest) for top_n, *rest in frame.iter_rows())
    notes = ["并列在名单末位的学生全部列入，名单可能多于 N 人。", PRIVACY_NOTE]
    return SheetSpec("前N名", columns, rows, title=f"{title} 全县总分前N名", notes=notes)


def _cut_lines_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    frame = analysis.cut_lines.filter(pl.col("level").is_in(("county", "school", "class"))).select(
        "level", "grade", "school", "class", "line", "line_score", "target_share", "sat", "count_above",
        "share_above", "count_tier",
    )  # fmt: skip
    columns = [
        _spec("层级"),
        _spec("年级"),
        _spec("学校"),
        _spec("班级"),
        _spec("档次"),
        _spec("分数线", "number", 1),
        _spec("划线比例", "percent", 0),
        _spec("实考", "int"),
        _spec("上线人数", "int"),
        _spec("上线率", "percent"),
        _spec("本档人数", "int"),
    ]

    def rows() -> Iterator[tuple[object, ...]]:
        for level, grade, school, class_, line, *rest in frame.iter_rows():
            school = "全县" if level == "county" else school
            yield (LEVEL_LABELS.get(level, level), grade, school, class_, tier_label(line), *rest)

    notes = ["上线人数为累计人数（二档含一档）；本档人数只计本档。"]
    return SheetSpec("分档上线", columns, rows(), title=f"{title} 分档上线", notes=notes)


def _contribution_sheet(analysis: ExamAnalysis, title: str) -> SheetSpec:
    frame = analysis.contribution.filter(pl.col("level").is_in(("school", "class"))).select(
        "level", "grade", "school", "class", "subject", "score_rate", "parent_score_rate", "total_score_rate",
        "parent_total_score_rate", "contribution",
    )  # fmt: skip
    columns = [
        _spec("层级"),
        _spec("年级"),
        _spec("学校"),
        _spec("班级"),
        _spec("学科"),
        _spec("得分率", "percent"),
        _spec("上级得分率", "percent"),
        _spec("总分得分率", "percent"),
        _spec("上级总分得分率", "percent"),
        _spec("贡献率", "percent"),
    ]
    rows = ((LEVEL_LABELS.get(level, level), *rest) for level, *rest in frame.iter_rows())
    notes = [
        "贡献率 =（该科得分率 − 上级该科得分率）−（总分得分率 − 上级总分得分率）；学校与全县比，班级与本校比。",
        "正值：该科拉高了本单位的总成绩；负值：该科拖了后腿。",
    ]
    return SheetSpec("学科贡献率", columns, rows, title=f"{title} 学科贡献率", notes=notes)
