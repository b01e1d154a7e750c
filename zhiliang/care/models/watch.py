"""控辍保学: long absences and the follow-ups of a student on the watch list until they return.

Whether a student is on the list is computed (`zhiliang.core.care.watch`) from their enrolment events
(辍学/休学 without a later return) and their open absence spells; these rows are what the school records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AbsenceSpell(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="absence_spells")
    start = models.DateField(_("absent since"))
    school_days = models.PositiveSmallIntegerField(_("school days absent"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("start")),
                name="absence_returned_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.start}"


class FollowUpKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    PERSUASION = "persuasion", _("Persuasion to return")
    REFERRAL = "referral", _("Referral to the township or bureau")
    OTHER = "other", _("Other")


class FollowUp(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="watch_follow_ups")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKind.choices)
    notes = models.TextField(_("what happened"))
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.student} · {self.date}"
