"""The demo's item scores: every grade 9 county paper has items with knowledge points, item scores add up to
the subject scores, and the analysis finds the deliberately flawed items."""

import math
import random

import pytest

from zhiliang.demo.build import demo_county_build
from zhiliang.demo.items import KNOWLEDGE, blueprint, item_scores

SCALE = 0.05


@pytest.mark.parametrize(
    ("subject", "full"), [("数学", 120), ("语文", 120), ("英语", 120), ("物理", 100), ("历史", 100)]
)
def test_blueprints_add_up_and_item_scores_match_every_possible_score(subject, full):
    items = blueprint(subject, full)
    assert sum(item.points for item in items) == full
    assert len({item.label for item in items}) == len(items)
    rng = random.Random(5)
    for score in range(full + 1):
        share = min(0.995, max(0.005, score / full))
        points, answers = item_scores(items, score, math.log(share / (1 - share)), rng)
        assert sum(points) == score
        assert all(0 <= p <= item.points for p, item in zip(points, items, strict=True))
        for index, item in enumerate(items):
            if item.kind == "single" and points[index]:
                assert str(index) in answers


@pytest.mark.django_db
def test_demo_papers_cover_the_county_exams_and_add_up():
    from zhiliang.exams.models import Exam, ExamScope, Score, ScoreStatus
    from zhiliang.items.analysis import paper_data
    from zhiliang.items.models import ItemResponse, KnowledgePoint, Paper

    report = demo_county_build(scale=SCALE, layers={"exams", "items"})
    assert report.counts["item_papers"] > 0 and report.counts["item_scores"] > 0
    county_exams = Exam.objects.filter(scope=ExamScope.COUNTY, exam_subjects__grade=9).distinct()
    assert {e.kind for e in county_exams} >= {"unified", "mock"}
    for exam in county_exams:
        for es in exam.exam_subjects.filter(grade=9):
            assert Paper.objects.filter(exam_subject=es).exists(), es
    assert KnowledgePoint.objects.filter(name="函数").exists()
    assert set(KnowledgePoint.objects.values_list("subject__name", flat=True)) == set(KNOWLEDGE)
    scores = {
        (s.exam_subject_id, s.student_id): float(s.score)
        for s in Score.objects.filter(exam_subject__paper__isnull=False, status=ScoreStatus.SCORED)
    }
    responses = list(ItemResponse.objects.select_related("paper"))
    assert len(responses) == len(scores)
    for r in responses:
        assert sum(p for p in r.points if p is not None) == scores[(r.paper.exam_subject_id, r.student_id)]
    math_paper = Paper.objects.filter(exam_subject__subject__name="数学").first()
    data = paper_data(math_paper)
    assert data.mismatches.is_empty()
    flags = {s.item: s.flags for s in data.analysis.items}
    assert "too_easy" in flags["1"]
    assert any(f.startswith("distractor_attracts_strong") for f in flags["8"])
    assert data.analysis.test.alpha > 0.7
    # Running the build again adds nothing.
    again = demo_county_build(scale=SCALE, layers={"exams", "items"})
    assert "items" not in again.layers_added
