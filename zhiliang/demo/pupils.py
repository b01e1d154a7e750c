"""The pupils of the demo county over two school years: classes, memberships and enrolment events.

A plan in memory (no database): `plan_pupils(seed=, scale=)` returns the same plan for the same arguments.
The previous year (2024–2025) is generated grade by grade; the current year (2025–2026) is derived from it the
way a county's year-end promotion works (升级):

* every class moves up a grade and keeps its number (`previous` links the two), pupils keep their seats;
* grade 9 graduates and leaves; grade-6 leavers of primary schools go on to the junior school their primary
  feeds (a few to the town junior, some out of the county), keeping one identity across schools;
* pupils of a teaching point (教学点) who finish its last grade move up into the central school (中心校);
* new grade-1 pupils enter every primary, and new grade-7 classes are formed from the entrants, balanced by
  sex (均衡编班, never by results);
* a handful of events that real rosters have: transfers out of and into the county, moves between the
  county's schools over the summer, two repeated years (one after a sick leave), one suspension (休学) and
  one dropout (辍学) during the current year.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from zhiliang.core.ids import check_character
from zhiliang.demo.county import (
    COUNTY_CODE,
    SCHOOLS,
    SCHOOLS_BY_CODE,
    YEARS,
    Calendar,
    SchoolSpec,
    cohort_factor,
    location_factor,
)
from zhiliang.demo.names import person_name

ClassKey = tuple[int, str, int, int]  # (school year, school code, grade, class number)

# Region codes of pupils who come from elsewhere (real GB/T 2260 codes of a few other places).
OTHER_REGIONS = ("130102", "130503", "370102", "410105", "440306", "320583")
LEFT_FOR = (
    "广东省东莞市（随父母务工）",
    "浙江省义乌市（随父母务工）",
    "石家庄市长安区（家庭迁居）",
    "山东省济南市（随父母工作调动）",
    "北京市大兴区（随父母务工）",
    "天津市西青区（家庭迁居）",
)
CAME_FROM = ("江苏省昆山市", "广东省深圳市宝安区", "河南省郑州市金水区", "山东省济南市历下区", "石家庄市桥西区")


@dataclass
class Pupil:
    index: int
    name: str
    sex: str  # "M" / "F"
    birth_date: datetime.date
    id_number: str
    school: str  # code of the school holding the record now
    entry_date: datetime.date
    status: str = "enrolled"
    exit_date: datetime.date | None = None

    @property
    def student_number(self) -> str:
        """学籍号: the national student number is "G" followed by the pupil's ID number."""
        return "G" + self.id_number


@dataclass
class Klass:
    year: int
    school: str
    grade: int
    number: int
    previous: ClassKey | None = None
    pupils: list[int] = field(default_factory=list)

    @property
    def key(self) -> ClassKey:
        return (self.year, self.school, self.grade, self.number)


@dataclass(frozen=True)
class Membership:
    pupil: int
    klass: ClassKey
    seat: int
    left_on: datetime.date | None = None


@dataclass(frozen=True)
class Event:
    pupil: int
    kind: str  # a zhiliang.people.models.EnrollmentEventKind value
    date: datetime.date
    school: str
    klass: ClassKey | None = None
    other_school: str = ""
    reason: str = ""


@dataclass
class PupilPlan:
    pupils: list[Pupil]
    classes: dict[ClassKey, Klass]
    memberships: list[Membership]
    events: list[Event]

    def classes_of(self, year: int) -> list[Klass]:
        return [klass for klass in self.classes.values() if klass.year == year]


