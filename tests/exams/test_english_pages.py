"""The analysis pages in English: labels made by the code (not data) are translated, charts included."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.exams.factories import make_exam
from zhiliang.exams.models import ExamStatus
from zhiliang.exams.score_writes import score_problem

pytestmark = pytest.mark.django_db

# Words the code used to write into pages and chart data whatever the language.
FIXED_CHINESE = ("分数段", "名次", "人数", "全县", "总分", "一档", "及格线", "超均率", "T 分", "已发布并锁定")


def english(client, cast, role, name, *args):
    """The page in English, its `json_script` chart data decoded (json_script escapes non-ASCII)."""
    client.force_login(cast.user(role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (role, name)
    html = response.content.decode()
    data = re.findall(r'<script id="[^"]+" type="application/json">(.*?)</script>', html, re.S)
    return html + "".join(json.dumps(json.loads(d), ensure_ascii=False) for d in data)


def test_the_county_overview_in_english(cast, client):
    html = english(client, cast, "bureau_analyst", "exams:overview", make_exam(cast).pk)
    assert "Total score bands" in html and '"count_label": "Students"' in html and '"y_name": "Rank"' in html
    assert not [word for word in FIXED_CHINESE if word in html]


def test_the_school_page_in_english(cast, client):
    html = english(client, cast, "principal", "exams:school", make_exam(cast).pk, cast.junior1.pk)
    assert "第一初级中学 Total score bands" in html and "（" not in html.split("cut-heading", 1)[1]
    assert not [word for word in FIXED_CHINESE if word in html]


def test_the_class_and_student_pages_in_english(cast, client):
    exam = make_exam(cast)
    html = english(client, cast, "head_teacher", "exams:class", exam.pk, cast.classes["J01-7-1"].pk)
    assert '"name": "Whole county"' in html and ">Total<" in html
    assert not [word for word in FIXED_CHINESE if word in html]
    html = english(client, cast, "head_teacher", "exams:student", exam.pk, cast.students["s1"].pk)
    assert '"y_name": "T score"' in html and "County mean" in html
    assert not [word for word in FIXED_CHINESE if word in html]


def test_the_teacher_page_in_english(cast, client):
    exam = make_exam(cast)
    html = english(client, cast, "subject_teacher", "exams:teacher", exam.pk, cast.teachers["subject_teacher"].pk)
    assert '"y_name": "Over-mean rate (%)"' in html
    assert not [word for word in FIXED_CHINESE if word in html]


def test_a_locked_exam_says_why_in_english(cast, client):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    html = english(client, cast, "academic_director", "exams:entry", exam.pk, cast.classes["J01-7-1"].pk)
    assert "published and locked" in html and "已发布并锁定" not in html


def test_score_problems_follow_the_active_language(settings):
    from django.utils import translation

    with translation.override("en"):
        assert score_problem(121, "scored", 120) == "Score 121 is above the full marks 120"
    with translation.override("zh-hans"):
        assert score_problem(121, "scored", 120) == "成绩 121 超过满分 120"
