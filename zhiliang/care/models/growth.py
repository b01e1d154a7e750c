"""Daily growth records (日评价): quick observations by teachers, and the term comment (评语) per student."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    # The keys of zhiliang.core.care.domains.DOMAINS, in the same order (德智体美劳).
    MORAL = "moral", _("Moral")
    ACADEMIC = "academic", _("Academic")
    PHYSICAL = "physical", _("Physical")
    AESTHETIC = "aesthetic", _("Aesthetic")
    LABOUR = "labour", _("Labour")


class Observation(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="care_observations")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"), db_index=True)
    domain = models.CharField(_("domain"), max_length=12, choices=Domain.choices)
    positive = models.BooleanField(_("positive"))
    behaviour = models.CharField(_("behaviour"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("growth observation")
        verbose_name_plural = _("growth observations")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["school_class", "date"], name="care_obs_class_date")]

    def __str__(self) -> str:
        return f"{self.student} · {self.date} · {self.domain}"


class TermComment(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="care_comments")
    term = models.ForeignKey("org.Term", on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(_("teacher's comment"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("term comment")
        verbose_name_plural = _("term comments")
        constraints = [models.UniqueConstraint(fields=["student", "term"], name="one_comment_per_student_term")]

    def __str__(self) -> str:
        return f"{self.student} · {self.term}"
