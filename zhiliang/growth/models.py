"""Growth and value-added (增值评价): what the bureau declares about the model.

Growth records and value-added results are computed from the exams app's cached analysis on request (they
follow the scores without copies that could go stale); the only stored choice is which context factors the
county's value-added models adjust for. Adjusting for a factor (e.g. sex) compares each group with groups of
similar intake; not adjusting keeps the expectation the same for every child. The bureau decides, and every
result page says which factors were used.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTEXT_FACTORS: list[tuple[str, str]] = [("sex", "sex")]
"""Context factors a county may declare (field name on `ValueAddedSettings` is `context_<name>`)."""


class ValueAddedSettings(models.Model):
    county = models.OneToOneField("org.County", on_delete=models.CASCADE, related_name="value_added_settings")
    context_sex = models.BooleanField(_("adjust for sex"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("value-added settings")
        verbose_name_plural = _("value-added settings")

    def __str__(self) -> str:
        return f"{self.county} value-added settings"

    @property
    def context(self) -> tuple[str, ...]:
        """The declared context factors, in a fixed order."""
        return tuple(name for name, _label in CONTEXT_FACTORS if getattr(self, f"context_{name}"))


def county_context(county_id: int) -> tuple[str, ...]:
    found = ValueAddedSettings.objects.filter(county_id=county_id).first()
    return found.context if found is not None else ()
