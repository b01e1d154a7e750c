"""Who sees which paper, unit and student of the item analysis: the exam analysis's rules, reused.

A paper is one subject of one grade of an exam. The user must see the exam (`exams.selectors.exams_visible`)
and, on that grade, at least one class for that subject (`exams.visibility.visibility_for`): the bureau and
group leaders their schools, school leadership their school, grade leaders their grade, head teachers their
classes, subject teachers only the classes where they teach this subject. Paper-wide figures (difficulty,
discrimination, α, the grade's mastery) are shown to everyone who sees the paper, as the county rows of the
exam analysis are: they reveal no school, class or child. Schools, classes and students are cut to the
visibility. Anything else answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from zhiliang.exams.frames import GradeLabels, grade_labels
from zhiliang.exams.models import Exam, ExamStatus, ExamSubject
from zhiliang.exams.selectors import exam_for_user, exams_visible
from zhiliang.exams.visibility import Visibility, visibility_for
from zhiliang.items.models import Paper


@dataclass(frozen=True)
class PaperAccess:
    exam: Exam
    exam_subject: ExamSubject
    paper: Paper
    labels: GradeLabels
    visibility: Visibility
    classes: frozenset[tuple[str, str]]  # (school, class label) the user sees for this subject
    schools: frozenset[str]  # schools the user sees whole

    @property
    def subject(self) -> str:
        return str(self.exam_subject.subject.name)

    @property
    def everything(self) -> bool:
        return self.visibility.everything

    def sees_class(self, school: str, class_name: str) -> bool:
        return (school, class_name) in self.classes

    def class_ids(self) -> set[int]:
        return {self.labels.classes[key] for key in self.classes if key in self.labels.classes}


def paper_access(user: Any, exam_id: int, exam_subject_id: int) -> PaperAccess:
    """The paper as `user` may see it, or 404."""
    exam = exam_for_user(user, exam_id)
    if exam.status == ExamStatus.DRAFT:
        raise Http404
    exam_subject = next((es for es in exam.exam_subjects.all() if es.pk == exam_subject_id), None)
    if exam_subject is None:
        raise Http404
    paper = Paper.objects.filter(exam_subject=exam_subject).first()
    if paper is None:
        raise Http404
    labels = grade_labels(exam, exam_subject.grade)
    visibility = visibility_for(user, exam, exam_subject.grade, labels)
    subject = exam_subject.subject.name
    classes = frozenset(
        (school, class_name)
        for school, class_name in labels.classes
        if visibility.class_subjects(school, class_name, [subject])
    )
    if not classes:
        raise Http404
    schools = frozenset(s for s in labels.schools if visibility.sees_school(s))
    return PaperAccess(exam, exam_subject, paper, labels, visibility, classes, schools)


def papers_visible(user: Any, exam_id: int | None = None) -> list[tuple[Exam, list[ExamSubject]]]:
    """Exams with item scores the user may open, and their papers the user sees (newest exams first)."""
    exams = (
        exams_visible(user)
        .exclude(status=ExamStatus.DRAFT)
        .filter(exam_subjects__paper__isnull=False)
        .order_by("-held_on", "-pk")
    )
    if exam_id is not None:
        exams = exams.filter(pk=exam_id)
    out = []
    for exam in exams:
        with_papers = set(Paper.objects.filter(exam_subject__exam=exam).values_list("exam_subject_id", flat=True))
        grades = sorted({es.grade for es in exam.exam_subjects.all() if es.pk in with_papers})
        visible: list[ExamSubject] = []
        for grade in grades:
            labels = grade_labels(exam, grade)
            visibility = visibility_for(user, exam, grade, labels)
            for es in exam.exam_subjects.all():
                if es.grade != grade or es.pk not in with_papers:
                    continue
                name = es.subject.name
                if any(visibility.class_subjects(s, c, [name]) for s, c in labels.classes):
                    visible.append(es)
        if visible:
            out.append((exam, sorted(visible, key=lambda es: (es.grade, es.subject.order, es.subject.code))))
    return out
