"""The demo county's plan at full scale, in memory: pupils, classes, events, teachers (no database, fast)."""

import datetime
from collections import Counter, defaultdict

import pytest

from zhiliang.core.class_size import LARGE_CLASS_MIN, STANDARD_MAX
from zhiliang.core.ids import validate_id_number
from zhiliang.demo.catalogue import PE_ARTS, weekly_periods
from zhiliang.demo.county import SCHOOLS, SCHOOLS_BY_CODE, YEARS
from zhiliang.demo.names import SURNAMES, name_is_acceptable
from zhiliang.demo.pupils import plan_pupils
from zhiliang.demo.staff import PERIOD_LIMIT, plan_staff, stage_of

FIRST, CURRENT = YEARS


@pytest.fixture(scope="module")
def plan():
    return plan_pupils(seed=2025)


@pytest.fixture(scope="module")
def staff(plan):
    return plan_staff(plan, seed=2025)


def sizes(plan, year):
    return {k.key: len(k.pupils) for k in plan.classes_of(year)}


def test_the_county_has_about_8000_pupils_in_20_schools(plan):
    current = sum(sizes(plan, CURRENT).values())
    assert 7_500 <= current <= 8_500
    assert len({k.school for k in plan.classes_of(CURRENT)}) == len(SCHOOLS) == 20
    kinds = Counter(spec.kind for spec in SCHOOLS)
    assert kinds["teaching_point"] == 3 and kinds["nine_year"] == 2 and kinds["junior"] == 3
    assert sum(spec.is_central for spec in SCHOOLS) == 1
    assert all(SCHOOLS_BY_CODE[spec.central].is_central for spec in SCHOOLS if spec.kind == "teaching_point")


def test_schools_have_realistic_sizes(plan):
    per_school = Counter()
    for key, size in sizes(plan, CURRENT).items():
        per_school[key[1]] += size
    teaching_points = [per_school[s.code] for s in SCHOOLS if s.kind == "teaching_point"]
    assert all(10 <= size <= 40 for size in teaching_points)
    assert 1_000 <= per_school["QH03"] <= 1_400  # the town junior school


def test_every_id_number_is_valid_and_agrees_with_the_pupil(plan):
    numbers = [p.id_number for p in plan.pupils]
    assert len(set(numbers)) == len(numbers)
    for pupil in plan.pupils:
        info = validate_id_number(pupil.id_number, today=datetime.date(2026, 1, 1))
        assert info.birth_date == pupil.birth_date
        assert info.sex == ("男" if pupil.sex == "M" else "女")
        assert pupil.student_number == "G" + pupil.id_number
    assert Counter(p.id_number[:6] for p in plan.pupils).most_common(1)[0][0] == "130599"


def test_class_sizes_are_plausible_with_some_over_the_standard(plan):
    for year in YEARS:
        by_size = sizes(plan, year)
        assert all(1 <= size < 66 for size in by_size.values())  # no 超大班额
        over = dict.fromkeys(STANDARD_MAX, 0)
        for (_y, _school, grade, _n), size in by_size.items():
            stage = stage_of(grade)
            over[stage] += size > STANDARD_MAX[stage]
        assert over["primary"] > 0 and over["junior"] > 0
        assert any(size >= LARGE_CLASS_MIN for size in by_size.values())  # a few 大班额 in the town junior
    for key, size in sizes(plan, CURRENT).items():
        if SCHOOLS_BY_CODE[key[1]].kind == "teaching_point":
            assert size <= 12


def test_one_membership_per_pupil_per_year_and_seats_are_numbered(plan):
    seen = Counter((m.pupil, m.klass[0]) for m in plan.memberships)
    assert max(seen.values()) == 1
    seats = defaultdict(list)
    for m in plan.memberships:
        seats[m.klass].append(m.seat)
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in seats.values())


def test_pupils_move_up_a_grade_and_keep_their_class(plan):
    where = {(m.pupil, m.klass[0]): m.klass for m in plan.memberships}
    repeats = {e.pupil for e in plan.events if e.kind == "repeat"}
    moved_school = 0
    for (pupil, year), klass in where.items():
        if year != FIRST or (pupil, CURRENT) not in where:
            continue
        after = where[(pupil, CURRENT)]
        assert after[2] == klass[2] + (0 if pupil in repeats else 1)
        if plan.classes[after].previous == klass:
            continue
        moved_school += after[1] != klass[1]
    assert moved_school > 100  # primary leavers entering junior schools, teaching points into the central school
    for klass in plan.classes_of(CURRENT):
        if klass.previous:
            assert plan.classes[klass.previous].grade == klass.grade - 1
            assert klass.previous[1] == klass.school


