"""Teaching routines of a school: lesson observation (听课评课), routine inspections (教学常规检查) with their
rectification loop, and daily homework records (作业管理).

Forms are data. A `Rubric` (a lesson-observation rubric or an inspection checklist) belongs to a county (the
bureau's 教研室 defines it for every school) or to one school; every change adds a `RubricVersion`, and each
observation or inspection result points at the version it was scored with, so old records keep their meaning
when the form changes. The definition of a version is the JSON of `zhiliang.core.teaching.rubric.Rubric`.

Who sees what (zhiliang/teaching/access.py): a teacher their own records (observations of them, their
inspection results, homework of their classes); an observer their own observations; the principal and the
academic director their school, and they configure its forms, target and quotas; the bureau aggregates only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhiliang.core.teaching.rectification import Rectification, rectification_state
from zhiliang.core.teaching.rubric import Rubric as RubricDefinition
from zhiliang.core.teaching.rubric import rubric_from_json


class FormKind(models.TextChoices):
    OBSERVATION = "observation", _("Lesson observation rubric")
    INSPECTION = "inspection", _("Routine inspection checklist")


class Rubric(models.Model):
    kind = models.CharField(_("form kind"), max_length=20, choices=FormKind.choices)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey("org.County", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["kind", "school_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="teaching_rubric_has_one_owner",
                condition=Q(county__isnull=False, school__isnull=True) | Q(county__isnull=True, school__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def latest_version(self) -> RubricVersion:
        return self.versions.order_by("-number").first()  # type: ignore[no-any-return]


class RubricVersion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rubric version")
        verbose_name_plural = _("rubric versions")
        ordering = ["rubric", "-number"]
        constraints = [models.UniqueConstraint(fields=["rubric", "number"], name="teaching_rubric_version_unique")]

    def __str__(self) -> str:
        return f"{self.rubric.name} v{self.number}"

    def as_rubric(self) -> RubricDefinition:
        return rubric_from_json(self.definition)


class SchoolSetting(models.Model):
    """A school's choices: the share of lessons meeting the standard it aims at, the forms it uses."""

    school = models.OneToOneField("org.School", on_delete=models.CASCADE, related_name="+")
    target = models.DecimalField(_("target share meeting the standard"), max_digits=5, decimal_places=4)
    observation_rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    inspection_checklist = models.ForeignKey(Rubric, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("school teaching setting")
        verbose_name_plural = _("school teaching settings")
        constraints = [
            models.CheckConstraint(name="teaching_target_is_a_share", condition=Q(target__gte=0, target__lte=1))
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.target:.0%}"


class ObserverRole(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    ACADEMIC_DIRECTOR = "academic_director", _("Academic director")
    GRADE_LEADER = "grade_leader", _("Grade leader")
    TEACHER = "teacher", _("Teacher")


class ObservationQuota(models.Model):
    """How many lessons each observer of a role must observe in a term (听课节数要求)."""

    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey("org.Term", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=ObserverRole.choices)
    required = models.PositiveSmallIntegerField(_("lessons per observer"))

    class Meta:
        verbose_name = _("observation quota")
        verbose_name_plural = _("observation quotas")
        constraints = [
            models.UniqueConstraint(fields=["school", "term", "role"], name="teaching_quota_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.term} {self.role}: {self.required}"


class Observation(models.Model):
    """One observed lesson, scored with one rubric version; a draft until submitted, then the teacher sees it."""

    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="+")
    rubric_version = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="observations")
    # Who observed: the user who recorded it (none for records entered from paper), their name as it was then,
    # and for a teacher observing a colleague (同伴互听) their teacher record, which quotas count by.
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    observer_name = models.CharField(_("observer"), max_length=50)
    observer_teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    observer_role = models.CharField(_("observer's role"), max_length=20, choices=ObserverRole.choices)
    teacher = models.ForeignKey("people.Teacher", on_delete=models.PROTECT, related_name="+")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey("curriculum.Subject", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    period = models.PositiveSmallIntegerField(_("lesson period"))
    topic = models.CharField(_("lesson topic"), max_length=100, blank=True)

    levels = models.JSONField(default=dict, blank=True)  # item key → level name as tapped
    points = models.JSONField(default=dict, blank=True)  # item key → points (string decimal)
    by_criterion = models.JSONField(default=dict, blank=True)  # criterion → [points, max] (strings)
    bonus = models.DecimalField(_("bonus"), max_digits=4, decimal_places=1, default=Decimal(0))
    total = models.DecimalField(_("total points"), max_digits=6, decimal_places=1, default=Decimal(0))
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, default=Decimal(0))
    band = models.CharField(_("overall grade"), max_length=20, blank=True)
    meets_standard = models.BooleanField(_("meets the standard"), default=False)
    comment = models.TextField(_("comments"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(_("teacher's reply"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson observation")
        verbose_name_plural = _("lesson observations")
        ordering = ["-date", "-period", "-pk"]
        indexes = [models.Index(fields=["school", "term"]), models.Index(fields=["teacher", "date"])]
        constraints = [
            models.CheckConstraint(name="teaching_period_1_to_12", condition=Q(period__gte=1, period__lte=12)),
            models.CheckConstraint(name="teaching_score_0_to_100", condition=Q(score__gte=0, score__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.teacher} {self.subject}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Inspection(models.Model):
    """One round of routine inspection in a school (e.g. 三月教学常规检查), scored with a checklist version."""

    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("org.Term", on_delete=models.PROTECT, related_name="+")
    checklist_version = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="inspections")
    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateField(_("date"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("routine inspection")
        verbose_name_plural = _("routine inspections")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class InspectionResult(models.Model):
    """One teacher's result in an inspection, with the problems found and the rectification loop."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="results")
    teacher = models.ForeignKey("people.Teacher", on_delete=models.PROTECT, related_name="+")
    levels = models.JSONField(default=dict, blank=True)
    points = models.JSONField(default=dict, blank=True)
    by_criterion = models.JSONField(default=dict, blank=True)
    total = models.DecimalField(_("total points"), max_digits=6, decimal_places=1, default=Decimal(0))
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, default=Decimal(0))
    band = models.CharField(_("overall grade"), max_length=20, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    problems = models.TextField(_("problems found"), blank=True)
    rectification_required = models.BooleanField(_("rectification required"), default=False)
    deadline = models.DateField(_("rectify by"), null=True, blank=True)
    response = models.TextField(_("teacher's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = models.JSONField(default=list, blank=True)  # [{"at", "by", "event", "text"}]
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        ordering = ["inspection", "teacher__name"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "teacher"], name="teaching_result_unique"),
            models.CheckConstraint(
                name="teaching_rectification_has_deadline",
                condition=Q(rectification_required=False) | Q(deadline__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} {self.teacher}"

    def state(self, today: Any) -> str:
        return rectification_state(
            Rectification(
                required=self.rectification_required,
                deadline=self.deadline,
                responded=self.responded_at is not None,
                closed=self.closed_at is not None,
            ),
            today,
        )


class HomeworkEntry(models.Model):
    """Homework set for a class in a subject on a day, with the minutes the teacher expects it to take."""

    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey("curriculum.Subject", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    written = models.BooleanField(_("written homework"), default=True)
    minutes = models.PositiveSmallIntegerField(_("expected minutes"))
    description = models.CharField(_("homework"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("homework record")
        verbose_name_plural = _("homework records")
        ordering = ["-date", "school_class", "subject"]
        indexes = [models.Index(fields=["school_class", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "subject", "date", "written"], name="teaching_homework_unique"
            ),
            models.CheckConstraint(name="teaching_minutes_1_to_300", condition=Q(minutes__gte=1, minutes__lte=300)),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.school_class} {self.subject}"
