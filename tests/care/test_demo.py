"""The care layer of the demo county: realistic, deterministic, meaningful for the demo logins."""

import random

import pytest

from zhiliang.care.models import CareGrant, Observation, PsychCase, SpecialGroupProfile, TermComment
from zhiliang.demo import care as layer
from zhiliang.demo.build import demo_county_build
from zhiliang.org.models import County, SchoolClass

pytestmark = pytest.mark.django_db


def test_the_demo_layer():
    """One build (with the exams it reads): counts, realism, the head teacher's class, determinism."""
    demo_county_build(scale=0.05, layers={"exams", "care"})
    county = County.objects.get(name="清河县")
    assert layer.present(county)
    counts = layer.counts(county)
    assert counts["care_profiles"] > 0 and counts["care_observations"] > 0
    assert counts["care_psych_cases"] >= 2 and counts["care_follow_ups"] >= 1
    # Left-behind children are commoner in villages than in town.
    village = SpecialGroupProfile.objects.filter(student__school__location="乡村")
    assert village.filter(left_behind=True).count() / max(village.count(), 1) > 0.5

    head_class = SchoolClass.objects.get(
        school__code="QH03", school_year__is_current=True, grade=9, number=1, school__county=county
    )
    observations = Observation.objects.filter(school_class=head_class)
    assert observations.count() > head_class.memberships.count() * 3
    assert observations.filter(positive=False).exists()
    assert TermComment.objects.filter(student__memberships__school_class=head_class).exists()
    assert PsychCase.objects.filter(student__memberships__school_class=head_class).count() >= 1
    assert CareGrant.objects.filter(user__username="academic_director", kind="psych").exists()

    # Each profile is a function of the seed and the student number alone.
    for profile in SpecialGroupProfile.objects.select_related("student__school")[:50]:
        location = profile.student.school.location
        rng = random.Random(f"2025:care:profile:{profile.student.student_number}")
        expected = layer._profile(rng, rural=location == "乡村", town=location == "城区")
        assert expected is not None
        assert all(getattr(profile, key) == value for key, value in expected.items())
