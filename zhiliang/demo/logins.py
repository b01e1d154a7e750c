"""The demo logins: one user per role, all with the same published password, and the table that lists them.

The school-level users belong to 清河县第一初级中学 (a crowded town junior school), the grade leader to its
grade 9 (the grade with the most exams), and the head teacher and the subject teacher are real teachers of
that grade, so every page shows the same people from different heights. The teachers' users are linked to
their `Teacher` records: their head-teacher and subject-teacher roles come from the timetable.

The password is public (it is printed and in the README): `demo-data` refuses to run against a production
configuration unless forced (see `build.py`).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from zhiliang.accounts.models import Role, RoleAssignment, User
from zhiliang.demo.county import COUNTY_NAME, CURRENT_YEAR, GROUP_CITY
from zhiliang.demo.names import person_name
from zhiliang.demo.staff import StaffPlan
from zhiliang.demo.write import Written
from zhiliang.org.models import County, SchoolClass, grade_name
from zhiliang.people.models import Teacher, TeachingAssignment

DEMO_PASSWORD = "qinghe-demo-2025"  # noqa: S105 — the published password of the demo county
SCHOOL_CODE = "QH03"
LEADER_GRADE = 9
USERNAMES = (
    "bureau_admin",
    "bureau_analyst",
    "group_leader",
    "principal",
    "academic_director",
    "grade_leader",
    "head_teacher",
    "subject_teacher",
)
SUBJECT_TEACHER_PREFERENCE = ("数学", "英语", "物理", "化学", "语文", "道德与法治", "历史")


@dataclass(frozen=True)
class LoginRow:
    username: str
    full_name: str
    role: str
    scope: str
    password: str = DEMO_PASSWORD


def _pick_teachers(staff: StaffPlan) -> dict[str, int | None]:
    """The plan's teachers behind the head-teacher, subject-teacher and grade-leader logins."""
    klass = (CURRENT_YEAR, SCHOOL_CODE, LEADER_GRADE, 1)
    heads = {teacher for key, teacher in staff.head_teachers.items() if key[0] == CURRENT_YEAR}
    taught: dict[int, set[tuple[int, str]]] = {}
    for a in staff.assignments:
        if a.klass[:3] == klass[:3]:
            taught.setdefault(a.teacher, set()).add((a.klass[3], a.subject))
    candidates = sorted(
        (teacher for teacher in taught if teacher not in heads),
        key=lambda t: (
            SUBJECT_TEACHER_PREFERENCE.index(staff.teachers[t].main)
            if staff.teachers[t].main in SUBJECT_TEACHER_PREFERENCE
            else 99,
            t,
        ),
    )
    subject_teacher = candidates[0] if candidates else None
    others = [t for t in candidates if t != subject_teacher]
    grade_leader = next((t for t in others if staff.teachers[t].main == "语文"), others[0] if others else None)
    return {
        "head_teacher": staff.head_teachers[klass],
        "subject_teacher": subject_teacher,
        "grade_leader": grade_leader,
    }


def demo_users_create(*, written: Written, staff: StaffPlan, seed: int) -> list[User]:
    """Create the demo users and their roles (the caller checked that none exists)."""
    rng = random.Random(f"{seed}:users")
    school = written.schools[SCHOOL_CODE]
    chosen = _pick_teachers(staff)
    scopes: dict[str, dict[str, object]] = {
        "bureau_admin": {"role": Role.BUREAU_ADMIN, "county": written.county},
        "bureau_analyst": {"role": Role.BUREAU_ANALYST, "county": written.county},
        "group_leader": {"role": Role.GROUP_LEADER, "group": written.groups[GROUP_CITY]},
        "principal": {"role": Role.PRINCIPAL, "school": school},
        "academic_director": {"role": Role.ACADEMIC_DIRECTOR, "school": school},
        "grade_leader": {"role": Role.GRADE_LEADER, "school": school, "grade": LEADER_GRADE},
    }
    users = []
    for username in USERNAMES:
        plan_index = chosen.get(username)
        teacher = written.teachers[plan_index] if plan_index is not None else None
        full_name = teacher.name if teacher else person_name(rng, rng.choice("MF"), adult=True)
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, full_name=full_name)
        if username in scopes:
            RoleAssignment.objects.create(user=user, **scopes[username])
        if teacher is not None:
            teacher.user = user
            teacher.save(update_fields=["user"])
        users.append(user)
    return users


def demo_login_rows() -> list[LoginRow]:
    """The demo users as they are in the database now: username, name, roles and what each role covers."""
    rows = []
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
    for username in USERNAMES:
        user = users.get(username)
        if user is None:
            continue
        for role, scope in _roles(user):
            rows.append(LoginRow(username, user.full_name, role, scope))
    return rows


def _roles(user: User) -> list[tuple[str, str]]:
    roles = []
    for assignment in RoleAssignment.objects.filter(user=user).select_related("county", "group", "school"):
        if assignment.school is not None:
            scope = assignment.school.name
            if assignment.grade:
                scope += f" {grade_name(assignment.grade)}"
        elif assignment.group is not None:
            count = assignment.group.schools.count()
            scope = f"{assignment.group.name}（{count}所学校）"
        else:
            scope = f"{assignment.county.name}（全县）" if assignment.county else ""
        roles.append((str(assignment.get_role_display()), scope))
    teacher = Teacher.objects.filter(user=user).select_related("school").first()
    if teacher is None:
        return roles
    current = SchoolClass.objects.filter(school_year__is_current=True, school_year__county=teacher.county)
    for klass in current.filter(head_teacher=teacher).order_by("grade", "number"):
        roles.append((str(Role.HEAD_TEACHER.label), f"{teacher.school.short_name} {klass.display_name}"))
    taught: dict[str, list[str]] = {}
    assignments = (
        TeachingAssignment.objects.filter(teacher=teacher, school_class__in=current)
        .select_related("subject", "school_class")
        .order_by("subject__order", "school_class__grade", "school_class__number")
    )
    for a in assignments:
        names = taught.setdefault(a.subject.name, [])
        if a.school_class.display_name not in names:
            names.append(a.school_class.display_name)
    if taught:
        scope = "；".join(f"{subject}：{'、'.join(classes)}" for subject, classes in taught.items())
        roles.append((str(Role.SUBJECT_TEACHER.label), f"{teacher.school.short_name} {scope}"))
    return roles


def demo_county_exists() -> bool:
    return County.objects.filter(name=COUNTY_NAME).exists()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def logins_table(rows: list[LoginRow], *, markdown: bool = False) -> str:
    header = ("用户名 username", "姓名 name", "角色 role", "范围 scope", "密码 password")
    cells = [(r.username, r.full_name, r.role, r.scope, r.password) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(f"`{c}`" if i in (0, 4) else c for i, c in enumerate(row)) + " |" for row in cells]
        return "\n".join(lines)
    widths = [max(_width(str(row[i])) for row in [header, *cells]) for i in range(len(header))]
    lines = ["  ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *cells]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
