"""Two school years of exams for the demo county, following the 2021 national exam rules, with believable scores.

Which exams (教育部办公厅《关于加强义务教育学校考试管理的通知》, 2021; /work/shared/standards/exam-rules-2021.md):

* grades 1–2: no written exam at all;
* grades 3–6: one end-of-term exam (期末) per term, set by each school (no cross-school exam for primary
  grades); grade 5 additionally sits the county's quality-monitoring sampling test (学业质量抽测) in spring,
  which is monitoring, not an exam of the school;
* grades 7–8: a mid-term and an end-of-term exam per term, set by each school;
* grade 9 (graduating): the school's mid-term each term; in autumn the county's unified exam (期末统考, kind
  统考) stands in for the school final; in spring one county mock exam (模拟考试); no spring final (the 中考
  follows). Cross-school exams are allowed for the graduating grade only.
No weekly, monthly or unit tests: the notice forbids them.

How scores arise: each pupil has a latent ability (fixed for life, from a seeded generator keyed by the
student number) and a subject profile correlated with it; a school effect (town schools a little ahead); a
teacher effect for the class × subject × term (so the same teacher's classes do better or worse in every
exam — the signal value-added and teacher comparisons look for); a small class effect and exam-day noise.
The result is mapped to a share of full marks through a logistic curve whose centre and slope are set per
stage and subject (primary means near 85%, junior near 68%, mathematics and English more spread out), so
distributions are skewed with a ceiling at full marks, as real ones are. About 0.4% of pupils are absent
(缺考) from a whole exam; two pupils learning in ordinary classes with a disability (随班就读) are exempt
(免考) from written exams; in one autumn junior final per year one pupil is recorded for cheating (作弊).
All exams are published; they are written through `exam_create` and `scores_bulk_write`, the same services
the importer uses.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成考试与成绩"  # the step in the build log (zhiliang/demo/build.py)

PRIMARY_FINAL: tuple[str, ...] = ("语文", "数学", "英语", "科学")
JUNIOR_FINAL: dict[int, tuple[str, ...]] = {
    7: ("语文", "数学", "英语", "道德与法治", "历史", "地理", "生物"),
    8: ("语文", "数学", "英语", "道德与法治", "历史", "地理", "生物", "物理"),
}
JUNIOR_MIDTERM: dict[int, tuple[str, ...]] = {
    7: ("语文", "数学", "英语"),
    8: ("语文", "数学", "英语", "物理"),
    9: ("语文", "数学", "英语", "物理", "化学"),
}
GRADE9_UNIFIED: tuple[str, ...] = ("语文", "数学", "英语", "物理", "化学", "道德与法治", "历史")
SAMPLING: dict[int, tuple[str, ...]] = {5: ("语文", "数学", "科学")}

# Logistic curve of a subject: (centre = logit of the typical share of full marks, slope).
CURVE_PRIMARY = {"语文": (1.75, 0.85), "数学": (1.7, 1.05), "英语": (1.6, 1.1), "科学": (1.8, 0.85)}
CURVE_JUNIOR = {
    "语文": (0.95, 0.7),
    "数学": (0.65, 1.2),
    "英语": (0.7, 1.15),
    "物理": (0.55, 1.1),
    "化学": (0.75, 1.05),
}
CURVE_JUNIOR_DEFAULT = (0.85, 0.85)
ABSENT_SHARE = 0.004
SUBJECT_CORRELATION = 0.8


@dataclass(frozen=True)
class PlannedExam:
    name: str
    kind: str
    scope: str  # "school" / "county"
    school_id: int | None
    year: int
    term: int
    held_on: datetime.date
    subjects: dict[int, tuple[str, ...]]  # grade → subject names


def available() -> bool:
    """Whether the exams app is installed and its tables exist (the demo foundation does not need it)."""
    if not apps.is_installed("zhiliang.exams"):
        return False
    table: str = apps.get_model("exams", "Exam")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.exams.models import Exam

    return Exam.objects.filter(county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.exams.models import Exam, Score

    return {
        "exams": Exam.objects.filter(county=county).count(),
        "scores": Score.objects.filter(exam_subject__exam__county=county).count(),
    }


def _term_name(year: int, term: int) -> str:
    return f"{year}—{year + 1}学年{'第一' if term == 1 else '第二'}学期"


def plan_exams(schools: list[tuple[int, str, set[int]]], years: list[int]) -> list[PlannedExam]:
    """The exams of the demo: `schools` are (id, kind, grades taught); see the module docstring."""
    exams: list[PlannedExam] = []
    for year in years:
        for term in (1, 2):
            label = _term_name(year, term)
            midterm = datetime.date(year, 11, 12) if term == 1 else datetime.date(year + 1, 4, 22)
            final = datetime.date(year + 1, 1, 13) if term == 1 else datetime.date(year + 1, 7, 1)
            for school_id, _kind, grades in schools:
                junior = {g: JUNIOR_MIDTERM[g] for g in sorted(grades) if g >= 7}
                if junior:
                    exams.append(
                        PlannedExam(f"{label}期中考试", "midterm", "school", school_id, year, term, midterm, junior)
                    )
                finals = {g: PRIMARY_FINAL for g in sorted(grades) if 3 <= g <= 6}
                finals |= {g: JUNIOR_FINAL[g] for g in sorted(grades) if g in JUNIOR_FINAL}
                if finals:
                    exams.append(
                        PlannedExam(f"{label}期末考试", "final", "school", school_id, year, term, final, finals)
                    )
            if term == 1:
                exams.append(
                    PlannedExam(
                        f"{label}九年级期末统考", "unified", "county", None, year, term, final, {9: GRADE9_UNIFIED}
                    )
                )
            else:
                mock = datetime.date(year + 1, 4, 8)
                exams.append(
                    PlannedExam(
                        f"{year + 1}年九年级第一次模拟考试（全县统考）",
                        "mock",
                        "county",
                        None,
                        year,
                        term,
                        mock,
                        {9: GRADE9_UNIFIED},
                    )
                )
                sampling = datetime.date(year + 1, 5, 27)
                exams.append(
                    PlannedExam(
                        f"{year + 1}年五年级学业质量抽测",
                        "sampling",
                        "county",
                        None,
                        year,
                        term,
                        sampling,
                        dict(SAMPLING),
                    )
                )
    return exams


class _Scorer:
    """Scores from latent abilities and effects. Every effect is drawn from a generator keyed by stable names
    (student number, staff number, school code, class), so scores do not depend on database ids or order."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.draws: dict[str, float] = {}

    def gauss(self, key: str, sd: float = 1.0) -> float:
        if key not in self.draws:
            self.draws[key] = random.Random(f"{self.seed}:{key}").gauss(0.0, 1.0)
        return self.draws[key] * sd

    def pupil(self, student_number: str, subject: str) -> float:
        """The pupil's standing in a subject: the general ability and a subject profile correlated with it."""
        rho = SUBJECT_CORRELATION
        ability = self.gauss(f"ability:{student_number}")
        return rho * ability + math.sqrt(1 - rho * rho) * self.gauss(f"profile:{student_number}:{subject}")

    def score(self, *, z: float, subject: str, grade: int, full: Decimal, rng: random.Random) -> Decimal:
        """A whole-number score: the logistic share of full marks plus marking noise, capped at full marks."""
        centre, slope = (
            CURVE_PRIMARY.get(subject, (1.7, 0.9)) if grade <= 6 else CURVE_JUNIOR.get(subject, CURVE_JUNIOR_DEFAULT)
        )
        share = 1 / (1 + math.exp(-(centre + slope * z)))
        value = float(full) * share + rng.gauss(0, float(full) * 0.015)
        return Decimal(max(0, min(int(full), round(value))))


