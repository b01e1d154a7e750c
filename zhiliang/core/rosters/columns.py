"""The columns of each roster: header label, the other labels accepted for it, whether it is required, how
its cells are read, the note printed in the template and the template's example value.

Synonyms are chosen with care: 学号 is a pupil's number within the class (座号), never the national student
number (学籍号); 学生编号 and 个人标识码 are other systems' identifiers and are not accepted for 学籍号;
班次 is a rank in marking-system exports, never a class.
"""

from collections.abc import Callable
from dataclasses import dataclass

from zhiliang.core.rosters import values
from zhiliang.core.tabular import CellValue

Parser = Callable[[CellValue], object]

SCHOOL_KINDS = {
    "小学": "primary", "完全小学": "primary", "中心小学": "primary",
    "初中": "junior", "初级中学": "junior",
    "九年一贯制": "nine_year", "九年一贯制学校": "nine_year", "九年制": "nine_year",
    "完全中学": "complete_secondary", "完中": "complete_secondary",
    "高级中学": "senior", "高中": "senior",
    "十二年一贯制": "twelve_year", "十二年一贯制学校": "twelve_year",
    "教学点": "teaching_point",
}  # fmt: skip

LOCATIONS = {
    "城区": "城区", "城市": "城区", "城镇": "城区",
    "镇区": "镇区", "镇": "镇区", "县镇": "镇区",
    "乡村": "乡村", "农村": "乡村", "乡": "乡村",
}  # fmt: skip

EDUCATION = {
    "博士研究生": "doctorate", "博士": "doctorate",
    "硕士研究生": "master", "硕士": "master", "研究生": "master",
    "本科": "bachelor", "大学本科": "bachelor", "大学": "bachelor",
    "专科": "junior_college", "大专": "junior_college", "大学专科": "junior_college",
    "中专": "secondary", "中师": "secondary", "高中": "secondary", "中专/高中": "secondary",
    "其他": "other", "初中及以下": "other",
}  # fmt: skip

# Titles since the 2015 reform of primary and secondary teachers' titles (人社部发〔2015〕79号《关于深化中小学
# 教师职称制度改革的指导意见》): 正高级, 高级, 一级, 二级, 三级教师. Titles of the old system convert as that
# document says: 中学高级 → 高级; 中学一级 and 小学高级 → 一级; 中学二级 and 小学一级 → 二级; 中学三级,
# 小学二级 and 小学三级 → 三级.
TITLES = {
    "正高级教师": "professor", "正高级": "professor", "正高": "professor",
    "高级教师": "senior", "高级": "senior", "中学高级": "senior", "中学高级教师": "senior", "副高": "senior",
    "一级教师": "first", "一级": "first", "中学一级": "first", "中学一级教师": "first",
    "小学高级": "first", "小学高级教师": "first",
    "二级教师": "second", "二级": "second", "中学二级": "second", "中学二级教师": "second",
    "小学一级": "second", "小学一级教师": "second",
    "三级教师": "third", "三级": "third", "中学三级": "third", "中学三级教师": "third",
    "小学二级": "third", "小学二级教师": "third", "小学三级": "third", "小学三级教师": "third",
    "未定级": "none", "无": "none", "未评": "none", "见习": "none", "试用期": "none",
}  # fmt: skip

BACKBONE_LEVELS = {
    "无": "", "否": "", "不是": "",
    "县级骨干": "county", "县级": "county", "县骨干": "county", "区级骨干": "county", "区级": "county",
    "市级骨干": "city", "市级": "city", "市骨干": "city",
    "省级骨干": "province", "省级": "province", "省骨干": "province",
}  # fmt: skip

GROWTH_STAGES = {
    "达标教师": "qualified", "达标": "qualified", "合格教师": "qualified", "新教师": "qualified",
    "骨干教师": "backbone", "骨干": "backbone",
    "学科带头人": "leader", "带头人": "leader",
    "教学名师": "master", "名师": "master",
    "专家型教师": "expert", "专家型": "expert", "专家": "expert",
}  # fmt: skip


