"""Scores (成绩), their audited edits, and exam numbers (考号) used by marking systems."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ScoreStatus(models.TextChoices):
    """What a score cell means; the values are those of `zhiliang.core.analytics.Status` (docs/exams.md)."""

    SCORED = "scored", _("已考")
    ABSENT = "absent", _("缺考")
    EXEMPT = "exempt", _("免考")
    CHEATING = "cheating", _("作弊")
    MISSING = "missing", _("未录")


class Score(models.Model):
    """One student's result in one exam subject, with the class the student sat in at the time.

    `score` is set exactly when the status is 已考; every other status has no score. Bounds against the
    subject's full marks are checked by the services (the full marks live on another table); the database
    enforces what it can see: one row per student and subject, score ≥ 0, score iff scored.
    """

    exam_subject = models.ForeignKey("exams.ExamSubject", on_delete=models.CASCADE, related_name="scores")
    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="exam_scores")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="exam_scores")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ScoreStatus.choices, default=ScoreStatus.MISSING)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["exam_subject", "student"], name="one_score_per_student_and_subject"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0), name="score_not_negative"),
            models.CheckConstraint(
                condition=Q(status=ScoreStatus.SCORED, score__isnull=False)
                | (~Q(status=ScoreStatus.SCORED) & Q(score__isnull=True)),
                name="score_given_iff_scored",
            ),
        ]
        indexes = [models.Index(fields=["school_class", "exam_subject"], name="score_class_subject")]

    def __str__(self) -> str:
        return f"{self.student_id} · {self.exam_subject_id}: {self.display}"

    @property
    def display(self) -> str:
        """The cell as a teacher writes it: the number, or the status word."""
        if self.status == ScoreStatus.SCORED and self.score is not None:
            return format_score(self.score)
        if self.status == ScoreStatus.MISSING:
            return ""
        return str(self.get_status_display())


def format_score(value: object) -> str:
    """95.00 → "95", 95.50 → "95.5": the way scores are written on paper."""
    text = f"{value:f}" if not isinstance(value, float) else repr(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class ScoreEditSource(models.TextChoices):
    ENTRY = "entry", _("网页录入")
    IMPORT = "import", _("文件导入")


class ScoreEdit(models.Model):
    """A change to a result already recorded (any status but 未录): what it was, what it became, who, why."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="edits")
    old_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    old_status = models.CharField(max_length=10, choices=ScoreStatus.choices)
    new_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    new_status = models.CharField(max_length=10, choices=ScoreStatus.choices)
    source = models.CharField(_("source"), max_length=10, choices=ScoreEditSource.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("score edit")
        verbose_name_plural = _("score edits")
        ordering = ["-edited_at", "-id"]

    def __str__(self) -> str:
        return f"{self.score_id}: {self.old_status}/{self.old_score} → {self.new_status}/{self.new_score}"


class ExamNumber(models.Model):
    """A student's exam number (考号/准考证号) in one exam, so marking-system exports keyed on it can be matched."""

    exam = models.ForeignKey("exams.Exam", on_delete=models.CASCADE, related_name="exam_numbers")
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("exam number"), max_length=32)

    class Meta:
        verbose_name = _("exam number")
        verbose_name_plural = _("exam numbers")
        constraints = [
            models.UniqueConstraint(fields=["exam", "number"], name="exam_number_unique"),
            models.UniqueConstraint(fields=["exam", "student"], name="one_exam_number_per_student"),
        ]

    def __str__(self) -> str:
        return self.number
