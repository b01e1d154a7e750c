"""Result slips for families show 等级 and growth, never a rank or a raw score (2021 exam rules)."""

import dataclasses
import datetime
import re

import pytest
from django.urls import reverse

from tests.exams.factories import SCORES, make_exam
from zhiliang.exams.models import ExamStatus
from zhiliang.exams.slip import SLIP_FIELDS, ResultSlip, SlipLine, growth_word

pytestmark = pytest.mark.django_db

FORBIDDEN = ("rank", "score", "percentile", "mean", "z", "t")


def test_the_slip_type_cannot_carry_a_rank_or_a_score():
    names = {f.name for f in dataclasses.fields(ResultSlip)} | {f.name for f in dataclasses.fields(SlipLine)}
    assert names == SLIP_FIELDS
    for name in names:
        assert not any(part in FORBIDDEN for part in name.split("_")), name


@pytest.mark.parametrize(
    ("change", "word"), [(None, ""), (5.0, "进步"), (3.0, "进步"), (2.9, "保持稳定"), (-4, "有所下降")]
)
def test_growth_words(change, word):
    assert growth_word(change) == word


def _numbers_in(html):
    """Every number in the visible text of the slip (tags and attributes stripped)."""
    body = html.split('data-testid="result-slip"', 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body).replace("七年级(1)班", "")  # the class name is not a result
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def test_the_rendered_slip_has_levels_and_no_rank_or_score(cast, client):
    make_exam(
        cast,
        name="期中",
        status=ExamStatus.PUBLISHED,
        held_on=datetime.date(2025, 11, 10),
        scores={"s1": {"语文": 70, "数学": 110, "英语": 90}, "s2": {"语文": 119, "数学": 50, "英语": 60}},
    )
    exam = make_exam(cast, name="期末", held_on=datetime.date(2026, 1, 10))
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("exams:student_report", args=[exam.pk, cast.students["s1"].pk]))
    assert response.status_code == 200
    assert isinstance(response.context["slip"], ResultSlip)
    html = response.content.decode()
    # 张三: 语文 110/120 = 91.7 % → A; 数学 100/120 = 83.3 % → B; 英语 90/120 = 75 % → B
    levels = re.findall(r'<td class="fw-semibold">([^<]+)</td>', html)
    assert levels[:3] == ["A", "B", "B"]
    slip_html = html.split('data-testid="result-slip"', 1)[1]
    assert "名次" not in slip_html and "排名" not in slip_html.replace("不公布分数与排名", "")
    raw_scores = {str(v) for v in SCORES["s1"].values()} | {"300", "110", "100", "90"}
    shown = _numbers_in(html)
    assert not (shown & raw_scores), shown & raw_scores
    # Only dates, percentages of the level rule and the term year may appear.
    assert shown <= {"85", "70", "60", "2025", "2026"}, shown
    assert "进步" in html or "保持稳定" in html or "有所下降" in html


def test_a_class_prints_one_slip_per_student(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("exams:class_reports", args=[exam.pk, cast.classes["J01-7-1"].pk]))
    html = response.content.decode()
    assert html.count('data-testid="result-slip"') == 2
    assert "张三" in html and "李四" in html and "王五" not in html


def test_a_subject_teacher_cannot_print_slips(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    assert client.get(reverse("exams:student_report", args=[exam.pk, cast.students["s1"].pk])).status_code == 404