def test_grade_6_leavers_continue_in_junior_schools_with_the_same_identity(plan):
    grade6 = {m.pupil for m in plan.memberships if m.klass[0] == FIRST and m.klass[2] == 6}
    grade7_now = {m.pupil for m in plan.memberships if m.klass[0] == CURRENT and m.klass[2] == 7}
    continuing = grade6 & grade7_now
    assert len(continuing) > 0.8 * len(grade6)
    assert len(grade7_now - grade6) < 20  # new grade-7 pupils are nearly all from the county's primaries


def test_birth_dates_fit_the_grade(plan):
    grade_in = {(m.pupil, m.klass[0]): m.klass[2] for m in plan.memberships}
    for (index, year), grade in grade_in.items():
        birth = plan.pupils[index].birth_date
        age = year - birth.year - ((birth.month, birth.day) > (9, 1))  # age on Sept 1 of the school year
        assert grade + 5 <= age <= grade + 7, (plan.pupils[index], year, grade)


def test_names_sexes_and_statuses(plan):
    compound = [s for s, _weight in SURNAMES if len(s) == 2]
    for pupil in plan.pupils:
        surname = next((s for s in compound if pupil.name.startswith(s)), pupil.name[0])
        assert name_is_acceptable(surname, pupil.name[len(surname) :]), pupil.name
    surnames = Counter(p.name[0] for p in plan.pupils)
    assert {s for s, _ in surnames.most_common(4)} <= {"王", "李", "张", "刘", "陈"}
    boys = sum(p.sex == "M" for p in plan.pupils) / len(plan.pupils)
    assert 0.50 <= boys <= 0.54
    statuses = Counter(p.status for p in plan.pupils)
    assert statuses["transferred_out"] == 6 and statuses["suspended"] == 1 and statuses["dropped_out"] == 1
    assert statuses["graduated"] > 500


def test_every_kind_of_enrolment_event_happens(plan):
    kinds = Counter(e.kind for e in plan.events)
    for kind in ("enrol", "promote", "graduate", "transfer_in", "transfer_out", "repeat", "suspend", "resume"):
        assert kinds[kind] > 0, kind
    assert kinds["dropout"] == 1 and kinds["repeat"] == 2
    for event in plan.events:
        if event.kind in ("transfer_in", "transfer_out"):
            assert event.other_school and event.reason


def test_the_plan_is_deterministic(plan):
    again = plan_pupils(seed=2025)
    assert [(p.name, p.id_number, p.school) for p in again.pupils] == [
        (p.name, p.id_number, p.school) for p in plan.pupils
    ]
    other = plan_pupils(seed=7)
    assert [p.name for p in other.pupils[:50]] != [p.name for p in plan.pupils[:50]]


def test_about_500_teachers_with_realistic_profiles(staff):
    teachers = staff.teachers
    assert 420 <= len(teachers) <= 580
    assert 0 < sum(not t.is_active for t in teachers) < 0.1 * len(teachers)
    titles = Counter(t.title for t in teachers)
    assert titles["first"] > titles["senior"] > titles["professor"] >= 0
    assert 0.1 < sum(bool(t.backbone_level) for t in teachers) / len(teachers) < 0.4
    assert len({t.staff_number for t in teachers}) == len(teachers)
    for teacher in teachers:
        age = CURRENT - teacher.birth_date.year
        assert 20 <= age <= 61
        if teacher.title in ("senior", "professor"):
            assert age >= 30


def test_every_class_has_one_teacher_per_subject_and_term_and_a_head_teacher(plan, staff):
    taught = Counter((a.klass, a.subject, a.term) for a in staff.assignments)
    assert max(taught.values()) == 1
    for klass in plan.classes.values():
        for subject in weekly_periods(klass.grade):
            for term in (1, 2):
                assert (klass.key, subject, (klass.year, term)) in taught
        head = staff.head_teachers[klass.key]
        assert any(a.teacher == head and a.klass == klass.key for a in staff.assignments)


def test_teachers_are_not_overloaded(plan, staff):
    load = Counter()
    for a in staff.assignments:
        if a.term[1] == 1:
            load[(a.teacher, a.klass[0])] += weekly_periods(a.klass[2])[a.subject]
    for (index, _year), periods in load.items():
        teacher = staff.teachers[index]
        assert periods <= PERIOD_LIMIT[teacher.stage] + 18


def test_small_schools_have_no_pe_or_arts_specialist_but_big_ones_do(staff):
    specialists = Counter(t.school for t in staff.teachers if t.is_active and t.main in PE_ARTS)
    for spec in SCHOOLS:
        if spec.kind == "teaching_point":
            assert specialists[spec.code] == 0
    assert specialists["QH01"] >= 5 and specialists["QH03"] >= 5
