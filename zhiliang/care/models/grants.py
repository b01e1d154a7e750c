"""Authorisations to see a school's sensitive records, granted by its principal or academic director.

The school's leadership sees its special-group records by office. Psychological cases are seen only by the
staff named for them (a principal who needs them grants them to themselves, which is recorded). Beyond that,
the school names staff (`CareGrant`: this user, this kind of record, the whole school) or opens a kind of
record to a teaching role for their own pupils (`RoleGrant`: head teachers for the classes they head this
year, grade leaders for their grade). Accounts' roles are not changed: these rows live here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordKind(models.TextChoices):
    SPECIAL_GROUPS = "special_groups", _("Special groups and home visits")
    PSYCH = "psych", _("Psychological cases")


class GrantRole(models.TextChoices):
    HEAD_TEACHER = "head_teacher", _("Head teachers (their own classes)")
    GRADE_LEADER = "grade_leader", _("Grade leaders (their grade)")


class CareGrant(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_grants")
    kind = models.CharField(_("kind of record"), max_length=20, choices=RecordKind.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("named-staff authorisation")
        verbose_name_plural = _("named-staff authorisations")
        constraints = [models.UniqueConstraint(fields=["school", "user", "kind"], name="care_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.school}"


class RoleGrant(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    role = models.CharField(_("role"), max_length=20, choices=GrantRole.choices)
    kind = models.CharField(_("kind of record"), max_length=20, choices=RecordKind.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role authorisation")
        verbose_name_plural = _("role authorisations")
        constraints = [models.UniqueConstraint(fields=["school", "role", "kind"], name="care_role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.get_kind_display()} · {self.school}"
