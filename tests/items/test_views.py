"""The item-analysis pages per role: content, the cut to the user's classes, exports (audited), 404s."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.exams.factories import make_exam
from tests.items.factories import make_paper
from zhiliang.audit.models import AuditEvent
from zhiliang.items.analysis import paper_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(cast):
    return make_paper(cast, make_exam(cast))


def url(name, paper, **extra):
    return reverse(
        f"items:{name}", kwargs={"pk": paper.exam_subject.exam_id, "exam_subject_id": paper.exam_subject_id, **extra}
    )


def get(client, cast, role, address):
    client.force_login(cast.user(role))
    return client.get(address)


def test_the_paper_page_shows_items_statistics_and_charts(client, cast, paper):
    response = get(client, cast, "bureau_admin", url("paper", paper))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-items-chart="scatter"' in html and 'id="scatter-data"' in html
    assert 'data-items-chart="options"' in html  # two choice items
    data = paper_data(paper)
    assert f"{data.analysis.test.alpha:.3f}" in html
    assert response.context["mismatch_count"] == 0
    assert [r["item"] for r in response.context["items"]] == ["1", "2", "3", "4", "5"]


def test_the_unit_comparison_is_limited_to_what_the_user_sees(client, cast, paper):
    class_21 = cast.classes["J02-7-1"].pk
    assert get(client, cast, "bureau_admin", url("paper", paper) + f"?unit=class:{class_21}").status_code == 200
    assert get(client, cast, "principal", url("paper", paper) + f"?unit=class:{class_21}").status_code == 404
    own = cast.classes["J01-7-1"].pk
    response = get(client, cast, "principal", url("paper", paper) + f"?unit=class:{own}")
    assert response.status_code == 200
    # s1 and s2 of 七年级(1)班 both got 10 on item 1 and 2 out of... item 1: 10 and 0 → 0.50
    assert response.context["items"][0]["unit_difficulty"] == "0.50"
    assert get(client, cast, "principal", url("paper", paper) + "?unit=bogus").status_code == 404


def test_the_heat_map_shows_only_the_users_classes(client, cast, paper):
    response = get(client, cast, "bureau_admin", url("knowledge", paper))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3  # 一中 (1)(2), 二中 (1)
    assert response.context["kps"] == sorted(["有理数", "整式", "一元一次方程", "几何初步"])
    response = get(client, cast, "head_teacher", url("knowledge", paper))
    assert [(r["school"], r["class"]) for r in response.context["rows"]] == [("第一初级中学", "七年级(1)班")]


def test_class_page_lists_lost_points_and_is_404_outside_scope(client, cast, paper):
    class_11 = cast.classes["J01-7-1"].pk
    response = get(client, cast, "subject_teacher", url("class", paper, class_id=class_11))
    assert response.status_code == 200
    rows = {r["name"]: r for r in response.context["rows"]}
    assert set(rows) == {"张三", "李四"}
    kps = response.context["kps"]
    # 李四 lost 10 + 5 of 有理数 (items 1 and 2, 20 possible)
    assert rows["李四"]["lost"][kps.index("有理数")] == 15
    assert (
        get(client, cast, "subject_teacher", url("class", paper, class_id=cast.classes["J02-7-1"].pk)).status_code
        == 404
    )


def test_student_page_lists_lost_items_and_knowledge_points(client, cast, paper):
    response = get(client, cast, "head_teacher", url("student", paper, student_id=cast.students["s2"].pk))
    assert response.status_code == 200
    lost = [r["item"] for r in response.context["lost_items"]]
    assert lost == ["1", "2", "3", "4", "5"]
    first = response.context["kp_rows"][0]
    assert first["knowledge_point"] == "一元一次方程" and first["lost"] == 30
    other = get(client, cast, "head_teacher", url("student", paper, student_id=cast.students["s4"].pk))
    assert other.status_code == 404


def test_other_subjects_teacher_cannot_open_the_paper(client, cast, paper):
    assert get(client, cast, "other_teacher", url("paper", paper)).status_code == 404
    assert get(client, cast, "central_principal", url("paper", paper)).status_code == 404


@pytest.mark.parametrize(
    ("name", "extra", "what"),
    [
        ("paper", {}, "items"),
        ("knowledge", {}, "knowledge_points"),
        ("class", {"class_id": "J01-7-1"}, "lost_points_class"),
        ("student", {"student_id": "s1"}, "lost_points_student"),
    ],
)
def test_every_page_exports_xlsx_and_the_export_is_audited(client, cast, paper, name, extra, what):
    kwargs = {}
    if "class_id" in extra:
        kwargs["class_id"] = cast.classes[extra["class_id"]].pk
    if "student_id" in extra:
        kwargs["student_id"] = cast.students[extra["student_id"]].pk
    response = get(client, cast, "principal", url(name, paper, **kwargs) + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.worksheets[0].max_row >= 2
    event = AuditEvent.objects.get(action="export")
    assert event.detail["what"] == what


def test_the_index_lists_papers_the_user_sees(client, cast, paper):
    response = get(client, cast, "subject_teacher", reverse("items:index"))
    assert response.status_code == 200
    assert [p["subject"] for g in response.context["groups"] for p in g["papers"]] == ["数学"]
    response = get(client, cast, "other_teacher", reverse("items:index"))
    assert response.context["groups"] == []


def test_mismatching_students_are_listed(client, cast):
    from tests.items.factories import POINTS

    points = dict(POINTS)
    points["s4"] = ([10, 10, 5, 20, 25], {"0": "B", "1": "ACD"})
    paper = make_paper(cast, make_exam(cast), points=points)
    response = get(client, cast, "bureau_admin", url("paper", paper))
    assert response.context["mismatch_count"] == 1
    assert response.context["mismatches"][0]["name"] == "赵六"
    # The principal of 第一初级中学 does not see 赵六 (第二初级中学).
    assert get(client, cast, "principal", url("paper", paper)).context["mismatch_count"] == 0


def test_the_exam_page_links_to_the_papers_the_user_sees(client, cast, paper):
    exam_url = reverse("exams:detail", args=[paper.exam_subject.exam_id])
    html = get(client, cast, "subject_teacher", exam_url).content.decode()
    assert 'data-testid="item-analysis-links"' in html and url("paper", paper) in html
    html = get(client, cast, "other_teacher", exam_url).content.decode()
    assert 'data-testid="item-analysis-links"' not in html


def test_the_pages_are_in_chinese_by_default(client, cast, paper):
    html = get(client, cast, "bureau_admin", url("paper", paper)).content.decode()
    assert "与分界分数相同的学生一并计入" in html and "克隆巴赫 α 系数" in html
    assert "Difficulty = mean" not in html
