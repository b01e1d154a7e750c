"""临界生 lists, scholarship tiers, the top-student register and the rules page."""

import pytest
from django.urls import reverse

from tests.support.factories import STRUGGLING, published_exam, two_exams
from zhiliang.audit.models import AuditEvent
from zhiliang.support import services
from zhiliang.support.models import SupportRules

pytestmark = pytest.mark.django_db


def rows_of(response):
    return [(r.name, r.subject, r.kind, r.movement) for r in response.context["rows"]]


def test_critical_list_with_movement_by_hand(cast, client):
    # Lines (full marks 120): pass 72, excellent 102, margin 6; total (360): excellent 306, margin 18.
    # 张三: 数学 100 and total 300 are near the excellent line in both exams ("still").
    first, _second = two_exams(cast)
    later = {**STRUGGLING, "s1": {"语文": 110, "数学": 105, "英语": 90}}  # 数学 105 ≥ 102, total 305
    third = published_exam(cast, "十一月统考", 58, later)
    client.force_login(cast.user("head_teacher"))
    url = reverse("support:critical", kwargs={"class_id": cast.classes["J01-7-1"].pk})
    before = client.get(url, {"exam": _second.pk})
    assert rows_of(before) == [("张三", "数学", "excellent", "still"), ("张三", "总分", "excellent", "still")]
    after = client.get(url, {"exam": third.pk})
    assert rows_of(after) == [("张三", "数学", "excellent", "crossed"), ("张三", "总分", "excellent", "still")]
    assert after.context["previous"] == _second
    html = after.content.decode()
    assert "5%" in html and "5%%" not in html and "已过线" in html
    # The first exam has nothing to compare with: everyone near is new.
    assert rows_of(client.get(url, {"exam": first.pk})) == [
        ("张三", "数学", "excellent", "new"),
        ("张三", "总分", "excellent", "new"),
    ]


def test_a_subject_teacher_sees_only_their_subject(cast, client):
    two_exams(cast)
    client.force_login(cast.user("subject_teacher"))
    response = client.get(reverse("support:critical", kwargs={"class_id": cast.classes["J01-7-1"].pk}))
    assert response.context["subjects"] == ["数学"]
    assert rows_of(response) == [("张三", "数学", "excellent", "still")]


def test_scholarship_tiers_and_register(cast, client):
    _first, second = two_exams(cast)
    rules = services.rules_for(cast.county)
    rules.tier_first, rules.tier_second, rules.top_n, rules.top_min_times = 1, 3, 2, 2
    rules.save()
    # County totals: 张三 300 (1), 赵六 273 (2), 王五 215 (3), 李四 130 (4) in both exams.
    client.force_login(cast.user("bureau_analyst"))
    response = client.get(reverse("support:top"), {"exam": second.pk})
    assert [(r.name, r.rank, r.tier) for r in response.context["awards"]] == [
        ("张三", 1, "first"),
        ("赵六", 2, "second"),
        ("王五", 3, "second"),
    ]
    assert [(r.name, r.ranks) for r in response.context["register"]] == [("张三", [1, 1]), ("赵六", [2, 2])]
    client.logout()
    # The principal of 第一初级中学 sees the list of their own students only.
    client.force_login(cast.user("principal"))
    response = client.get(reverse("support:top"), {"exam": second.pk})
    assert [r.name for r in response.context["awards"]] == ["张三", "王五"]
    pdf = client.get(reverse("support:award_pdf", kwargs={"exam_id": second.pk}))
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", detail__what="scholarship_awards").count() == 1


def test_a_school_exam_has_no_award_list(cast, client):
    from zhiliang.exams.models import Exam

    exam = published_exam(cast, "校内期中", 30)
    client.force_login(cast.user("bureau_admin"))
    Exam.objects.filter(pk=exam.pk).update(scope="school", school=cast.junior1)
    assert client.get(reverse("support:award_pdf", kwargs={"exam_id": exam.pk})).status_code == 404


def test_the_bureau_sets_the_rules(cast, client):
    client.force_login(cast.user("bureau_admin"))
    url = reverse("support:rules")
    fields = {
        "min_low_subjects": 0,
        "bottom_share": "0",
        "consecutive_exams": 2,
        "improve_margin": "5",
        "idle_weeks": 3,
        "top_n": 200,
        "top_min_times": 2,
        "tier_first": 100,
        "tier_second": 200,
    }
    response = client.post(url, fields)
    assert response.status_code == 200 and response.context["form"].errors  # both criteria off: refused
    client.post(url, {**fields, "min_low_subjects": 3, "bottom_share": "0.05"})
    rules = SupportRules.objects.get(county=cast.county)
    assert (rules.min_low_subjects, str(rules.bottom_share), rules.updated_by) == (
        3,
        "0.050",
        cast.user("bureau_admin"),
    )
