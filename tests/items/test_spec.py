"""The item specification page (双向细目表): the form, the upload, the template, the rules once item scores
exist, and the knowledge-point page after an edit."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.exams.factories import make_exam
from tests.items.factories import make_paper
from zhiliang.audit.models import AuditEvent
from zhiliang.exams.models import ExamSubject
from zhiliang.items.models import Item, KnowledgePoint, Paper
from zhiliang.items.spec import split_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(cast):
    return make_paper(cast, make_exam(cast))


def url(name, exam_subject):
    return reverse(f"items:{name}", kwargs={"pk": exam_subject.exam_id, "exam_subject_id": exam_subject.pk})


def form_data(client, paper):
    """What the page's form posts when nothing is touched."""
    response = client.get(url("spec", paper.exam_subject))
    data = {}
    for r in response.context["rows"]:
        n = r["position"]
        data |= {
            f"kind-{n}": r["kind"],
            f"key-{n}": r["key"],
            f"kp-{n}": r["knowledge"],
            f"ability-{n}": r["abilities"],
            f"intended-{n}": r["intended"],
        }
    return data


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "细目表"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("spec.xlsx", out.getvalue())


def upload(client, exam_subject, rows):
    return client.post(url("spec_upload", exam_subject), {"file": xlsx(rows)})


def kps_of(paper, label):
    return sorted(Item.objects.get(paper=paper, label=label).knowledge_points.values_list("name", flat=True))


def test_split_names_accepts_every_separator():
    assert split_names("有理数、整式, 方程；几何;有理数，函数") == ("有理数", "整式", "方程", "几何", "函数")
    assert split_names("") == ()