class _Planner:
    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(f"{seed}:pupils")
        self.scale = scale
        self.pupils: list[Pupil] = []
        self.classes: dict[ClassKey, Klass] = {}
        self.events: list[Event] = []
        self.left_on: dict[tuple[int, int], datetime.date] = {}  # (pupil, year) → date
        self.id_prefixes: set[str] = set()
        self.special: set[int] = set()

    # -- people -------------------------------------------------------------------------------------------

    def new_pupil(self, *, year: int, grade: int, school: str, entry: datetime.date, region: str = "") -> Pupil:
        rng = self.rng
        sex = "M" if rng.random() < 0.52 else "F"
        birth_year = year - grade - 6  # born Sept 1 of this year … Aug 31 of the next
        if rng.random() < 0.03:
            birth_year -= 1  # started school a year late
        first_day = datetime.date(birth_year, 9, 1)
        birth = first_day + datetime.timedelta(days=rng.randrange(365))
        pupil = Pupil(
            index=len(self.pupils),
            name=person_name(rng, sex),
            sex=sex,
            birth_date=birth,
            id_number=self._id_number(region or COUNTY_CODE, birth, sex),
            school=school,
            entry_date=entry,
        )
        self.pupils.append(pupil)
        return pupil

    def _id_number(self, region: str, birth: datetime.date, sex: str) -> str:
        while True:
            sequence = self.rng.randrange(1, 500) * 2 - (1 if sex == "M" else 0)  # odd for boys, even for girls
            first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
            if first17 not in self.id_prefixes:
                self.id_prefixes.add(first17)
                return first17 + check_character(first17)

    def cohort_size(self, spec: SchoolSpec, year: int, grade: int) -> int:
        size = spec.size(grade) * cohort_factor(year, grade) * location_factor(spec.location, grade)
        return max(1, round(size * self.scale * self.rng.uniform(0.93, 1.07)))

    def event(self, pupil: Pupil, kind: str, date: datetime.date, school: str, **extra: object) -> None:
        self.events.append(Event(pupil.index, kind, date, school, **extra))  # type: ignore[arg-type]

    # -- classes ------------------------------------------------------------------------------------------

    def form_classes(self, year: int, spec: SchoolSpec, grade: int, pupils: list[Pupil]) -> list[Klass]:
        """New classes for entrants, dealt in turn after shuffling boys and girls (均衡编班)."""
        count = max(1, math.ceil(len(pupils) / spec.target(grade)))
        boys = [p for p in pupils if p.sex == "M"]
        girls = [p for p in pupils if p.sex == "F"]
        self.rng.shuffle(boys)
        self.rng.shuffle(girls)
        classes = [Klass(year, spec.code, grade, number) for number in range(1, count + 1)]
        for position, pupil in enumerate(boys + girls):
            classes[position % count].pupils.append(pupil.index)
        for klass in classes:
            self.classes[klass.key] = klass
        return classes

    def drift(self, classes: list[Klass]) -> None:
        """Classes that have lived together for years differ by a few pupils; move one or two."""
        if len(classes) < 2:
            return
        for _move in range(self.rng.randrange(len(classes) + 1)):
            source, target = self.rng.sample(classes, 2)
            if len(source.pupils) > 1:
                target.pupils.append(source.pupils.pop(self.rng.randrange(len(source.pupils))))

    def join(self, year: int, school: str, grade: int, pupil: Pupil) -> Klass:
        """Put an arriving pupil into the smallest class of the grade."""
        candidates = [k for k in self.classes.values() if (k.year, k.school, k.grade) == (year, school, grade)]
        if not candidates:
            klass = Klass(year, school, grade, 1)
            self.classes[klass.key] = klass
            candidates = [klass]
        klass = min(candidates, key=lambda k: (len(k.pupils), k.number))
        klass.pupils.append(pupil.index)
        return klass

    def pick(self, pool: list[Pupil], count: int) -> list[Pupil]:
        chosen = [p for p in self.rng.sample(pool, min(len(pool), count * 3)) if p.index not in self.special]
        chosen = chosen[:count]
        self.special.update(p.index for p in chosen)
        return chosen


def plan_pupils(*, seed: int, scale: float = 1.0) -> PupilPlan:
    planner = _Planner(seed, scale)
    first, current = YEARS
    _plan_first_year(planner, first)
    placed = _plan_transition(planner, first, current)
    _plan_current_year_events(planner, current, placed)
    memberships = [
        Membership(index, klass.key, seat, planner.left_on.get((index, klass.year)))
        for klass in planner.classes.values()
        for seat, index in enumerate(klass.pupils, start=1)
    ]
    return PupilPlan(planner.pupils, planner.classes, memberships, planner.events)


def _plan_first_year(planner: _Planner, year: int) -> None:
    for spec in SCHOOLS:
        for grade in spec.grades:
            entered = year - (grade - spec.entry_grade(grade))
            entry = Calendar(entered).start
            pupils = [
                planner.new_pupil(year=year, grade=grade, school=spec.code, entry=entry)
                for _ in range(planner.cohort_size(spec, year, grade))
            ]
            classes = planner.form_classes(year, spec, grade, pupils)
            planner.drift(classes)
            for pupil in pupils:
                planner.event(pupil, "enrol", entry, spec.code)


