"""The placement pages as a director uses them: upload, the board, moves by htmx, exports and the notice."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.placement.factories import next_year, placed_run, unique_intake, xlsx_bytes
from tests.placement.intakes import intake_rows
from zhiliang.audit.models import AuditEvent
from zhiliang.placement.models import PlacementRun, RunStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(cast, client):
    client.force_login(cast.user("academic_director"))
    return client


def upload(client, cast, content, **fields):
    data = {
        "file": SimpleUploadedFile("七年级新生.xlsx", content),
        "school": cast.junior1.pk,
        "school_year": next_year(cast).pk,
        "grade": 7,
        "classes": 3,
        "max_size": 50,
        "seed": 0,
        "time_limit": 0.5,
        "bands": 5,
        "apart": "",
        **fields,
    }
    return client.post(reverse("placement:create"), data)


def test_an_upload_leads_to_the_board(director, cast):
    response = upload(director, cast, xlsx_bytes(intake_rows(unique_intake(30, classes=3))))
    run = PlacementRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("placement:detail", args=[run.pk])
    html = director.get(response["Location"]).content.decode()
    assert 'id="placement-classes"' in html and 'id="placement-comparison"' in html
    assert "七年级(1)班" in html and "七年级(3)班" in html
    assert '<script id="placement-chart-data" type="application/json">' in html
    # Strict CSP: the only <script> elements are external files and JSON data.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "style=" not in html


def test_an_upload_with_problems_lists_them_and_places_nothing(director, cast):
    rows = [["学籍号", "姓名", "性别"], ["G1", "甲", "男"], ["G1", "乙", "X"]]
    response = upload(director, cast, xlsx_bytes(rows))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="intake-problems"' in html
    assert "第 3 行 C 列（性别）" in html and "出现了不止一次" in html
    assert not PlacementRun.objects.exists()


def test_the_form_refuses_a_grade_the_school_does_not_teach(director, cast):
    response = upload(director, cast, xlsx_bytes(intake_rows(unique_intake(6))), grade=1)
    assert response.status_code == 200 and not PlacementRun.objects.exists()
    assert "第一初级中学" in response.content.decode()


def test_a_move_by_htmx_returns_the_updated_board_with_the_broken_constraint(director, cast):
    run = placed_run(cast, count=10, classes=2)
    student = next(k for k, v in run.assignment.items() if v == 1)
    url = reverse("placement:move", args=[run.pk])
    response = director.post(url, {"action": "move", "student": student, "to_class": 2}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="placement-board">')
    assert 'id="placement-violations"' in html and "各班人数相差 2 人" in html
    response = director.post(url, {"action": "move", "student": student, "to_class": 1}, HTTP_HX_REQUEST="true")
    assert 'id="placement-ok"' in response.content.decode()
    response = director.post(url, {"action": "swap", "first": student, "second": "nobody"}, HTTP_HX_REQUEST="true")
    assert "请选择本批新生中的两名不同学生。" in response.content.decode()


def test_the_progress_fragment_refreshes_the_page_when_done(director, cast):
    run = placed_run(cast)
    response = director.get(reverse("placement:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Refresh"] == "true"


def test_exports_are_audited_and_the_notice_shows_names_only(director, cast):
    run = placed_run(cast, count=12, classes=2)
    response = director.get(reverse("placement:export", args=[run.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["分班汇总", "七年级(1)班", "七年级(2)班"]
    notice = director.get(reverse("placement:notice", args=[run.pk])).content.decode()
    names = [s["name"] for s in run.intake]
    assert all(name in notice for name in names)
    assert not any(s["student_id"] in notice for s in run.intake)  # no 学籍号 on a notice for parents
    # No score either: searched as whole numbers (a score of 202 is not the "2026" of the school year), outside
    # the run's fingerprint (a hex digest may contain one).
    text = notice.replace(run.sha256, "")
    scores = [f"{s['score']:g}" for s in run.intake if s["score"] and s["score"] > 150]
    assert not [x for x in scores if re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", text)]
    assert run.sha256 in notice
    kinds = sorted(e.detail["kind"] for e in AuditEvent.objects.filter(action="export"))
    assert kinds == ["placement_class_lists", "placement_notice"]


def test_a_failed_run_shows_why(director, cast):
    students = unique_intake(7, together_pairs=0, fixed=0)
    content = xlsx_bytes(intake_rows(students))
    upload(director, cast, content, classes=1, max_size=5)
    run = PlacementRun.objects.get()
    assert run.status == RunStatus.FAILED
    html = director.get(reverse("placement:detail", args=[run.pk])).content.decode()
    assert 'id="placement-problems"' in html and "超过了班额上限 5 人" in html


def test_pages_obey_the_csp_and_leave_no_english_in_chinese(director, cast):
    from tests.web.test_markup import latin_words, scan

    run = placed_run(cast, count=12, classes=2)
    student = next(iter(run.assignment))
    moved = director.post(
        reverse("placement:move", args=[run.pk]),
        {"action": "move", "student": student, "to_class": 2},
        HTTP_HX_REQUEST="true",
    )
    failed = placed_run(cast, count=7, classes=1, max_size=5)
    pages = {
        "index": director.get(reverse("placement:index")),
        "create": director.get(reverse("placement:create")),
        "detail": director.get(reverse("placement:detail", args=[run.pk])),
        "failed": director.get(reverse("placement:detail", args=[failed.pk])),
        "board": moved,
        "notice": director.get(reverse("placement:notice", args=[run.pk])),
    }
    # Allowed Latin text: the solver's name, file-format and checksum names, and the sample data's 学籍号.
    allowed = {"Tools", "CP", "SAT", "SHA", "xlsx", "Excel", "CSV"}
    for name, response in pages.items():
        assert response.status_code == 200, name
        scanner = scan(response.content.decode())
        assert not scanner.problems, (name, scanner.problems)
        assert not latin_words(scanner.texts) - allowed, (name, latin_words(scanner.texts) - allowed)


def test_after_the_draw_the_class_lists_follow_the_drawn_numbers(director, cast):
    from zhiliang.people.models import Teacher
    from zhiliang.placement.services import placement_draw

    run = placed_run(cast, count=15, classes=3)
    teacher = Teacher.objects.get(staff_number="T-head_teacher")
    placement_draw(user=cast.user("academic_director"), run=run, seed="公开种子", teachers=[teacher])
    workbook = openpyxl.load_workbook(io.BytesIO(director.get(reverse("placement:export", args=[run.pk])).content))
    assert workbook.sheetnames == ["分班汇总", "七年级(1)班", "七年级(2)班", "七年级(3)班"]
    group_of_one = next(int(g) for g, n in run.draw["class_of_group"].items() if n == 1)
    in_one = sorted(row[1] for row in workbook["七年级(1)班"].iter_rows(min_row=3, values_only=True))
    assert in_one == sorted(k for k, v in run.assignment.items() if v == group_of_one)
    assert workbook["七年级(1)班"]["A1"].value.endswith("（班主任：王老师）")
    assert [row[1] for row in workbook["分班汇总"].iter_rows(min_row=3, max_row=5, values_only=True)] == [
        "王老师",
        None,
        None,
    ]