def _choice(options: dict[str, str]) -> Parser:
    def parse(value: CellValue) -> object:
        return values.choice(value, options, "roster.bad_choice")

    return parse


def _raw(value: CellValue) -> object:
    """Kept as read: checked later together with other columns (class with grade, ID number)."""
    return value


def _seat(value: CellValue) -> object:
    raw = values.text(value)
    if raw is None:
        return None
    number = values.chinese_number(raw.removesuffix("号"))
    if number is None or not 1 <= number <= 999:
        raise values.FieldError("roster.bad_choice", value=raw, accepted=["1", "2", "3", "…"])
    return number


@dataclass(frozen=True)
class RosterColumn:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Parser = values.text
    note: str = ""
    example: str = ""

    @property
    def labels(self) -> list[str]:
        return [self.label, *self.synonyms]


@dataclass(frozen=True)
class RosterSpec:
    kind: str
    title: str  # the name of the roster, e.g. 学生名册
    columns: tuple[RosterColumn, ...]
    example_key: tuple[str, str]  # (column key, example value): a row with it is the template's example row
    notes: tuple[str, ...] = ()

    def column(self, key: str) -> RosterColumn:
        return next(column for column in self.columns if column.key == key)

    @property
    def known_headers(self) -> list[str]:
        return [label for column in self.columns for label in column.labels]


def _school(note: str = "") -> RosterColumn:
    return RosterColumn(
        "school",
        "学校",
        ("学校名称", "所在学校", "就读学校", "任职学校", "校名", "学校代码"),
        required=True,
        parse=values.lookup_text,
        note=note or "学校名称、简称或学校代码均可。上传时选择了学校的，本列可以不填或删除。",
        example="第一初级中学",
    )


def _grade() -> RosterColumn:
    return RosterColumn(
        "grade",
        "年级",
        ("所在年级", "年级名称"),
        parse=values.grade,
        note="如“七年级”“7”“初一”。班级一列写了年级的（如“七年级(3)班”），本列可以不填。",
        example="七年级",
    )


SCHOOLS = RosterSpec(
    kind="schools",
    title="学校名册",
    example_key=("code", "SAMPLE01"),
    columns=(
        RosterColumn(
            "code",
            "学校代码",
            ("代码", "学校编码", "学校标识码", "学校识别码"),
            required=True,
            parse=lambda value: values.identifier(value, max_length=20),
            note="本县唯一的学校代码（如教育统计中的学校标识码）。已有的代码更新该校信息，新代码新增学校。",
            example="SAMPLE01",
        ),
        RosterColumn(
            "name",
            "学校名称",
            ("学校", "校名", "名称"),
            required=True,
            parse=values.text,
            note="学校全称，本县内不能重复。",
            example="示例县第一初级中学",
        ),
        RosterColumn(
            "short_name", "简称", ("学校简称",), parse=values.text, note="页面上显示的简称，可不填。", example="一中"
        ),
        RosterColumn(
            "kind",
            "办学类型",
            ("学校类型", "类型", "学段"),
            required=True,
            parse=_choice(SCHOOL_KINDS),
            note="小学、初级中学、九年一贯制、完全中学、高级中学、十二年一贯制或教学点。",
            example="初级中学",
        ),
        RosterColumn(
            "group",
            "所属集团/学区",
            ("所属集团", "所属学区", "教育集团", "集团", "学区"),
            parse=values.text,
            note="学校所属的教育集团或学区，可不填。名称不存在时自动新建。",
            example="城关教育集团",
        ),
        RosterColumn(
            "central",
            "中心校",
            ("所属中心校", "上级中心校"),
            parse=values.lookup_text,
            note="教学点所属中心校的名称或代码；被填为中心校的学校自动标记为中心校。",
            example="",
        ),
        RosterColumn(
            "location",
            "城乡类型",
            ("城乡", "城乡分类", "城乡属性", "所在地类型"),
            parse=_choice(LOCATIONS),
            note="城区、镇区或乡村。",
            example="城区",
        ),
    ),
)

