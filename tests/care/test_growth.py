"""Quick observations, summaries, the term evaluation and the parent report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from zhiliang.care.models import Observation, TermComment
from zhiliang.curriculum.models import Subject
from zhiliang.exams.models import Exam, ExamSubject, Score

pytestmark = pytest.mark.django_db


def _observe(cast, key, day, domain, positive):
    return Observation.objects.create(
        student=cast.students[key],
        school_class=cast.classes["J01-7-1"],
        date=day,
        domain=domain,
        positive=positive,
        recorded_by=cast.user("head_teacher"),
    )


def test_a_tap_records_an_observation_and_answers_htmx_with_the_tally(cast, client):
    client.force_login(cast.user("head_teacher"))
    url = reverse("care:observation_add", args=[cast.classes["J01-7-1"].pk])
    data = {"student": cast.students["s1"].pk, "domain": "labour", "positive": "1", "note": "值日认真"}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="tally-{cast.students["s1"].pk}"' in response.content.decode()
    assert "+1" in response.content.decode()
    saved = Observation.objects.get()
    assert (saved.domain, saved.positive, saved.note, saved.date) == ("labour", True, "值日认真", timezone.localdate())
    assert saved.recorded_by == cast.user("head_teacher")


def test_a_pupil_of_another_class_cannot_be_observed(cast, client):
    client.force_login(cast.user("head_teacher"))
    url = reverse("care:observation_add", args=[cast.classes["J01-7-1"].pk])
    response = client.post(url, {"student": cast.students["s3"].pk, "domain": "moral", "positive": "0"})
    assert response.status_code == 404 and not Observation.objects.exists()


def test_bad_input_is_400(cast, client):
    client.force_login(cast.user("head_teacher"))
    url = reverse("care:observation_add", args=[cast.classes["J01-7-1"].pk])
    assert client.post(url, {"student": "x", "domain": "music", "positive": "1"}).status_code == 400


def test_the_phone_page_lists_the_class(cast, client):
    client.force_login(cast.user("subject_teacher"))
    page = client.get(reverse("care:class_observe", args=[cast.classes["J01-7-1"].pk])).content.decode()
    assert "张三" in page and "李四" in page and "王五" not in page


def test_weekly_summary_by_hand(cast, client):
    monday = datetime.date(2025, 11, 17)
    _observe(cast, "s1", monday, "moral", True)
    _observe(cast, "s1", monday + datetime.timedelta(days=2), "moral", False)
    _observe(cast, "s1", monday + datetime.timedelta(days=7), "academic", True)
    client.force_login(cast.user("grade_leader"))
    response = client.get(reverse("care:class_summary", args=[cast.classes["J01-7-1"].pk]), {"period": "week"})
    periods = response.context["periods"]
    assert [p.start for p, _end, _t in periods] == [monday + datetime.timedelta(days=7), monday]  # newest first
    assert response.context["chosen"].start == monday + datetime.timedelta(days=7)
    _latest, _end, tallies = periods[1]
    assert (tallies[0].positive, tallies[0].negative) == (1, 1)
    response = client.get(
        reverse("care:class_summary", args=[cast.classes["J01-7-1"].pk]), {"period": "week", "start": "2025-11-17"}
    )
    assert response.context["chosen"].unobserved == (str(cast.students["s2"].pk),)
    monthly = client.get(reverse("care:class_summary", args=[cast.classes["J01-7-1"].pk]), {"period": "month"})
    assert [p.overall.total for p, _e, _t in monthly.context["periods"]] == [3]


def _exam(cast, kind, full, scores):
    exam = Exam.objects.create(
        county=cast.county, school=cast.junior1, term=cast.term, name=f"七年级{kind}", kind=kind, status="published"
    )
    math = cast.subjects["数学"]
    exam_subject = ExamSubject.objects.create(exam=exam, grade=7, subject=math, full_marks=full)
    for key, score in scores.items():
        Score.objects.create(
            exam_subject=exam_subject,
            student=cast.students[key],
            school_class=cast.classes["J01-7-1"],
            score=score,
            status="scored",
        )
    return exam


def test_term_evaluation_shows_levels_and_no_scores(cast, client):
    assert isinstance(cast.subjects["数学"], Subject)
    _exam(cast, "midterm", 100, {"s1": 90})
    _exam(cast, "final", 120, {"s1": 84})
    for day, positive in [(1, True), (2, True), (3, True), (4, False)]:
        _observe(cast, "s1", datetime.date(2025, 10, day), "moral", positive)
    client.force_login(cast.user("head_teacher"))
    url = reverse("care:student_growth", args=[cast.students["s1"].pk])
    response = client.post(url, {"comment": "认真负责，继续加油。"})
    assert response.status_code == 302
    assert TermComment.objects.get().written_by == cast.user("head_teacher")
    response = client.get(url)
    assert response.context["subjects"] == [("数学", "良好")]  # (90 + 84) / 220 = 79%
    assert response.context["domains"][0][2] == "良好"  # 3 of 4 praise = 75%
    page = response.content.decode()
    assert "认真负责" in page and "暂无体质健康数据" in page
    assert "174" not in page and "84" not in page.replace("2025", "")


def test_grade_leader_reads_but_cannot_comment(cast, client):
    client.force_login(cast.user("grade_leader"))
    url = reverse("care:student_growth", args=[cast.students["s1"].pk])
    assert client.get(url).context["form"] is None
    assert client.post(url, {"comment": "x"}).status_code == 404


def test_parent_report_pdf(cast, client):
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("care:growth_report", args=[cast.students["s1"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_fitness_is_called_defensively(cast, monkeypatch):
    from zhiliang.care import selectors

    assert selectors.fitness_summary(cast.students["s1"], cast.year) is None or isinstance(
        selectors.fitness_summary(cast.students["s1"], cast.year), dict
    )
    import zhiliang.fitness.selectors as fitness_selectors  # noqa: F401 — present once the fitness app lands

    monkeypatch.setattr(
        "zhiliang.fitness.selectors.student_fitness_summary",
        lambda student, year: {"band": "良好", "total": 82},
        raising=False,
    )
    assert selectors.fitness_summary(cast.students["s1"], cast.year)["band"] == "良好"

    def broken(student, year):
        raise RuntimeError("no data")

    monkeypatch.setattr("zhiliang.fitness.selectors.student_fitness_summary", broken, raising=False)
    assert selectors.fitness_summary(cast.students["s1"], cast.year) is None