def build(*, county: County, seed: int) -> int:
    """Create, fill and publish the demo exams of `county`; returns the number of results written."""
    from zhiliang.accounts.models import User
    from zhiliang.curriculum.models import Subject
    from zhiliang.exams.models import ExamSubject, ScoreStatus
    from zhiliang.exams.services import ScoreWrite, exam_create, exam_publish, scores_bulk_write
    from zhiliang.org.models import School, SchoolClass, Term
    from zhiliang.people.models import ClassMembership, Student, TeachingAssignment

    actor = User.objects.filter(username="bureau_admin").first()
    subjects = {s.name: s for s in Subject.objects.all()}
    terms = {
        (t.school_year.start_year, t.number): t
        for t in Term.objects.filter(school_year__county=county).select_related("school_year")
    }
    schools = list(School.objects.filter(county=county).order_by("code"))
    school_by_id = {s.pk: s for s in schools}
    classes = {c.pk: c for c in SchoolClass.objects.filter(school__county=county).select_related("school_year")}
    grades_by_school: dict[int, set[int]] = defaultdict(set)
    for klass in classes.values():
        grades_by_school[klass.school_id].add(klass.grade)
    numbers = dict(Student.objects.filter(county=county).values_list("id", "student_number"))
    rosters: dict[tuple[int, int, int], list[tuple[int, int, datetime.date | None]]] = defaultdict(list)
    for student_id, class_id, left_on in ClassMembership.objects.filter(school_year__county=county).values_list(
        "student_id", "school_class_id", "left_on"
    ):
        klass = classes[class_id]
        rosters[(klass.school_year.start_year, klass.school_id, klass.grade)].append((student_id, class_id, left_on))
    for roster in rosters.values():
        roster.sort(key=lambda row: numbers[row[0]])
    teachers = {
        (class_id, subject_id, term_id): staff_number
        for class_id, subject_id, term_id, staff_number in TeachingAssignment.objects.filter(
            teacher__county=county
        ).values_list("school_class_id", "subject_id", "term_id", "teacher__staff_number")
    }

    scorer = _Scorer(seed)
    exempt = _exempt_pupils(seed, numbers, rosters)
    written = 0
    plan = plan_exams([(s.pk, s.kind, grades_by_school[s.pk]) for s in schools], sorted({y for y, _t in terms}))
    cheating_exams = _cheating_exams(seed, plan)
    for index, planned in enumerate(plan):
        term = terms[(planned.year, planned.term)]
        school = school_by_id.get(planned.school_id) if planned.school_id else None
        exam = exam_create(
            actor=actor,
            name=planned.name,
            kind=planned.kind,
            term=term,
            subjects={g: [subjects[name] for name in names] for g, names in planned.subjects.items()},
            scope=planned.scope,
            school=school,
            county=county,
            held_on=planned.held_on,
        )
        rng = random.Random(f"{seed}:exam:{index}")
        exam_subjects = sorted(ExamSubject.objects.filter(exam=exam).select_related("subject"), key=lambda e: e.pk)
        difficulty = {es.pk: rng.gauss(0, 0.15) for es in exam_subjects}
        rows: list[Any] = []
        for grade in sorted(planned.subjects):
            grade_subjects = [e for e in exam_subjects if e.grade == grade]
            for school_id in [s.pk for s in schools] if school is None else [school.pk]:
                home = school_by_id[school_id]
                for student_id, class_id, left_on in rosters.get((planned.year, school_id, grade), []):
                    if left_on is not None and left_on <= planned.held_on:
                        continue  # left before the exam
                    absent = rng.random() < ABSENT_SHARE
                    klass = classes[class_id]
                    for es in grade_subjects:
                        name = es.subject.name
                        if student_id in exempt:
                            rows.append(ScoreWrite(student_id, es.pk, class_id, None, ScoreStatus.EXEMPT))
                            continue
                        if absent:
                            rows.append(ScoreWrite(student_id, es.pk, class_id, None, ScoreStatus.ABSENT))
                            continue
                        teacher = teachers.get((class_id, es.subject_id, term.pk))
                        z = (
                            scorer.pupil(numbers[student_id], name)
                            + _school_effect(scorer, home)
                            + (scorer.gauss(f"teacher:{teacher}:{name}", 0.22) if teacher else 0.0)
                            + scorer.gauss(f"class:{home.code}:{planned.year}:{grade}:{klass.number}:{name}", 0.08)
                            - difficulty[es.pk]
                            + rng.gauss(0, 0.35)
                        )
                        score = scorer.score(z=z, subject=name, grade=grade, full=es.full_marks, rng=rng)
                        rows.append(ScoreWrite(student_id, es.pk, class_id, score, ScoreStatus.SCORED))
        if index in cheating_exams:
            rows = _one_cheat(rows, rng, ScoreWrite, ScoreStatus.CHEATING)
        scores_bulk_write(exam=exam, rows=rows, actor=actor, reason="演示数据")
        exam_publish(exam=exam, actor=actor)
        written += len(rows)
    return written