TEACHERS = RosterSpec(
    kind="teachers",
    title="教师名册",
    example_key=("staff_number", "SAMPLE001"),
    columns=(
        RosterColumn(
            "staff_number",
            "工号",
            ("教师工号", "职工号", "教职工号", "教师编号"),
            required=True,
            parse=values.identifier,
            note="本县唯一的教师工号。已有的工号更新该教师信息，新工号新增教师。",
            example="SAMPLE001",
        ),
        RosterColumn("name", "姓名", ("教师姓名", "名字"), required=True, parse=values.person_name, example="王明"),
        RosterColumn("sex", "性别", (), required=True, parse=values.sex, note="男或女。", example="男"),
        RosterColumn(
            "birth_date",
            "出生日期",
            ("出生年月", "生日", "出生年月日"),
            parse=values.date_or_month,
            note="如 1985-03-12；只有年月（如 1985.03）也可以。",
            example="1985-03-12",
        ),
        RosterColumn(
            "education",
            "学历",
            ("最高学历", "学历层次"),
            parse=_choice(EDUCATION),
            note="博士研究生、硕士研究生、本科、专科、中专/高中或其他。",
            example="本科",
        ),
        RosterColumn(
            "title",
            "职称",
            ("专业技术职务", "专业技术职称", "职称等级"),
            parse=_choice(TITLES),
            note="正高级教师、高级教师、一级教师、二级教师、三级教师或未定级；旧职称（如小学高级）按人社部发〔2015〕79号折算。",
            example="一级教师",
        ),
        RosterColumn(
            "backbone_level",
            "骨干级别",
            ("骨干教师级别", "骨干教师"),
            parse=_choice(BACKBONE_LEVELS),
            note="无、县级骨干、市级骨干或省级骨干。",
            example="县级骨干",
        ),
        RosterColumn(
            "growth_stage",
            "发展阶段",
            ("专业发展阶段", "成长阶段"),
            parse=_choice(GROWTH_STAGES),
            note="达标教师、骨干教师、学科带头人、教学名师或专家型教师。",
            example="骨干教师",
        ),
        RosterColumn(
            "pe_arts",
            "体育艺术专职",
            ("体艺专职", "是否体育艺术专职", "是否体艺专职"),
            parse=values.yes_no,
            note="专职体育、音乐、美术教师填“是”，否则填“否”。",
            example="否",
        ),
        RosterColumn(
            "subjects",
            "任教学科",
            ("学科", "任教科目", "所教学科"),
            parse=values.subject_names,
            note="可以填多个，用顿号分隔，如“语文、道德与法治”。",
            example="数学",
        ),
        _school(),
    ),
)

CLASSES = RosterSpec(
    kind="classes",
    title="班级名册",
    example_key=("head_teacher", "SAMPLE001"),
    notes=("班级属于当前学年；下一学年的班级由“升级”自动生成。",),
    columns=(
        _school(),
        _grade(),
        RosterColumn(
            "class",
            "班号",
            ("班", "班级", "班别"),
            required=True,
            parse=_raw,
            note="班级序号，如“3”或“3班”，也可以写“七年级(3)班”。",
            example="3",
        ),
        RosterColumn(
            "name",
            "班级名称",
            ("班名",),
            parse=values.text,
            note="可不填，默认为“七年级(3)班”这样的名称。",
            example="七年级(3)班",
        ),
        RosterColumn(
            "head_teacher",
            "班主任工号",
            ("班主任编号", "班主任教师工号"),
            parse=values.identifier,
            note="班主任的工号（先导入教师名册），可不填。",
            example="SAMPLE001",
        ),
    ),
)