def _pupils_by_class(planner: _Planner, year: int) -> list[tuple[Klass, list[Pupil]]]:
    return [(k, [planner.pupils[i] for i in k.pupils]) for k in planner.classes.values() if k.year == year]


def _plan_transition(planner: _Planner, first: int, current: int) -> dict[int, Klass]:
    """Events of the first year, then the promotion into the current year. Returns pupil → current class."""
    rng = planner.rng
    calendar, next_calendar = Calendar(first), Calendar(current)
    everyone = [p for _klass, pupils in _pupils_by_class(planner, first) for p in pupils]
    grade_of = {index: klass.grade for klass, _pupils in _pupils_by_class(planner, first) for index in klass.pupils}

    # Transfers out of the county during the year.
    for pupil in planner.pick([p for p in everyone if grade_of[p.index] <= 8], 6):
        day = datetime.date(first, 10, 8) + datetime.timedelta(days=rng.randrange(250))
        pupil.status, pupil.exit_date = "transferred_out", day
        planner.left_on[(pupil.index, first)] = day
        planner.event(
            pupil, "transfer_out", day, pupil.school, other_school=rng.choice(LEFT_FOR), reason="随家庭迁出本县"
        )

    # Moves between the county's schools over the summer: (pupil, destination school).
    movers: dict[int, str] = {}
    for pupil in planner.pick([p for p in everyone if grade_of[p.index] < SCHOOLS_BY_CODE[p.school].last_grade], 5):
        grade = grade_of[pupil.index] + 1
        options = [
            s.code for s in SCHOOLS if s.code != pupil.school and grade in s.grades and s.kind != "teaching_point"
        ]
        movers[pupil.index] = rng.choice(options)

    # Two repeated years: a primary pupil back from sick leave, a junior pupil at the family's request.
    repeaters: dict[int, str] = {}
    primary_pool = [p for p in everyone if 3 <= grade_of[p.index] <= 5 and p.status == "enrolled"]
    junior_pool = [p for p in everyone if grade_of[p.index] in (7, 8) and p.status == "enrolled"]
    for pupil in planner.pick(primary_pool, 1):
        day = datetime.date(first + 1, 3, 10)
        planner.left_on[(pupil.index, first)] = day
        planner.event(pupil, "suspend", day, pupil.school, reason="因病休学（家长申请，附医院证明）")
        planner.event(pupil, "resume", next_calendar.start, pupil.school, reason="病愈复学")
        repeaters[pupil.index] = "休学一学期后复学，随下一年级就读"
    for pupil in planner.pick(junior_pool, 1):
        repeaters[pupil.index] = "长期病假缺课，家长申请留级"

    placed: dict[int, Klass] = {}
    entrants: dict[tuple[str, int], list[Pupil]] = defaultdict(list)
    joiners: list[tuple[str, int, Pupil, str, dict[str, object]]] = []
    start = next_calendar.start
    for klass, pupils in _pupils_by_class(planner, first):
        spec = SCHOOLS_BY_CODE[klass.school]
        grade = klass.grade
        successor = None
        if grade < spec.last_grade and not (spec.kind == "nine_year" and grade == 6):
            successor = Klass(current, spec.code, grade + 1, klass.number, previous=klass.key)
            planner.classes[successor.key] = successor
        for pupil in pupils:
            if pupil.status != "enrolled":
                continue
            if pupil.index in repeaters:
                joiners.append((spec.code, grade, pupil, "repeat", {"reason": repeaters[pupil.index]}))
            elif pupil.index in movers:
                target = movers[pupil.index]
                planner.event(pupil, "transfer_out", datetime.date(first + 1, 8, 20), spec.code,
                              other_school=SCHOOLS_BY_CODE[target].name, reason="家庭搬迁")  # fmt: skip
                joiners.append((target, grade + 1, pupil, "transfer_in",
                                {"other_school": spec.name, "reason": "家庭搬迁"}))  # fmt: skip
            elif successor is not None:
                successor.pupils.append(pupil.index)
                placed[pupil.index] = successor
                planner.event(pupil, "promote", start, spec.code, klass=successor.key)
            elif spec.kind == "teaching_point":
                assert spec.central is not None
                joiners.append((spec.central, grade + 1, pupil, "promote",
                                {"other_school": spec.name, "reason": "教学点学生升入中心校"}))  # fmt: skip
            elif spec.kind == "nine_year" and grade == 6:
                entrants[(spec.code, 7)].append(pupil)
            elif grade == 9:
                pupil.status, pupil.exit_date = "graduated", calendar.graduation
                planner.event(pupil, "graduate", calendar.graduation, spec.code, klass=klass.key, reason="初中毕业")
            else:
                _primary_leaver(planner, spec, klass, pupil, entrants, calendar)

    for spec in SCHOOLS:
        if 1 in spec.grades:
            entrants[(spec.code, 1)] += [
                planner.new_pupil(year=current, grade=1, school=spec.code, entry=start)
                for _ in range(planner.cohort_size(spec, current, 1))
            ]
    for (code, grade), pupils in entrants.items():
        spec = SCHOOLS_BY_CODE[code]
        for klass in planner.form_classes(current, spec, grade, pupils):
            for index in klass.pupils:
                pupil = planner.pupils[index]
                placed[index] = klass
                kind = "promote" if pupil.school == code and grade == 7 else "enrol"
                reason = "小学毕业升入初中" if kind == "enrol" and grade == 7 else ""
                pupil.school = code
                planner.event(pupil, kind, start, code, klass=klass.key, reason=reason)

    # Arrivals from outside the county join the smallest class of their grade.
    for pupil_number in range(6):
        spec = planner.rng.choice([s for s in SCHOOLS if s.kind != "teaching_point"])
        grade = planner.rng.choice(list(spec.grades))
        day = start if pupil_number < 4 else datetime.date(current, 10, 9 + pupil_number)
        region = planner.rng.choice(OTHER_REGIONS)
        pupil = planner.new_pupil(year=current, grade=grade, school=spec.code, entry=day, region=region)
        planner.special.add(pupil.index)
        joiners.append((spec.code, grade, pupil, "transfer_in",
                        {"other_school": planner.rng.choice(CAME_FROM), "reason": "随父母返乡就读", "date": day}))  # fmt: skip

    for code, grade, pupil, kind, extra in joiners:
        klass = planner.join(current, code, grade, pupil)
        placed[pupil.index] = klass
        pupil.school = code
        when = extra.pop("date", start)
        assert isinstance(when, datetime.date)
        planner.event(pupil, kind, when, code, klass=klass.key, **extra)
    # A tiny class whose pupils all left (possible at a small --scale) does not go on.
    for key in [key for key, klass in planner.classes.items() if key[0] == current and not klass.pupils]:
        del planner.classes[key]
    return placed


