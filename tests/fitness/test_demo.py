"""The demo's fitness layer: two years, every pupil in a class, plausible by grade and sex, deterministic."""

import statistics
from collections import defaultdict

import pytest

from zhiliang.demo import fitness as layer
from zhiliang.demo.build import demo_county_build
from zhiliang.fitness.models import FitnessRecord
from zhiliang.org.models import County

pytestmark = pytest.mark.django_db
SCALE = 0.05


@pytest.fixture
def county():
    demo_county_build(scale=SCALE, with_exams=False)
    county = County.objects.get(name="清河县")
    assert not layer.present(county)
    written = layer.build(county=county, seed=20250901)
    assert written == FitnessRecord.objects.count() > 0
    return county


def test_two_years_of_records_for_primary_and_junior_pupils(county) -> None:
    assert layer.present(county)
    records = list(FitnessRecord.objects.all())
    assert {r.school_year.start_year for r in records} == {2024, 2025}
    assert {r.grade for r in records} >= {1, 6, 7, 9}
    counts = layer.counts(county)
    assert counts["fitness_records"] == len(records) and counts["vision_records"] > 0.95 * len(records)


def test_primary_pupils_mostly_pass_and_juniors_are_refused_where_tables_are_incomplete(county) -> None:
    primary = [r for r in FitnessRecord.objects.filter(grade__lte=6) if not r.exempt]
    scored = [r for r in primary if r.total is not None]
    assert len(scored) == len(primary)  # primary tables are complete
    passed = sum(r.band != "fail" for r in scored) / len(scored)
    assert 0.85 <= passed <= 0.99, passed
    junior = [r for r in FitnessRecord.objects.filter(grade__gte=7) if not r.exempt]
    refused = [r for r in junior if r.total is None]
    assert refused and all(r.refusals for r in refused)
    assert all(r.scores.get("vital_capacity") for r in junior)  # complete junior tables are still rated


def test_growth_vision_and_weight_are_plausible(county) -> None:
    heights = defaultdict(list)
    for r in FitnessRecord.objects.all():
        heights[(r.grade, r.sex)].append(float(r.height))
    assert statistics.mean(heights[(1, "M")]) < statistics.mean(heights[(6, "M")]) < statistics.mean(heights[(9, "M")])
    records = list(FitnessRecord.objects.all())
    poor = defaultdict(list)
    for r in records:
        poor[r.grade <= 3].append(r.vision_level not in ("", "normal"))
    assert statistics.mean(poor[True]) < statistics.mean(poor[False])
    heavy = sum(r.weight_status in ("overweight", "obese") for r in records) / len(records)
    assert 0.05 < heavy < 0.35, heavy


def test_the_layer_is_deterministic(county) -> None:
    first = sorted(FitnessRecord.objects.values_list("student__student_number", "school_year__start_year", "total"))
    FitnessRecord.objects.all().delete()
    layer.build(county=county, seed=20250901)
    again = sorted(FitnessRecord.objects.values_list("student__student_number", "school_year__start_year", "total"))
    assert first == again
