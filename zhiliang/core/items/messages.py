"""Problems of item-score files in zh-Hans and English (registered in the shared `zhiliang.core.tabular`
catalogue, so the web import and the CLI name file, sheet, row and column the same way)."""

from zhiliang.core.tabular import register_messages

NO_ID_COLUMN = "items.no_id_column"
NO_ITEM_COLUMNS = "items.no_item_columns"
NO_MAX = "items.no_max"
BAD_MAX = "items.bad_max"
MAX_DIFFERS = "items.max_differs"
NO_KEY = "items.no_key"
ABOVE_MAX = "items.above_max"
NEGATIVE = "items.negative"
NOT_POINTS = "items.not_points"
DUPLICATE_STUDENT = "items.duplicate_student"
NO_STUDENTS = "items.no_students"
UNKNOWN_ITEM = "items.unknown_item"
MISSING_ITEM = "items.missing_item"
DUPLICATE_ITEM = "items.duplicate_item"
MAX_FOR_UNKNOWN = "items.max_for_unknown_item"

MESSAGES: dict[str, tuple[str, str]] = {
    NO_ID_COLUMN: (
        "找不到学生标识列：需要“学籍号”或“学号”列。",
        "No student column: the file needs a 学籍号 or 学号 column.",
    ),
    NO_ITEM_COLUMNS: ("表中没有小题列（学籍号、学校、班级之后每题一列）。", "The file has no item columns."),
    NO_MAX: (
        "小题“{item}”没有满分：请在表头下一行写“满分”行，或用 --max {item}=分值 指定。",
        "Item “{item}” has no max points: add a 满分 row under the header or give --max {item}=points.",
    ),
    BAD_MAX: ("小题“{item}”的满分“{value}”不是正数。", "The max points “{value}” of item “{item}” are not positive."),
    MAX_DIFFERS: (
        "小题“{item}”在表中的满分 {value} 与试卷设定的 {expected} 不一致。",
        "Item “{item}”: max points {value} in the file, {expected} in the paper.",
    ),
    NO_KEY: (
        "小题“{item}”填的是选项“{value}”，但没有标准答案：请加“答案”行或在试卷中设定答案。",
        "Item “{item}” holds the option “{value}” but has no key: add an 答案 row or set the key on the paper.",
    ),
    ABOVE_MAX: (
        "得分 {value} 超过了小题“{item}”的满分 {max}。",
        "{value} points are above the max {max} of item “{item}”.",
    ),
    NEGATIVE: ("得分 {value} 不能为负数。", "The points {value} cannot be negative."),
    NOT_POINTS: (
        "“{value}”既不是分数也不是选项字母。",
        "“{value}” is neither points nor an option letter.",
    ),
    DUPLICATE_STUDENT: (
        "学生“{value}”在表中出现了两次（另一次在第 {first_row} 行）。",
        "Student “{value}” appears twice (also on row {first_row}).",
    ),
    NO_STUDENTS: ("表中没有学生的小题分（只有表头）。", "The file has no students (only the header)."),
    UNKNOWN_ITEM: (
        "列“{item}”不是试卷中的小题。试卷的小题有：{items:list}。",
        "Column “{item}” is not an item of the paper. The paper's items are: {items:list}.",
    ),
    MISSING_ITEM: ("表中缺少小题“{item}”的列。", "The file has no column for item “{item}”."),
    DUPLICATE_ITEM: ("小题“{item}”出现了两列（{letters}）。", "Item “{item}” has two columns ({letters})."),
    MAX_FOR_UNKNOWN: (
        "--max 指定了小题“{item}”，但表中没有这一列。",
        "--max names item “{item}” but the file has no such column.",
    ),
}

for _code, (_zh, _en) in MESSAGES.items():
    register_messages(_code, _zh, _en)