def _exempt_pupils(
    seed: int, numbers: dict[int, str], rosters: dict[tuple[int, int, int], list[tuple[int, int, Any]]]
) -> set[int]:
    """Two pupils of the written-exam grades, learning in ordinary classes with a disability (随班就读)."""
    pupils = sorted({sid for (_y, _s, grade), roster in rosters.items() if grade >= 3 for sid, _c, _l in roster})
    ranked = sorted(pupils, key=lambda sid: random.Random(f"{seed}:exempt:{numbers[sid]}").random())
    return set(ranked[:2])


def _cheating_exams(seed: int, plan: list[PlannedExam]) -> set[int]:
    """One autumn junior final per school year in which one pupil is caught cheating in one subject."""
    rng = random.Random(f"{seed}:cheating")
    chosen = set()
    for year in sorted({p.year for p in plan}):
        candidates = [
            i
            for i, p in enumerate(plan)
            if p.year == year and p.term == 1 and p.kind == "final" and p.scope == "school" and max(p.subjects) >= 7
        ]
        if candidates:
            chosen.add(rng.choice(candidates))
    return chosen


def _one_cheat(rows: list[Any], rng: random.Random, row_type: Any, status: str) -> list[Any]:
    scored = [i for i, row in enumerate(rows) if row.score is not None]
    if not scored:
        return rows
    i = rng.choice(scored)
    row = rows[i]
    rows[i] = row_type(row.student_id, row.exam_subject_id, row.school_class_id, None, status)
    return rows


def _school_effect(scorer: _Scorer, school: Any) -> float:
    """Town schools a little ahead of village ones, and every school its own way."""
    base = {"城区": 0.25, "镇区": 0.0, "乡村": -0.2}.get(school.location, 0.0)
    return base + scorer.gauss(f"school:{school.code}", 0.15)
