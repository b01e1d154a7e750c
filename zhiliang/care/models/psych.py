"""Psychological cases (心理个案): a referral, counselling sessions and the risk level, seen by named staff only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReferralSource(models.TextChoices):
    HEAD_TEACHER = "head_teacher", _("Head teacher")
    TEACHER = "teacher", _("Other teacher")
    PARENT = "parent", _("Parent")
    SELF = "self", _("The student")
    SCREENING = "screening", _("Screening")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRISIS = "crisis", _("Crisis")


class PsychCase(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="psych_cases")
    opened_on = models.DateField(_("opened on"))
    referral_source = models.CharField(_("referred by"), max_length=20, choices=ReferralSource.choices)
    referral_reason = models.TextField(_("reason for referral"))
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("psychological case")
        verbose_name_plural = _("psychological cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="psych_case_closed_after_opened",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class PsychSession(models.Model):
    case = models.ForeignKey(PsychCase, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    summary = models.TextField(_("summary"))
    risk_level = models.CharField(_("risk level after the session"), max_length=10, choices=RiskLevel.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.date}"
