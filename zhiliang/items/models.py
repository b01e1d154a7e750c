"""Item analysis: papers (试卷), their items (小题), the county's knowledge points and each student's item scores.

A `Paper` belongs to one exam subject (one grade × subject of an exam). Its `Item`s have a label (1, 2,
13(1) …), a kind, max points, a key for choice items, an intended difficulty, and the knowledge points (知识点)
and ability levels (能力层次) they test — both catalogues of the county, many-to-many with items.

A student's item scores are one `ItemResponse` row per student and paper: the points of every item in the
paper's item order (None = left blank) and, for choice items, the letters chosen. One row per student rather
than per student × item keeps a county paper (60,000 students × 25 items) at 60,000 rows; every analysis
reads whole papers into a matrix anyway (`zhiliang.core.items`).

Who sees what follows the exam analysis (`zhiliang/items/access.py`, built on the exams app's visibility).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    FILL = "fill", _("Fill-in")
    CONSTRUCTED = "constructed", _("Constructed response")


class KnowledgePoint(models.Model):
    """A knowledge point of the county's catalogue for one subject (e.g. 数学 · 一元二次方程)."""

    county = models.ForeignKey("org.County", on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey("curriculum.Subject", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("knowledge point")
        verbose_name_plural = _("knowledge points")
        ordering = ["subject", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "subject", "name"], name="knowledge_point_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class AbilityLevel(models.Model):
    """An ability level of the county's catalogue (识记, 理解, 应用, 综合 …)."""

    county = models.ForeignKey("org.County", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("ability level")
        verbose_name_plural = _("ability levels")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="ability_level_unique")]

    def __str__(self) -> str:
        return self.name


class Paper(models.Model):
    """The paper of one exam subject. `version` changes whenever its items or item scores change."""

    exam_subject = models.OneToOneField("exams.ExamSubject", on_delete=models.CASCADE, related_name="paper")
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self) -> str:
        return str(self.exam_subject)

    def bump(self) -> None:
        Paper.objects.filter(pk=self.pk).update(version=models.F("version") + 1)
        self.refresh_from_db(fields=["version"])


class Item(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("item"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.CONSTRUCTED)
    max_points = models.DecimalField(_("max points"), max_digits=5, decimal_places=1)
    key = models.CharField(_("key"), max_length=10, blank=True)
    intended = models.DecimalField(_("intended difficulty"), max_digits=3, decimal_places=2, null=True, blank=True)
    knowledge_points = models.ManyToManyField(KnowledgePoint, related_name="items", blank=True)
    abilities = models.ManyToManyField(AbilityLevel, related_name="items", blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="item_position_unique"),
            models.UniqueConstraint(fields=["paper", "label"], name="item_label_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="item_max_points_positive"),
            models.CheckConstraint(
                condition=~Q(kind__in=["single", "multiple"]) | ~Q(key=""), name="item_choice_has_key"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ItemResponse(models.Model):
    """One student's item scores on a paper, in the paper's item order (see the module docstring)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="responses")
    student = models.ForeignKey("people.Student", on_delete=models.PROTECT, related_name="+")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="+")
    points = models.JSONField()  # list[float | None], one per item
    answers = models.JSONField(default=dict, blank=True)  # {item position: letters} for choice items
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("item scores")
        verbose_name_plural = _("item scores")
        constraints = [models.UniqueConstraint(fields=["paper", "student"], name="item_response_unique")]

    def __str__(self) -> str:
        return f"{self.paper_id}:{self.student_id}"
