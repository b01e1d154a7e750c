"""Special groups (特殊群体) and contact records: one profile per student, and the visits and calls made."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DisabilityType(models.TextChoices):
    # The seven categories of GB/T 26341-2010 《残疾人残疾分类和分级》.
    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    SPEECH = "speech", _("Speech")
    PHYSICAL = "physical", _("Physical")
    INTELLECTUAL = "intellectual", _("Intellectual")
    MENTAL = "mental", _("Mental")
    MULTIPLE = "multiple", _("Multiple")


class SpecialGroupProfile(models.Model):
    """A student's special-group flags and the details each needs; absent when no flag applies."""

    student = models.OneToOneField("people.Student", on_delete=models.CASCADE, related_name="care_profile")
    left_behind = models.BooleanField(_("left-behind child"), default=False)
    guardian = models.CharField(_("guardian"), max_length=50, blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=20, blank=True)
    parents_whereabouts = models.CharField(_("parents' whereabouts"), max_length=100, blank=True)
    parents_contact = models.CharField(_("parents' contact"), max_length=50, blank=True)
    migrant = models.BooleanField(_("migrant child"), default=False)
    household_origin = models.CharField(_("household registration"), max_length=100, blank=True)
    disability = models.BooleanField(_("disability"), default=False)
    disability_type = models.CharField(_("disability type"), max_length=20, choices=DisabilityType.choices, blank=True)
    regular_class = models.BooleanField(_("learning in a regular class"), default=False)
    education_plan = models.TextField(_("individual education plan"), blank=True)
    hardship = models.BooleanField(_("family in financial hardship"), default=False)
    aid_received = models.CharField(_("aid received"), max_length=200, blank=True)
    single_parent = models.BooleanField(_("single-parent family"), default=False)
    orphan = models.BooleanField(_("orphan"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    FLAGS = ("left_behind", "migrant", "disability", "hardship", "single_parent", "orphan")

    class Meta:
        verbose_name = _("special-group profile")
        verbose_name_plural = _("special-group profiles")

    def __str__(self) -> str:
        return str(self.student)

    @property
    def flags(self) -> list[str]:
        return [flag for flag in self.FLAGS if getattr(self, flag)]


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    MEETING = "meeting", _("Meeting at school")


class ContactRecord(models.Model):
    """A home visit (家访) or contact with a student's family."""

    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="care_contacts")
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    date = models.DateField(_("date"))
    with_whom = models.CharField(_("with whom"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact record")
        verbose_name_plural = _("contact records")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
