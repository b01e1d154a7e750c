"""The demo county's support layer: realistic archives the demo logins find (docs/support.md, "Demo")."""

import pytest
from django.urls import reverse

from zhiliang.demo.build import demo_county_build

pytestmark = pytest.mark.django_db


def test_the_demo_holds_archives_and_the_head_teacher_finds_them(client):
    from zhiliang.accounts.models import User
    from zhiliang.demo import support
    from zhiliang.org.models import County
    from zhiliang.support.models import CaseStatus, Intervention, SupportCase

    report = demo_county_build(scale=0.05, layers={"exams", "support"})
    assert "support" in report.layers_added
    county = County.objects.get(name="清河县")
    counts = support.counts(county)
    assert counts["support_cases"] >= 20 and counts["support_interventions"] >= 5 * counts["support_cases"]
    assert counts["support_reviews"] >= counts["support_cases"]
    assert SupportCase.objects.filter(status=CaseStatus.EXITED).exists()
    assert Intervention.objects.filter(kind="home_visit").exists()
    # Every case has a plan with a paired teacher of the student's school and goals.
    assert not SupportCase.objects.filter(mentor__isnull=True).exists()
    assert not SupportCase.objects.filter(goals="").exists()

    head = User.objects.get(username="head_teacher")
    client.force_login(head)
    overview = client.get(reverse("support:overview")).context["overview"]
    assert overview.level == "classes" and overview.total.identified >= 1
    assert overview.total.idle < overview.total.active  # most cases are kept up
    (row,) = [r for r in overview.rows if r.label.endswith("九年级(1)班")]  # 县一中 九年级(1)班, the class they head
    assert row.identified >= 1
    case = SupportCase.objects.filter(student__memberships__school_class_id=row.key).first()
    page = client.get(reverse("support:case", kwargs={"pk": case.pk}))
    assert page.status_code == 200 and page.context["reviews"]

    # Building again adds nothing.
    assert "support" not in demo_county_build(scale=0.05, layers={"exams", "support"}).layers_added