def _primary_leaver(
    planner: _Planner,
    spec: SchoolSpec,
    klass: Klass,
    pupil: Pupil,
    entrants: dict[tuple[str, int], list[Pupil]],
    calendar: Calendar,
) -> None:
    """A grade-6 pupil of a primary school: on to a county junior school, or out of the county."""
    planner.event(pupil, "graduate", calendar.graduation, spec.code, klass=klass.key, reason="小学毕业")
    draw = planner.rng.random()
    for junior, share in spec.feeds:
        if draw < share:
            entrants[(junior, 7)].append(pupil)
            return
        draw -= share
    pupil.status, pupil.exit_date = "graduated", calendar.graduation


def _plan_current_year_events(planner: _Planner, year: int, placed: dict[int, Klass]) -> None:
    """One suspension in a primary grade and one dropout in grade 8, during the current year."""
    enrolled = [planner.pupils[i] for i in sorted(placed)]
    primary = [p for p in enrolled if 4 <= placed[p.index].grade <= 5]
    junior = [p for p in enrolled if placed[p.index].grade == 8]
    for pupil in planner.pick(primary, 1):
        day = datetime.date(year, 10, 20)
        pupil.status = "suspended"
        planner.left_on[(pupil.index, year)] = day
        planner.event(
            pupil,
            "suspend",
            day,
            pupil.school,
            klass=placed[pupil.index].key,
            reason="因病休学（家长申请，附医院证明）",
        )
    for pupil in planner.pick(junior, 1):
        day = datetime.date(year, 11, 12)
        pupil.status, pupil.exit_date = "dropped_out", day
        planner.left_on[(pupil.index, year)] = day
        planner.event(
            pupil,
            "dropout",
            day,
            pupil.school,
            klass=placed[pupil.index].key,
            reason="长期无故缺课，多次劝返未果（已上报控辍保学）",
        )
