"""The subject catalogue (学科): canonical subjects, the aliases schools write in headers, full marks per grade.

Imports match a header such as 道法 or 思想品德 to 道德与法治 through `SubjectAlias`, so files are read however a
school spells its subjects.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Subject(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_main = models.BooleanField(_("main subject (语数外)"), default=False)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class SubjectAlias(models.Model):
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("subject alias")
        verbose_name_plural = _("subject aliases")

    def __str__(self) -> str:
        return f"{self.alias} → {self.subject}"


class FullMarks(models.Model):
    """Default full marks of a subject in a grade; an exam may override them per exam subject."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="full_marks")
    grade = models.PositiveSmallIntegerField(_("grade"))
    full_marks = models.DecimalField(_("full marks"), max_digits=6, decimal_places=1)

    class Meta:
        verbose_name = _("full marks")
        verbose_name_plural = _("full marks")
        constraints = [
            models.UniqueConstraint(fields=["subject", "grade"], name="full_marks_unique"),
            models.CheckConstraint(condition=Q(full_marks__gt=0), name="full_marks_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.grade}年级 {self.full_marks}"
