"""Exams (考试) and the subjects each grade sits in them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExamKind(models.TextChoices):
    UNIT = "unit", _("单元/月考")
    MIDTERM = "midterm", _("期中考试")
    FINAL = "final", _("期末考试")
    UNIFIED = "unified", _("统考")
    SAMPLING = "sampling", _("抽测")
    MOCK = "mock", _("模拟考试")


class ExamScope(models.TextChoices):
    SCHOOL = "school", _("本校")
    GROUP = "group", _("集团/学区")
    COUNTY = "county", _("全县")


class ExamStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("录入中")
    PUBLISHED = "published", _("已发布")


class ExamFormat(models.TextChoices):
    WRITTEN = "written", _("纸笔考试")
    NON_WRITTEN = "non_written", _("非纸笔测评（乐考、游园等）")


RATIO = {"max_digits": 4, "decimal_places": 3}
WEIGHT = {"max_digits": 5, "decimal_places": 1}


class Exam(models.Model):
    """One exam of a term, run by a school, a group or the county, for one or more grades.

    The exam carries its analysis settings (thresholds as shares of full marks, 三率一分 weights, the 等级
    cut-offs shown to families) so every report of it can say which rule was applied. `scores_version`
    is bumped by every write to its scores, which is how cached analyses and reports know they are stale.
    """

    county = models.ForeignKey("org.County", on_delete=models.PROTECT, related_name="exams")
    scope = models.CharField(_("scope"), max_length=10, choices=ExamScope.choices, default=ExamScope.SCHOOL)
    school = models.ForeignKey(
        "org.School", on_delete=models.PROTECT, null=True, blank=True, related_name="exams", verbose_name=_("school")
    )
    group = models.ForeignKey(
        "org.EducationGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exams",
        verbose_name=_("education group"),
    )
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="exams", verbose_name=_("term"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=ExamKind.choices)
    format = models.CharField(_("format"), max_length=12, choices=ExamFormat.choices, default=ExamFormat.WRITTEN)
    held_on = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ExamStatus.choices, default=ExamStatus.DRAFT)

    pass_ratio = models.DecimalField(_("pass line (share of full marks)"), default=Decimal("0.6"), **RATIO)
    excellent_ratio = models.DecimalField(_("excellent line"), default=Decimal("0.85"), **RATIO)
    low_ratio = models.DecimalField(_("low-score line"), default=Decimal("0.4"), **RATIO)
    good_ratio = models.DecimalField(_("good line (optional)"), null=True, blank=True, **RATIO)
    weight_mean = models.DecimalField(_("weight of the mean"), default=Decimal("40"), **WEIGHT)
    weight_pass = models.DecimalField(_("weight of the pass rate"), default=Decimal("30"), **WEIGHT)
    weight_excellent = models.DecimalField(_("weight of the excellent rate"), default=Decimal("20"), **WEIGHT)
    weight_low = models.DecimalField(_("weight of the low-score rate"), default=Decimal("10"), **WEIGHT)
    level_a_ratio = models.DecimalField(_("等级 A from"), default=Decimal("0.85"), **RATIO)
    level_b_ratio = models.DecimalField(_("等级 B from"), default=Decimal("0.70"), **RATIO)
    level_c_ratio = models.DecimalField(_("等级 C from"), default=Decimal("0.60"), **RATIO)
    cheating_as_zero = models.BooleanField(_("count 作弊 as 0"), default=True)

    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous comparable exam"),
        help_text=_("Leave empty to use the latest earlier published exam of the same cohort and scope."),
    )
    scores_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("exam")
        verbose_name_plural = _("exams")
        ordering = ["-term__school_year__start_year", "-term__number", "-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="exam_scope_matches_owner",
                condition=(
                    Q(scope=ExamScope.SCHOOL, school__isnull=False, group__isnull=True)
                    | Q(scope=ExamScope.GROUP, group__isnull=False, school__isnull=True)
                    | Q(scope=ExamScope.COUNTY, group__isnull=True, school__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="exam_thresholds_ordered",
                condition=Q(low_ratio__lte=models.F("pass_ratio"), pass_ratio__lte=models.F("excellent_ratio")),
            ),
            models.CheckConstraint(
                name="exam_levels_ordered",
                condition=Q(level_c_ratio__lt=models.F("level_b_ratio"), level_b_ratio__lt=models.F("level_a_ratio")),
            ),
            models.CheckConstraint(name="exam_not_its_own_previous", condition=~Q(previous=models.F("id"))),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        """A published exam's scores can no longer be entered or imported (reopen it to correct them)."""
        return self.status == ExamStatus.PUBLISHED

    @property
    def owner_label(self) -> str:
        if self.scope == ExamScope.SCHOOL and self.school is not None:
            return self.school.name
        if self.scope == ExamScope.GROUP and self.group is not None:
            return self.group.name
        return self.county.name

    def clean(self) -> None:
        ratios = (self.low_ratio, self.pass_ratio, self.excellent_ratio)
        if None not in ratios and not (ratios[0] <= ratios[1] <= ratios[2]):
            raise ValidationError(_("The lines must satisfy: low-score ≤ pass ≤ excellent."))
        if self.good_ratio is not None and not (self.pass_ratio <= self.good_ratio <= self.excellent_ratio):
            raise ValidationError({"good_ratio": _("The good line must lie between the pass and excellent lines.")})
        levels = (self.level_c_ratio, self.level_b_ratio, self.level_a_ratio)
        if None not in levels and not (levels[0] < levels[1] < levels[2]):
            raise ValidationError(_("等级 cut-offs must satisfy C < B < A."))
        for value in (*ratios, *levels):
            if value is not None and not (0 <= value <= 1):
                raise ValidationError(_("Lines are shares of full marks between 0 and 1."))


class ExamSubject(models.Model):
    """A subject one grade sits in an exam, with its full marks and, optionally, its own lines."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="exam_subjects")
    grade = models.PositiveSmallIntegerField(_("grade"))
    subject = models.ForeignKey("curriculum.Subject", on_delete=models.PROTECT, related_name="+")
    full_marks = models.DecimalField(_("full marks"), max_digits=6, decimal_places=1)
    pass_ratio = models.DecimalField(_("pass line"), null=True, blank=True, **RATIO)
    excellent_ratio = models.DecimalField(_("excellent line"), null=True, blank=True, **RATIO)
    low_ratio = models.DecimalField(_("low-score line"), null=True, blank=True, **RATIO)
    good_ratio = models.DecimalField(_("good line"), null=True, blank=True, **RATIO)

    class Meta:
        verbose_name = _("exam subject")
        verbose_name_plural = _("exam subjects")
        ordering = ["exam", "grade", "subject__order", "subject__code"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "grade", "subject"], name="exam_subject_unique"),
            models.CheckConstraint(condition=Q(full_marks__gt=0), name="exam_subject_full_marks_positive"),
            models.CheckConstraint(condition=Q(grade__gte=1, grade__lte=12), name="exam_subject_grade_1_to_12"),
        ]

    def __str__(self) -> str:
        return f"{self.exam} · {self.grade}年级 · {self.subject}"

    @property
    def has_own_lines(self) -> bool:
        return any(v is not None for v in (self.pass_ratio, self.excellent_ratio, self.low_ratio, self.good_ratio))
