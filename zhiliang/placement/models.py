"""Placement runs: one intake of a school's new grade, the choices made, the result, the draw, the confirmation.

A run keeps everything needed to show later how the classes were made (the transparency the seed plans ask
for): the uploaded file's name and SHA-256, the students read from it, the options and seed, the solver and
its report, the serpentine draft it was compared with, every move made by hand, and the lot draw with its
announced seed. Confirming creates the school year's classes and memberships (`services.placement_confirm`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Placing")
    PLACED = "placed", _("Placed")
    FAILED = "failed", _("Not possible")
    CONFIRMED = "confirmed", _("Confirmed")


class PlacementRun(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="placement_runs")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="placement_runs")
    grade = models.PositiveSmallIntegerField(_("grade"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The intake as read from the uploaded file (one dict per student, see `serialize.py`).
    filename = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    intake = models.JSONField(default=list, editable=False)

    # The choices.
    classes = models.PositiveSmallIntegerField(_("number of classes"))
    max_size = models.PositiveSmallIntegerField(_("maximum class size"))
    seed = models.PositiveIntegerField(_("seed"), default=0)
    time_limit = models.FloatField(_("time limit (s)"), default=3.0)
    bands = models.PositiveSmallIntegerField(_("score bands"), default=5)
    apart_pairs = models.JSONField(default=list, blank=True)

    # The result.
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    problems = models.JSONField(default=list, blank=True)  # violation codes and params when not possible
    draft = models.JSONField(default=dict, blank=True)  # 学籍号 → class of the serpentine draft
    optimised = models.JSONField(default=dict, blank=True)  # 学籍号 → class as the solver returned it
    assignment = models.JSONField(default=dict, blank=True)  # 学籍号 → class now (after moves by hand)
    solver = models.JSONField(default=dict, blank=True)  # the solver's report
    moves = models.JSONField(default=list, blank=True)  # [{"student_id", "from", "to", "by", "at"}]

    # The lot draw and the confirmation.
    draw = models.JSONField(default=dict, blank=True)  # LotDraw.as_record() plus teacher names
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("placement run")
        verbose_name_plural = _("placement runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(classes__gte=1), name="placement_classes_positive"),
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=12), name="placement_grade_1_to_12"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.school_year} {self.grade}年级分班"

    @property
    def is_running(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def is_confirmed(self) -> bool:
        return self.status == RunStatus.CONFIRMED

    @property
    def is_editable(self) -> bool:
        return self.status == RunStatus.PLACED
