"""Messages of the balanced-development core in zh-Hans and English (the shared `Problem` catalogue)."""

from zhiliang.core.tabular import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "balance.no_rows": ("文件中没有学校（只有表头）。", "The file has no schools (only the header)."),
    "balance.bad_stage": (
        "学段“{value}”无法识别，应为“小学”或“初中”（一贯制、完全中学的高中部可写“高中”）。",
        "The stage “{value}” is not recognised; write 小学 or 初中 (高中 for the senior part of a "
        "complete secondary or twelve-year school).",
    ),
    "balance.bad_type": (
        "学校类型“{value}”无法识别，可填：{types:list}。",
        "The school type “{value}” is not recognised; accepted: {types:list}.",
    ),
    "balance.negative": ("{value} 不能为负数。", "{value} cannot be negative."),
    "balance.not_whole": ("{value} 应为整数。", "{value} should be a whole number."),
    "balance.duplicate_stage": (
        "学校“{school}”的{stage}出现了不止一次（第 {rows} 行）。",
        "The {stage} part of “{school}” appears more than once (rows {rows}).",
    ),
    "balance.stage_not_in_type": (
        "学校“{school}”是{school_type}，没有{stage}。",
        "“{school}” is a {school_type} and has no {stage} part.",
    ),
    "balance.types_differ": (
        "学校“{school}”各行的学校类型不一致（{types:list}）。",
        "The rows of “{school}” give different school types ({types:list}).",
    ),
    "balance.facilities_differ": (
        "学校“{school}”各行的“{label}”不一致（{values}）。一贯制学校的设施总量请在各行填同一个数，或只填在一行。",
        "The rows of “{school}” give different values of “{label}” ({values}). Give a multi-stage school's "
        "facility total on every row alike, or on one row only.",
    ),
    "balance.facility_missing": (
        "学校“{school}”没有填“{label}”。",
        "“{school}” has no value for “{label}”.",
    ),
    "balance.senior_only": (
        "学校“{school}”只有高中部，不在义务教育评估范围内。",
        "“{school}” has only a senior part, which is outside compulsory education.",
    ),
}

for _code, (_zh, _en) in MESSAGES.items():
    register_messages(_code, _zh, _en)
register_messages(
    "balance.unknown_school",
    "学校“{value}”不在你可以填报的学校中（请填写学校代码或全称）。",
    "The school “{value}” is not one you may enter figures for (give its code or full name).",
)
register_messages("balance.no_year", "找不到要导入的学年。", "The school year to import into was not found.")
