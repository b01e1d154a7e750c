"""The organisation a county runs: bureau → optional groups/districts → schools → years, terms, classes.

Hierarchy (who belongs to what):

    County (教育局, the bureau)                one deployment usually serves one county
      └─ EducationGroup (教育集团/学区)        optional; a school belongs to at most one
      └─ School (学校)                         kind, stages served; a 中心校 may have 教学点 under it
           └─ SchoolClass (班级)               a class of one grade in one school year
    SchoolYear (学年) → Term (学期)            county-wide calendar

Grades run 1–12; the stage of a grade (小学 1–6, 初中 7–9, 高中 10–12) is fixed by national structure,
so it is computed (`stage_for_grade`), not stored.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PRIMARY = "primary", _("小学")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中")


def stage_for_grade(grade: int) -> str:
    if 1 <= grade <= 6:
        return Stage.PRIMARY
    if 7 <= grade <= 9:
        return Stage.JUNIOR
    if 10 <= grade <= 12:
        return Stage.SENIOR
    raise ValueError(f"grade must be 1–12, got {grade}")


GRADE_NAMES = {
    1: "一年级", 2: "二年级", 3: "三年级", 4: "四年级", 5: "五年级", 6: "六年级",
    7: "七年级", 8: "八年级", 9: "九年级", 10: "高一", 11: "高二", 12: "高三",
}  # fmt: skip


def grade_name(grade: int) -> str:
    return GRADE_NAMES[grade]


class County(models.Model):
    """A county or district education bureau (县/区教育局): the root of one deployment's data."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("administrative code"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class EducationGroup(models.Model):
    """An education group or school district (教育集团/学区) grouping schools under one leader."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("education group")
        verbose_name_plural = _("education groups")
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="group_name_unique_in_county")]

    def __str__(self) -> str:
        return self.name


class SchoolKind(models.TextChoices):
    PRIMARY = "primary", _("小学")
    JUNIOR = "junior", _("初中")
    NINE_YEAR = "nine_year", _("九年一贯制")
    COMPLETE_SECONDARY = "complete_secondary", _("完全中学")
    SENIOR = "senior", _("高级中学")
    TWELVE_YEAR = "twelve_year", _("十二年一贯制")
    TEACHING_POINT = "teaching_point", _("教学点")


# The stages each kind of school serves by definition.
KIND_STAGES: dict[str, list[str]] = {
    SchoolKind.PRIMARY: [Stage.PRIMARY],
    SchoolKind.TEACHING_POINT: [Stage.PRIMARY],
    SchoolKind.JUNIOR: [Stage.JUNIOR],
    SchoolKind.NINE_YEAR: [Stage.PRIMARY, Stage.JUNIOR],
    SchoolKind.COMPLETE_SECONDARY: [Stage.JUNIOR, Stage.SENIOR],
    SchoolKind.SENIOR: [Stage.SENIOR],
    SchoolKind.TWELVE_YEAR: [Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR],
}


class School(models.Model):
    """A school. Teaching points (教学点) hang under their central school (中心校) via `central_school`."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="schools")
    group = models.ForeignKey(EducationGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools")
    code = models.CharField(_("school code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SchoolKind.choices)
    is_central = models.BooleanField(_("central school (中心校)"), default=False)
    central_school = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teaching_points",
        verbose_name=_("central school"),
    )
    location = models.CharField(_("location"), max_length=20, blank=True, help_text=_("城区 / 镇区 / 乡村"))
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["county", "code"], name="school_code_unique_in_county"),
            models.UniqueConstraint(fields=["county", "name"], name="school_name_unique_in_county"),
            models.CheckConstraint(
                condition=Q(central_school__isnull=True) | ~Q(central_school=F("id")),
                name="school_not_its_own_central_school",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def stages(self) -> list[str]:
        return KIND_STAGES[self.kind]

    def serves_grade(self, grade: int) -> bool:
        return stage_for_grade(grade) in self.stages

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class SchoolYear(models.Model):
    """A school year (学年), e.g. 2025–2026, starting in autumn. `start_year` names it."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="school_years")
    start_year = models.PositiveSmallIntegerField(_("start year"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["county", "start_year"], name="school_year_unique"),
            models.CheckConstraint(condition=Q(start_date__lt=F("end_date")), name="school_year_starts_before_end"),
            models.UniqueConstraint(
                fields=["county"], condition=Q(is_current=True), name="one_current_school_year_per_county"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.start_year + 1}学年"


class Term(models.Model):
    """A term (学期): 1 = autumn (第一学期), 2 = spring (第二学期)."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term"), choices=[(1, _("第一学期")), (2, _("第二学期"))])
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-school_year__start_year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "number"], name="term_unique_in_year"),
            models.CheckConstraint(condition=Q(start_date__lt=F("end_date")), name="term_starts_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.school_year} {self.get_number_display()}"

    def clean(self) -> None:
        year = self.school_year
        if not (self.start_date and self.end_date and year):
            return
        if self.start_date < year.start_date or self.end_date > year.end_date:
            raise ValidationError(_("A term must lie within its school year."))


class SchoolClass(models.Model):
    """A class (班级) of one grade in one school in one school year, with its head teacher (班主任).

    Classes are re-created each school year by year-end promotion (升级), which links the new class to the
    one it came from (`previous`), so a class can be followed across years.
    """

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="classes")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="classes")
    grade = models.PositiveSmallIntegerField(_("grade"))
    number = models.PositiveSmallIntegerField(_("class number"))
    name = models.CharField(_("name"), max_length=40, blank=True, help_text=_("如 七年级(3)班；留空自动生成"))
    head_teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="head_of_classes",
        verbose_name=_("head teacher"),
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next",
        verbose_name=_("promoted from"),
    )
    is_graduated = models.BooleanField(_("graduated"), default=False)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["school__code", "grade", "number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "grade", "number"], name="class_unique"),
            models.CheckConstraint(condition=Q(grade__gte=1, grade__lte=12), name="class_grade_1_to_12"),
            models.CheckConstraint(condition=Q(number__gte=1), name="class_number_positive"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or f"{grade_name(self.grade)}({self.number})班"

    @property
    def stage(self) -> str:
        return stage_for_grade(self.grade)
