"""The teachers of the demo county and who teaches what (teacher × class × subject × term), in memory.

Teachers are hired for a main subject; a school has as many as its timetable needs. Each class needs its
weekly periods of every subject (`catalogue.weekly_periods`), and a teacher carries at most 14 periods a week
in a primary school and 12 in a junior one (the rest of their time goes to preparation, marking and the
head teacher's work). In a small school (six classes or fewer in the stage) teachers carry up to four more
(at a teaching point, where one period serves two grades at once — 复式教学 — fourteen more), the school hires
only 语文 and 数学 teachers and they take every other subject (包班): that is why teaching points and village
primaries end up with no PE or art specialist, the gap the balanced-development indicator L3 is about. A big
school has a teacher for every subject.

Choices follow what schools do: a teacher keeps the class they taught last year (跟班走, looping) when it
moves up a grade; a primary class's 道德与法治 goes to its 语文 teacher when they have room; otherwise a subject
goes to the fullest teacher of that subject who still has room, so parallel classes share teachers. The head
teacher (班主任) of a class is one of its teachers, 语文 first, then 数学 and 英语; a head teacher keeps the class
when it moves up. Teachers who taught only last year have left (retired or moved): they are kept, inactive,
because last year's results are attributed to them.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from zhiliang.demo.catalogue import PE_ARTS, SUBJECT_NAMES, TEACHER_FAMILIES, weekly_periods
from zhiliang.demo.county import SCHOOLS, SCHOOLS_BY_CODE, URBAN, VILLAGE, YEARS
from zhiliang.demo.names import person_name
from zhiliang.demo.pupils import ClassKey, Klass, PupilPlan

PERIOD_LIMIT = {"primary": 14, "junior": 12}
SMALL_SCHOOL_CLASSES = 6
SMALL_SCHOOL_EXTRA = 4
TEACHING_POINT_EXTRA = 14  # 复式教学: one period serves two grades at once
LEAVING_SHARE = 0.04  # teachers who retire or move away after the first year
HEAD_PREFERENCE = ("语文", "数学", "英语", "道德与法治", "科学", "历史")
TERMS = (1, 2)


@dataclass
class TeacherPlan:
    index: int
    school: str
    stage: str  # "primary" / "junior"
    main: str  # the subject the teacher was hired for
    subjects: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    name: str = ""
    sex: str = "F"
    birth_date: datetime.date | None = None
    education: str = ""
    title: str = "none"
    backbone_level: str = ""
    growth_stage: str = "qualified"
    staff_number: str = ""

    @property
    def is_pe_arts_specialist(self) -> bool:
        return self.main in PE_ARTS

    @property
    def is_active(self) -> bool:
        return YEARS[-1] in self.years


@dataclass(frozen=True)
class Assignment:
    teacher: int
    klass: ClassKey
    subject: str
    term: tuple[int, int]  # (school year, term number)


@dataclass
class StaffPlan:
    teachers: list[TeacherPlan]
    assignments: list[Assignment]
    head_teachers: dict[ClassKey, int]

    def teacher_of(self, klass: ClassKey, subject: str, term: int = 1) -> TeacherPlan | None:
        for assignment in self.assignments:
            if assignment.klass == klass and assignment.subject == subject and assignment.term[1] == term:
                return self.teachers[assignment.teacher]
        return None


def stage_of(grade: int) -> str:
    return "primary" if grade <= 6 else "junior"


class _Timetabler:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.teachers: list[TeacherPlan] = []
        self.pools: dict[tuple[str, str], list[TeacherPlan]] = defaultdict(list)
        self.taught: dict[tuple[ClassKey, str], int] = {}  # (class, subject) → teacher, over both years
        self.left: set[int] = set()

    def leave(self) -> None:
        """After a year, a few teachers retire or move away; the looping rule must not find them."""
        for key, pool in self.pools.items():
            leaving = {t.index for t in pool if self.rng.random() < LEAVING_SHARE}
            self.left |= leaving
            self.pools[key] = [t for t in pool if t.index not in leaving]

    def hire(self, school: str, stage: str, main: str) -> TeacherPlan:
        teacher = TeacherPlan(index=len(self.teachers), school=school, stage=stage, main=main)
        self.teachers.append(teacher)
        self.pools[(school, stage)].append(teacher)
        return teacher

    @staticmethod
    def _hire_for(subject: str, pool: list[TeacherPlan], small: bool) -> str:
        """A big school hires a teacher of the subject; a small one a 语文 or 数学 teacher who teaches everything."""
        if not small or subject in ("语文", "数学"):
            return TEACHER_FAMILIES[subject][0]
        chinese = sum(1 for t in pool if t.main == "语文")
        return "数学" if chinese > sum(1 for t in pool if t.main == "数学") else "语文"

    def staff_year(self, year: int, school: str, stage: str, classes: list[Klass]) -> None:
        pool = self.pools[(school, stage)]
        small = len(classes) <= SMALL_SCHOOL_CLASSES
        limit = PERIOD_LIMIT[stage] + (SMALL_SCHOOL_EXTRA if small else 0)
        if SCHOOLS_BY_CODE[school].kind == "teaching_point":
            limit += TEACHING_POINT_EXTRA
        load: dict[int, int] = defaultdict(int)
        by_grade: dict[tuple[str, int], set[int]] = defaultdict(set)  # (subject, grade) → teachers

        def give(teacher: TeacherPlan, klass: Klass, subject: str, periods: int) -> None:
            load[teacher.index] += periods
            by_grade[(subject, klass.grade)].add(teacher.index)
            teacher.subjects.add(subject)
            teacher.years.add(year)
            self.taught[(klass.key, subject)] = teacher.index

        demands = [
            (klass, subject, periods)
            for subject in SUBJECT_NAMES
            for klass in classes
            if (periods := weekly_periods(klass.grade).get(subject, 0))
        ]
        # Looping first, so that new classes do not take the room of the teacher who follows a class up.
        remaining = []
        for klass, subject, periods in demands:
            previous = self.taught.get((klass.previous, subject)) if klass.previous else None
            if previous is not None and previous in self.left:
                previous = None
            if previous is not None and load[previous] + periods <= limit:
                give(self.teachers[previous], klass, subject, periods)
            else:
                remaining.append((klass, subject, periods))

        for klass, subject, periods in remaining:
            fits = [t for t in pool if load[t.index] + periods <= limit]
            chosen = None
            if subject == "道德与法治" and stage == "primary":
                own = self.taught.get((klass.key, "语文"))
                chosen = next((t for t in fits if t.index == own), None)
            if chosen is None:
                # A big school has teachers of every subject; only a small one borrows from related subjects.
                for family in TEACHER_FAMILIES[subject] if small else TEACHER_FAMILIES[subject][:1]:
                    candidates = [t for t in fits if t.main == family]
                    if candidates:
                        parallel = [t for t in candidates if t.index in by_grade[(subject, klass.grade)]]
                        chosen = max(parallel or candidates, key=lambda t: (load[t.index], -t.index))
                        break
            if chosen is None and small and fits:
                chosen = min(fits, key=lambda t: (load[t.index], t.index))
            if chosen is None:
                chosen = self.hire(school, stage, self._hire_for(subject, pool, small))
            give(chosen, klass, subject, periods)

    def head_teachers(self, classes: list[Klass], heads: dict[ClassKey, int]) -> None:
        busy: set[int] = set()
        for klass in classes:
            teachers = [(s, self.taught[(klass.key, s)]) for s in SUBJECT_NAMES if (klass.key, s) in self.taught]
            own = {teacher for _subject, teacher in teachers}
            previous = heads.get(klass.previous) if klass.previous else None
            if previous is not None and previous in own and previous not in busy:
                chosen = previous
            else:
                ranked = sorted(
                    teachers,
                    key=lambda pair: HEAD_PREFERENCE.index(pair[0]) if pair[0] in HEAD_PREFERENCE else 99,
                )
                free = [teacher for subject, teacher in ranked if teacher not in busy]
                chosen = (free or [teacher for _subject, teacher in ranked])[0]
            heads[klass.key] = chosen
            busy.add(chosen)


def plan_staff(pupils: PupilPlan, *, seed: int) -> StaffPlan:
    """Teachers, their assignments for both terms of both years, and the head teacher of every class."""
    timetabler = _Timetabler(random.Random(f"{seed}:staffing"))
    heads: dict[ClassKey, int] = {}
    for year in YEARS:
        if year != YEARS[0]:
            timetabler.leave()
        for spec in SCHOOLS:
            classes = sorted(
                (k for k in pupils.classes_of(year) if k.school == spec.code), key=lambda k: (k.grade, k.number)
            )
            for stage in ("primary", "junior"):
                staged = [k for k in classes if stage_of(k.grade) == stage]
                if staged:
                    timetabler.staff_year(year, spec.code, stage, staged)
            timetabler.head_teachers(classes, heads)
    assignments = [
        Assignment(teacher, klass, subject, (klass[0], term))
        for (klass, subject), teacher in timetabler.taught.items()
        for term in TERMS
    ]
    teachers = timetabler.teachers
    _describe(teachers, random.Random(f"{seed}:teachers"))
    return StaffPlan(teachers, assignments, heads)


def _describe(teachers: list[TeacherPlan], rng: random.Random) -> None:
    """Names, ages, education, titles and backbone levels, consistent with each other and with the school."""
    first, current = YEARS
    numbers: dict[str, int] = defaultdict(int)
    for teacher in teachers:
        location = SCHOOLS_BY_CODE[teacher.school].location
        if teacher.years == {current}:
            age = rng.randint(22, 27)  # hired this year (many through the 特岗 scheme in villages)
        elif teacher.years == {first}:
            age = rng.randint(57, 60)  # retired or left after last year
        elif location == VILLAGE and rng.random() < 0.5:
            age = rng.randint(24, 33)
        elif location == VILLAGE:
            age = rng.randint(46, 59)
        else:
            age = round(rng.triangular(24, 58, 41 if location == URBAN else 44))
        male_share = 0.75 if teacher.main == "体育" else 0.27 if teacher.stage == "primary" else 0.4
        teacher.sex = "M" if rng.random() < male_share else "F"
        teacher.name = person_name(rng, teacher.sex, adult=True)
        born = current - age - (1 if rng.random() < 0.6 else 0)
        teacher.birth_date = datetime.date(born, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        teacher.education = _education(rng, born, location)
        service = max(0, age - (23 if teacher.education in ("bachelor", "master") else 21))
        teacher.title = _title(rng, service)
        teacher.backbone_level = _backbone(rng, teacher.title, location)
        teacher.growth_stage = _growth_stage(rng, teacher.title, teacher.backbone_level)
        numbers[teacher.school] += 1
        teacher.staff_number = f"{teacher.school}{numbers[teacher.school]:03d}"


def _education(rng: random.Random, born: int, location: str) -> str:
    draw = rng.random()
    if born >= 1990:
        master = 0.10 if location == URBAN else 0.03
        return "master" if draw < master else "bachelor" if draw < 0.86 else "junior_college"
    if born >= 1975:
        return "master" if draw < 0.03 else "bachelor" if draw < 0.63 else "junior_college"
    return "bachelor" if draw < 0.38 else "junior_college" if draw < 0.85 else "secondary"


def _title(rng: random.Random, service: int) -> str:
    draw = rng.random()
    if service < 1:
        return "none"
    if service < 5:
        return "third" if draw < 0.05 else "second" if draw < 0.9 else "none"
    if service < 12:
        return "second" if draw < 0.45 else "first"
    if service < 21:
        return "second" if draw < 0.05 else "first" if draw < 0.85 else "senior"
    if service >= 28 and draw < 0.02:
        return "professor"
    return "first" if draw < 0.57 else "senior"


def _backbone(rng: random.Random, title: str, location: str) -> str:
    if title not in ("first", "senior", "professor"):
        return ""
    county, city, province = {URBAN: (0.22, 0.08, 0.02), VILLAGE: (0.10, 0.03, 0.005)}.get(location, (0.15, 0.05, 0.01))
    draw = rng.random()
    if draw < province:
        return "province"
    if draw < province + city:
        return "city"
    if draw < province + city + county:
        return "county"
    return ""


def _growth_stage(rng: random.Random, title: str, backbone: str) -> str:
    if title == "professor":
        return "expert"
    if backbone == "province":
        return "master" if rng.random() < 0.5 else "leader"
    if backbone == "city":
        return "leader" if rng.random() < 0.4 else "backbone"
    if backbone == "county":
        return "backbone"
    return "qualified"
