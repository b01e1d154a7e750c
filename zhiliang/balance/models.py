"""Balanced development of compulsory education (义务教育优质均衡, 教督〔2017〕6号): what a county records to be
evaluated.

* `IndicatorInput`: one figure of a school for one school year (a facility total, a stated enrolment, a teacher
  count entered by hand, or a ratio the school stated in its plan), with who entered it and when. Inputs are
  never overwritten: a new figure is a new row and the latest row wins, so the history shows every change and
  the trend across years. Teacher counts and enrolment come from the foundation's records unless entered.
* `ChecklistItem` / `ChecklistAnswer` / `Evidence`: the other three parts of the evaluation (政府保障程度,
  教育质量, 社会认可度) as a checklist each county configures, answered per school year by the county or by
  each school, with evidence files served only through a scoped view.
* `Measure`: what a school will do about a gap, by when (the 整改措施 of its 自评报告).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhiliang.core.balance import KEYS

STAGE_CHOICES = [("primary", _("Primary")), ("junior", _("Junior")), ("senior", _("Senior"))]
INDICATOR_CHOICES = [(key, key) for key in KEYS]


class InputKey(models.TextChoices):
    STUDENTS = "students", _("Students")
    QUALIFIED_TEACHERS = "qualified_teachers", _("Teachers above the required qualification")
    BACKBONE_TEACHERS = "backbone_teachers", _("County-level or higher backbone teachers")
    PE_ARTS_TEACHERS = "pe_arts_teachers", _("PE and arts specialist teachers")
    TEACHING_AREA = "teaching_area", _("Teaching and auxiliary building area (m²)")
    SPORTS_AREA = "sports_area", _("Sports ground and hall area (m²)")
    EQUIPMENT_VALUE = "equipment_value", _("Teaching equipment value (yuan)")
    MULTIMEDIA_ROOMS = "multimedia_rooms", _("Networked multimedia classrooms")


class InputKind(models.TextChoices):
    FIGURE = "figure", _("Figure")
    STATED_RATIO = "stated_ratio", _("Ratio stated by the school")


class InputSource(models.TextChoices):
    FORM = "form", _("Form")
    IMPORT = "import", _("Import")
    DEMO = "demo", _("Demo data")


class IndicatorInput(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="balance_inputs")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("figure"), max_length=30, choices=InputKey.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=STAGE_CHOICES, blank=True)  # blank: whole school
    kind = models.CharField(max_length=20, choices=InputKind.choices, default=InputKind.FIGURE)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    text = models.CharField(_("as written"), max_length=30, blank=True)  # a stated ratio's own precision
    source = models.CharField(_("source"), max_length=10, choices=InputSource.choices, default=InputSource.FORM)
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("indicator input")
        verbose_name_plural = _("indicator inputs")
        ordering = ["school_id", "school_year_id", "key", "stage", "-entered_at", "-id"]
        indexes = [models.Index(fields=["school_year", "school", "key"])]
        constraints = [models.CheckConstraint(condition=models.Q(value__gte=0), name="balance_input_not_negative")]

    def __str__(self) -> str:
        return f"{self.school} {self.key} {self.value}"


class Part(models.TextChoices):
    GOVERNMENT = "government", _("Government guarantee")
    QUALITY = "quality", _("Education quality")
    RECOGNITION = "recognition", _("Social recognition")


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("at least")
    AT_MOST = "<=", _("at most")
    EVIDENCE = "evidence", _("evidence")


class AppliesTo(models.TextChoices):
    COUNTY = "county", _("County")
    SCHOOL = "school", _("Each school")


class ChecklistItem(models.Model):
    county = models.ForeignKey("org.County", on_delete=models.CASCADE, related_name="balance_items")
    code = models.CharField(_("code"), max_length=10)
    part = models.CharField(_("part"), max_length=20, choices=Part.choices)
    text = models.CharField(_("item"), max_length=200)
    comparator = models.CharField(_("rule"), max_length=10, choices=Comparator.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    applies_to = models.CharField(_("answered by"), max_length=10, choices=AppliesTo.choices)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["county", "code"], name="balance_item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class ItemRecord(models.Model):
    """Something recorded against a checklist item for a school year, by the county (school None) or a school."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="%(class)s_records")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        abstract = True


class ChecklistAnswer(ItemRecord):
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["-entered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item.code} {self.value}"


class Evidence(ItemRecord):
    file = models.FileField(upload_to="balance/evidence/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="balance_measures")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("indicator"), max_length=30, choices=INDICATOR_CHOICES)
    text = models.CharField(_("measure"), max_length=300)
    deadline = models.DateField(_("deadline"))
    responsible = models.CharField(_("responsible"), max_length=50, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.text
