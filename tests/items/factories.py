"""A 数学 paper for the matrix exam (`tests/exams/factories.py`): five items whose points add up to each cast
student's 数学 score (s1 100, s2 70, s3 50, s4 65)."""

from tests.cast import Cast
from tests.exams.factories import matrix_exam
from zhiliang.core.items import ItemKind, ItemSpec
from zhiliang.exams.models import Exam, ExamSubject
from zhiliang.items.models import Paper
from zhiliang.items.services import ResponseWrite, paper_define, responses_write

ITEMS = [
    ItemSpec("1", 10, ItemKind.SINGLE, "B", knowledge_points=("有理数",), abilities=("理解",), intended=0.8),
    ItemSpec("2", 10, ItemKind.MULTIPLE, "ACD", knowledge_points=("有理数", "整式"), intended=0.7),
    ItemSpec("3", 20, ItemKind.FILL, knowledge_points=("整式",), intended=0.7),
    ItemSpec("4", 40, knowledge_points=("一元一次方程",), abilities=("应用",), intended=0.6),
    ItemSpec("5", 40, knowledge_points=("一元一次方程", "几何初步"), abilities=("综合",), intended=0.5),
]
POINTS = {
    "s1": ([10, 10, 20, 30, 30], {"0": "B", "1": "ACD"}),
    "s2": ([0, 5, 15, 25, 25], {"0": "C", "1": "AC"}),
    "s3": ([10, 0, 10, 20, 10], {"0": "B", "1": "AB"}),
    "s4": ([10, 10, 5, 20, 20], {"0": "B", "1": "ACD"}),
}


def math_subject(exam: Exam) -> ExamSubject:
    return ExamSubject.objects.get(exam=exam, subject__name="数学")


def make_paper(cast: Cast, exam: Exam, points: dict | None = None) -> Paper:
    paper = paper_define(exam_subject=math_subject(exam), items=ITEMS)
    rows = []
    for key, (values, answers) in (POINTS if points is None else points).items():
        student = cast.students[key]
        membership = student.memberships.get(school_year=cast.year)
        rows.append(ResponseWrite(student.pk, membership.school_class_id, [float(v) for v in values], answers))
    responses_write(paper=paper, rows=rows)
    return paper


def matrix_paper(cast: Cast) -> Paper:
    paper = getattr(cast, "_matrix_paper", None)
    if paper is None:
        paper = make_paper(cast, matrix_exam(cast))
        cast._matrix_paper = paper  # type: ignore[attr-defined]
    return paper


def paper_kwargs(cast: Cast) -> dict[str, int]:
    paper = matrix_paper(cast)
    return {"pk": paper.exam_subject.exam_id, "exam_subject_id": paper.exam_subject_id}
