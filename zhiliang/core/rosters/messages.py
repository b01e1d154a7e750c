"""Problem codes of roster imports (schools, teachers, classes, students, teaching assignments), with their
messages in zh-Hans and English. Parameters in braces come from `Problem.params`."""

from zhiliang.core.tabular import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    # Cells
    "roster.too_long": ("内容太长，最多 {limit} 个字。", "Too long: at most {limit} characters."),
    "roster.number_lost_digits": (
        "“{value}”被 Excel 存成了数字，后面几位已经丢失。请把这一列设为“文本”格式后重新填写。",
        "“{value}” was stored by Excel as a number and its last digits are lost. Format the column as Text "
        "and type the values again.",
    ),
    "roster.bad_identifier": (
        "“{value}”不是有效的编号：只能包含字母、数字、“-”和“_”。",
        "“{value}” is not a valid number: use only letters, digits, “-” and “_”.",
    ),
    "roster.bad_sex": ("性别“{value}”无法识别，请填写“男”或“女”。", "Sex “{value}” is not recognised; write 男 or 女."),
    "roster.bad_date": (
        "“{value}”不是有效日期。请写成 2013-05-01、2013/5/1 或 2013年5月1日。",
        "“{value}” is not a valid date. Write it like 2013-05-01, 2013/5/1 or 2013年5月1日.",
    ),
    "roster.bad_grade": (
        "年级“{value}”无法识别，请填写如“七年级”“7”或“初一”。",
        "Grade “{value}” is not recognised; write it like 七年级, 7 or 初一.",
    ),
    "roster.bad_class": (
        "班级“{value}”无法识别，请填写班号（如“3”或“3班”），或“七年级(3)班”。",
        "Class “{value}” is not recognised; write the class number (3 or 3班) or 七年级(3)班.",
    ),
    "roster.bad_yes_no": ("“{value}”无法识别，请填写“是”或“否”。", "“{value}” is not recognised; write 是 or 否."),
    "roster.bad_term": (
        "学期“{value}”无法识别，请填写“第一学期”或“第二学期”（可在前面写学年，如“2025-2026学年第一学期”）。",
        "Term “{value}” is not recognised; write 第一学期 or 第二学期, optionally after the school year "
        "(2025-2026学年第一学期).",
    ),
    "roster.bad_choice": (
        "“{value}”不是可选的值。可以填写：{accepted:list}。",
        "“{value}” is not one of: {accepted:list}.",
    ),
    # Rows and files
    "roster.no_rows": ("文件中没有数据行（只有表头）。", "The file has no data rows (only the header)."),
    "roster.example_row": (
        "这是模板中的示例行，请删除后再导入。",
        "This is the template's example row; delete it before importing.",
    ),
    "roster.duplicate_in_file": (
        "{what}“{value}”在文件中出现了不止一次（第 {rows} 行）。",
        "{what_en} “{value}” appears more than once in the file (rows {rows}).",
    ),
    "roster.grade_class_mismatch": (
        "班级“{value}”中的年级与“年级”列（{grade}）不一致。",
        "The grade in the class “{value}” differs from the grade column ({grade}).",
    ),
    "roster.grade_missing": (
        "缺少年级：请填写“年级”列，或在班级中写明年级（如“七年级(3)班”）。",
        "The grade is missing: fill in the grade column or write the class with its grade (七年级(3)班).",
    ),
    # Students
    "roster.sex_differs_from_id": (
        "性别“{sex}”与身份证号码（{id_sex}）不一致。",
        "The sex “{sex}” does not match the ID number ({id_sex}).",
    ),
    "roster.birth_differs_from_id": (
        "出生日期 {birth_date} 与身份证号码中的出生日期 {id_birth_date} 不一致。",
        "The birth date {birth_date} does not match the birth date in the ID number ({id_birth_date}).",
    ),
    "roster.birth_in_future": ("出生日期 {birth_date} 晚于今天。", "The birth date {birth_date} is later than today."),
    "roster.birth_too_early": ("出生日期 {birth_date} 不合理。", "The birth date {birth_date} is not plausible."),
    "roster.age_grade_mismatch": (
        "按出生日期 {birth_date}，学年开始时为 {age} 岁，与{grade_name}不符（{grade_name}学生应在 {low}–{high} 岁之间）。",
        "Born on {birth_date}, the student is {age} at the start of the school year, which does not fit "
        "{grade_name} (students of that grade are {low}–{high}).",
    ),
    "roster.entry_before_birth": (
        "入学日期 {entry_date} 早于出生日期后三年。",
        "The entry date {entry_date} is less than three years after the birth date.",
    ),
    "roster.entry_in_future": (
        "入学日期 {entry_date} 晚于一年以后。",
        "The entry date {entry_date} is more than a year from now.",
    ),
    "roster.sex_required": (
        "请填写性别，或填写身份证号码（性别从中读取）。",
        "Fill in the sex, or the ID number (the sex is read from it).",
    ),
    # Teachers
    "roster.teacher_age": (
        "出生日期 {birth_date} 不合理：教师年龄应在 18 到 70 岁之间。",
        "The birth date {birth_date} is not plausible: a teacher is between 18 and 70 years old.",
    ),
    # Against the database
    "roster.unknown_school": (
        "找不到学校“{value}”。请填写本县学校的名称或学校代码。",
        "There is no school “{value}”. Write the name or code of a school of the county.",
    ),
    "roster.school_required": (
        "请填写学校，或在上传时选择学校。",
        "Fill in the school, or choose the school when uploading.",
    ),
    "roster.school_not_managed": (
        "您没有管理“{school}”的权限，不能导入该校的名册。",
        "You do not manage “{school}” and cannot import its roster.",
    ),
    "roster.school_mismatch": (
        "学校“{value}”与上传时选择的学校“{school}”不一致。",
        "The school “{value}” differs from the school chosen when uploading (“{school}”).",
    ),
    "roster.grade_not_served": (
        "“{school}”不开设{grade_name}。",
        "“{school}” does not teach {grade_name}.",
    ),
    "roster.unknown_class": (
        "{school}本学年没有{grade_name}({number})班。请先导入班级名册，或核对年级和班号。",
        "{school} has no class {grade_name}({number}) this school year. Import the classes first, or check the "
        "grade and class number.",
    ),
    "roster.no_current_year": (
        "本县还没有设置当前学年，请联系教育局管理员。",
        "No current school year is set for the county; ask the bureau administrator.",
    ),
    "roster.student_in_other_school": (
        "学籍号“{value}”的学生目前在“{school}”就读。请由该校办理转出后再导入，或请教育局办理转学。",
        "The student with number “{value}” is enrolled at “{school}”. That school must first record the "
        "transfer out, or the bureau can transfer the student.",
    ),
    "roster.student_graduated_here": (
        "学籍号“{value}”的学生已于本校毕业，不能再编入本校班级。",
        "The student with number “{value}” has graduated from this school and cannot be placed in its classes again.",
    ),
    "roster.id_number_taken": (
        "身份证号码“{value}”已被本县另一名学生使用。请核对号码，或联系教育局。",
        "The ID number “{value}” is already used by another student of the county. Check the number or ask the bureau.",
    ),
    "roster.id_number_taken_by": (
        "身份证号码“{value}”已被“{school}”学籍号为“{number}”的学生使用。请核对号码。",
        "The ID number “{value}” is already used by the student with number “{number}” at “{school}”. Check the "
        "number.",
    ),
    "roster.teacher_in_other_school": (
        "工号“{value}”的教师属于“{school}”，您不能修改。请核对工号或联系教育局。",
        "The teacher with staff number “{value}” belongs to “{school}”, which you do not manage. Check the "
        "number or ask the bureau.",
    ),
    "roster.unknown_teacher": (
        "找不到工号为“{value}”的教师。请先导入教师名册。",
        "There is no teacher with staff number “{value}”. Import the teachers first.",
    ),
    "roster.head_teacher_other_school": (
        "工号“{value}”的教师属于“{school}”，不能担任本校的班主任。",
        "The teacher with staff number “{value}” belongs to “{school}” and cannot head a class of this school.",
    ),
    "roster.unknown_subject": (
        "找不到学科“{value}”。可以填写：{accepted:list}。",
        "There is no subject “{value}”. Accepted subjects: {accepted:list}.",
    ),
    "roster.unknown_term": (
        "找不到学期“{value}”。请先由教育局设置该学期。",
        "There is no term “{value}”. The bureau must set up that term first.",
    ),
    "roster.unknown_central_school": (
        "找不到中心校“{value}”。请填写本县学校（或本文件中学校）的名称或代码。",
        "There is no central school “{value}”. Write the name or code of a school of the county or of this file.",
    ),
    "roster.own_central_school": ("学校不能是它自己的中心校。", "A school cannot be its own central school."),
    "roster.school_name_taken": (
        "学校名称“{value}”已被学校代码为“{code}”的学校使用。",
        "The school name “{value}” is already used by the school with code “{code}”.",
    ),
    "roster.not_bureau_admin": (
        "只有教育局管理员可以导入学校名册。",
        "Only bureau administrators can import the list of schools.",
    ),
}

for _code, (_zh, _en) in MESSAGES.items():
    register_messages(_code, _zh, _en)