def test_the_form_edits_knowledge_points_ability_and_intended_and_audits(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    version = paper.version
    data = form_data(client, paper) | {"kp-2": "整式；合并同类项", "ability-2": "理解、应用", "intended-2": "0.55"}
    response = client.post(url("spec", paper.exam_subject), data)
    assert response.status_code == 302 and response.url.endswith("?changed=1")
    assert kps_of(paper, "3") == ["合并同类项", "整式"]
    item = Item.objects.get(paper=paper, label="3")
    assert sorted(item.abilities.values_list("name", flat=True)) == ["应用", "理解"]
    assert float(item.intended) == 0.55
    new = KnowledgePoint.objects.get(name="合并同类项")
    assert (new.county_id, new.subject_id) == (paper.exam_subject.exam.county_id, paper.exam_subject.subject_id)
    paper.refresh_from_db()
    assert paper.version > version
    event = AuditEvent.objects.filter(detail__what="item_specification").get()
    assert event.detail["items"] == ["3"] and event.detail["source"] == "form"
    # The same form again changes nothing and records nothing.
    response = client.post(url("spec", paper.exam_subject), form_data(client, paper))
    assert response.url.endswith("?changed=0")
    assert AuditEvent.objects.filter(detail__what="item_specification").count() == 1


def test_the_knowledge_page_shows_a_knowledge_point_entered_on_the_form(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    knowledge = reverse(
        "items:knowledge", kwargs={"pk": paper.exam_subject.exam_id, "exam_subject_id": paper.exam_subject_id}
    )
    assert "合并同类项" not in client.get(knowledge).context["kps"]  # the analysis is now cached
    client.post(url("spec", paper.exam_subject), form_data(client, paper) | {"kp-2": "合并同类项"})
    response = client.get(knowledge)
    assert "合并同类项" in response.context["kps"] and "合并同类项" in response.content.decode()


def test_a_key_that_would_change_stored_points_is_refused_and_nothing_is_saved(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    data = form_data(client, paper) | {"key-0": "C", "kp-2": "合并同类项"}
    response = client.post(url("spec", paper.exam_subject), data)
    assert response.status_code == 400
    problems = " ".join(response.context["problems"])
    assert "“C”" in problems and "4" in problems  # all four students' points on item 1 would change
    assert Item.objects.get(paper=paper, label="1").key == "B"
    assert kps_of(paper, "3") == ["整式"]
    assert response.context["rows"][2]["knowledge"] == "合并同类项"  # what was entered is shown again
    response = client.post(url("spec", paper.exam_subject), form_data(client, paper) | {"key-0": ""})
    assert response.status_code == 400 and any("1" in p for p in response.context["problems"])
    # The same refusal from a file.
    response = upload(client, paper.exam_subject, [["题号", "答案"], ["1", "C"], ["2", "ACD"], [3, None], [4], [5]])
    assert response.status_code == 400 and Item.objects.get(paper=paper, label="1").key == "B"


def test_max_points_and_items_are_fixed_once_item_scores_exist(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    response = upload(client, paper.exam_subject, [["题号", "满分"], [1, 10], [2, 10], [3, 20], [4, 40], [5, 30]])
    assert response.status_code == 400 and "40" in " ".join(response.context["problems"])
    response = upload(client, paper.exam_subject, [["题号", "满分"], [1, 10], [2, 10], [3, 20], [4, 40]])
    assert response.status_code == 400
    assert Item.objects.filter(paper=paper).count() == 5


def test_a_good_file_writes_everything_and_the_same_file_twice_changes_nothing(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    rows = [
        ["题号", "题型", "满分", "答案", "知识点", "能力层次", "预估难度"],
        ["1", "单选", 10, "B", "有理数、数轴", "理解", 0.9],
        ["2", "多选", 10, "ACD", "有理数，整式", "", 0.7],
        ["3", "填空", 20, "", "整式", "识记", 0.6],
        ["4", "解答", 40, "", "一元一次方程", "应用", ""],
        ["5", "解答", 40, "", "一元一次方程；几何初步", "综合", 0.5],
    ]
    response = upload(client, paper.exam_subject, rows)
    assert response.status_code == 302 and response.url.endswith("?changed=3")  # items 1, 3 and 4
    assert kps_of(paper, "1") == ["数轴", "有理数"]
    assert Item.objects.get(paper=paper, label="4").intended is None
    assert float(Item.objects.get(paper=paper, label="1").intended) == 0.9
    version = Paper.objects.get(pk=paper.pk).version
    response = upload(client, paper.exam_subject, rows)
    assert response.url.endswith("?changed=0")
    assert Paper.objects.get(pk=paper.pk).version == version


def test_a_bad_file_names_file_sheet_row_and_column(client, cast, paper):
    client.force_login(cast.user("bureau_admin"))
    rows = [
        ["题号", "题型", "满分", "知识点"],
        ["1", "单选", 10, "有理数"],
        ["2", "判断", 10, "整式"],
        ["3", "填空", "二十", ""],
    ]
    response = upload(client, paper.exam_subject, rows)
    assert response.status_code == 400
    problems = response.context["problems"]
    assert any("spec.xlsx" in p and "细目表" in p and "第 3 行 B 列" in p and "判断" in p for p in problems), problems
    assert any("第 4 行 C 列" in p and "二十" in p for p in problems), problems
    assert kps_of(paper, "1") == ["有理数"]


def test_a_file_defines_the_items_of_a_paper_without_items_and_the_template_returns_them(client, cast):
    exam = make_exam(cast)
    chinese = ExamSubject.objects.get(exam=exam, subject__name="语文")
    client.force_login(cast.user("bureau_admin"))
    assert client.get(url("spec", chinese)).context["rows"] == []
    rows = [["题号", "题型", "满分", "答案", "知识点"], ["1", "单选", 3, "A", "字音"], ["2", "解答", 97, "", "作文"]]
    response = upload(client, chinese, rows)
    assert response.status_code == 302
    paper = Paper.objects.get(exam_subject=chinese)
    assert list(paper.items.values_list("label", "kind", "key")) == [("1", "single", "A"), ("2", "constructed", "")]
    template = client.get(url("spec_template", chinese))
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert values[0][:5] == ("题号", "题型", "满分", "答案", "知识点")
    assert values[1][:5] == ("1", "单选", "3", "A", "字音")
    # The downloaded template uploaded again changes nothing.
    response = client.post(url("spec_upload", chinese), {"file": SimpleUploadedFile("template.xlsx", template.content)})
    assert response.url.endswith("?changed=0")


def test_the_paper_page_links_to_the_specification_only_for_editors(client, cast, paper):
    paper_url = reverse(
        "items:paper", kwargs={"pk": paper.exam_subject.exam_id, "exam_subject_id": paper.exam_subject_id}
    )
    client.force_login(cast.user("bureau_admin"))  # the county exam's managers
    assert url("spec", paper.exam_subject) in client.get(paper_url).content.decode()
    # A school's leadership imports its own students' item scores, but does not change the county's paper.
    client.force_login(cast.user("principal"))
    page = client.get(paper_url).content.decode()
    assert url("spec", paper.exam_subject) not in page and "imports/" in page
    client.force_login(cast.user("head_teacher"))
    assert url("spec", paper.exam_subject) not in client.get(paper_url).content.decode()