STUDENTS = RosterSpec(
    kind="students",
    title="学生名册",
    example_key=("student_number", "G123456789012345678"),
    notes=(
        "导入只新增和修改学生，不会删除；学生离校请在学生页面办理转出、休学或辍学。",
        "学生已在本县其他学校就读的，请先由原学校办理转出。",
    ),
    columns=(
        RosterColumn(
            "student_number",
            "学籍号",
            ("全国学籍号", "学籍编号", "全国学籍编号", "国家学籍号", "学生学籍号", "学籍号码"),
            required=True,
            parse=lambda value: values.identifier(value, upper=True),
            note="全国中小学生学籍号（通常为 G 加身份证号）。请把本列设为文本格式。注意：“学号”是班内学号，不是学籍号。",
            example="G123456789012345678",
        ),
        RosterColumn("name", "姓名", ("学生姓名", "名字"), required=True, parse=values.person_name, example="张小明"),
        RosterColumn(
            "sex",
            "性别",
            (),
            parse=values.sex,
            note="男或女；填写了身份证号的，可不填（从身份证号读取），填了则必须一致。",
            example="男",
        ),
        RosterColumn(
            "birth_date",
            "出生日期",
            ("出生年月", "生日", "出生年月日"),
            parse=values.date,
            note="如 2013-05-01、2013/5/1 或 2013年5月1日；填写了身份证号的可不填，填了则必须一致。",
            example="2013-05-01",
        ),
        RosterColumn(
            "id_number",
            "身份证号",
            ("身份证号码", "证件号码", "证件号", "公民身份号码", "身份证件号", "身份证件号码", "身份证"),
            parse=_raw,
            note="18 位身份证号码，可不填。请把本列设为文本格式，否则 Excel 会丢掉后几位。号码加密保存，页面上只显示前 4 位和后 4 位。",
            example="",
        ),
        _school(),
        _grade(),
        RosterColumn(
            "class",
            "班级",
            ("班号", "班", "班别", "所在班级", "班级名称"),
            required=True,
            parse=_raw,
            note="班号（如“3”或“3班”）或“七年级(3)班”；班级须已存在（先导入班级名册）。",
            example="3",
        ),
        RosterColumn(
            "entry_date",
            "入学日期",
            ("入学时间", "入学年月", "入校日期"),
            parse=values.date_or_month,
            note="如 2025-09-01，可不填。",
            example="2025-09-01",
        ),
        RosterColumn(
            "seat_number",
            "学号",
            ("班内学号", "座号"),
            parse=_seat,
            note="班内学号（座号），可不填。",
            example="1",
        ),
    ),
)

ASSIGNMENTS = RosterSpec(
    kind="assignments",
    title="任课安排",
    example_key=("teacher", "SAMPLE001"),
    columns=(
        _school(),
        _grade(),
        RosterColumn(
            "class",
            "班号",
            ("班", "班级", "班别"),
            required=True,
            parse=_raw,
            note="如“3”或“七年级(3)班”。",
            example="3",
        ),
        RosterColumn(
            "subject",
            "学科",
            ("科目", "任教学科", "课程"),
            required=True,
            parse=values.lookup_text,
            note="如“语文”“道德与法治”（常见简称如“道法”也可以）。",
            example="数学",
        ),
        RosterColumn(
            "teacher",
            "教师工号",
            ("工号", "任课教师工号"),
            required=True,
            parse=values.identifier,
            note="任课教师的工号（先导入教师名册）。",
            example="SAMPLE001",
        ),
        RosterColumn(
            "term",
            "学期",
            ("学年学期",),
            parse=values.term,
            note="“第一学期”或“第二学期”，可在前面写学年，如“2025-2026学年第一学期”；不填为当前学期。",
            example="第一学期",
        ),
    ),
)

ROSTERS: dict[str, RosterSpec] = {spec.kind: spec for spec in (SCHOOLS, TEACHERS, CLASSES, STUDENTS, ASSIGNMENTS)}
