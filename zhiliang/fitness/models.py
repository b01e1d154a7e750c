"""Physical fitness and health records: one `FitnessRecord` per student per school year.

A record holds what was measured in the year's test under the National Student Physical Fitness Standard
(国家学生体质健康标准, 2014 revision): height, weight and the tested items in the tables' units (seconds for
times), the exemption (免测), naked-eye acuity and refraction per eye, and health-check fields imported as
they are (dental caries …). What is *derived* from the measurements (BMI, weight status, each indicator's
score and the table line behind it, weighted total, bonus, total, band, the reasons an indicator could not be
scored, the vision level) is recomputed by `FitnessRecord.rescore()` whenever a measurement changes, with
`zhiliang.core.fitness`, so pages and exports never score on their own.

The class is the one the student was in when tested (it stays right after promotion); grade and sex are
copied from it and the student, since the tables depend on both.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhiliang.core.fitness import INDICATORS, score_student
from zhiliang.core.fitness.rates import to_work_on
from zhiliang.core.fitness.vision import student_level

MEASUREMENT_FIELDS: tuple[str, ...] = tuple(m.key for m in INDICATORS)


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    EXEMPT = "exempt", _("Exempt")
    UNSCORED = "", _("Not scored")


class WeightStatus(models.TextChoices):
    UNDERWEIGHT = "underweight", _("Underweight")
    NORMAL = "normal", _("Normal weight")
    OVERWEIGHT = "overweight", _("Overweight")
    OBESE = "obese", _("Obese")
    UNKNOWN = "", _("Unknown")


class VisionLevel(models.TextChoices):
    NORMAL = "normal", _("Normal vision")
    MILD = "mild", _("Mild poor vision")
    MODERATE = "moderate", _("Moderate poor vision")
    SEVERE = "severe", _("Severe poor vision")
    UNKNOWN = "", _("Not tested")


def _measure(label: Any, digits: int = 7, places: int = 2) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(label, max_digits=digits, decimal_places=places, null=True, blank=True)


class FitnessRecord(models.Model):
    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="fitness_records")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="fitness_records")
    grade = models.PositiveSmallIntegerField(_("grade"))
    sex = models.CharField(_("sex"), max_length=1)

    height = _measure(_("height (cm)"), 5, 1)
    weight = _measure(_("weight (kg)"), 5, 1)
    vital_capacity = _measure(_("vital capacity (ml)"))
    run_50m = _measure(_("50 m run (s)"))
    sit_and_reach = _measure(_("sit and reach (cm)"))
    rope_skip_1min = _measure(_("1-minute rope skipping"))
    sit_up_1min = _measure(_("1-minute sit-ups"))
    shuttle_50mx8 = _measure(_("50 m × 8 shuttle run (s)"))
    standing_long_jump = _measure(_("standing long jump (cm)"))
    pull_up = _measure(_("pull-ups"))
    run_800m = _measure(_("800 m run (s)"))
    run_1000m = _measure(_("1000 m run (s)"))
    exempt = models.BooleanField(_("exempt (免测)"), default=False)
    exempt_reason = models.CharField(_("exemption reason"), max_length=100, blank=True)

    left_acuity = _measure(_("left eye naked-eye acuity"), 2, 1)
    right_acuity = _measure(_("right eye naked-eye acuity"), 2, 1)
    left_sphere = _measure(_("left eye sphere (D)"), 5, 2)
    left_cylinder = _measure(_("left eye cylinder (D)"), 5, 2)
    left_axis = _measure(_("left eye axis"), 5, 0)
    right_sphere = _measure(_("right eye sphere (D)"), 5, 2)
    right_cylinder = _measure(_("right eye cylinder (D)"), 5, 2)
    right_axis = _measure(_("right eye axis"), 5, 0)
    caries = models.BooleanField(_("dental caries"), null=True, blank=True)
    myopia_diagnosed = models.BooleanField(_("myopia (diagnosed)"), null=True, blank=True)
    scoliosis_suspected = models.BooleanField(_("suspected scoliosis"), null=True, blank=True)

    # Derived by rescore()
    bmi = _measure(_("BMI"), 4, 1)
    weight_status = models.CharField(_("weight status"), max_length=12, choices=WeightStatus.choices, blank=True)
    scores = models.JSONField(default=dict, blank=True)  # {indicator: {"score", "rule", "weight", "source"}}
    refusals = models.JSONField(default=list, blank=True)  # [{"indicator", "code", "params"}]
    weighted_total = _measure(_("weighted total"), 4, 1)
    bonus = models.PositiveSmallIntegerField(_("bonus points"), default=0)
    total = _measure(_("total"), 4, 1)
    band = models.CharField(_("band"), max_length=10, choices=Band.choices, blank=True)
    vision_level = models.CharField(_("vision"), max_length=10, choices=VisionLevel.choices, blank=True)

    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fitness record")
        verbose_name_plural = _("fitness records")
        constraints = [
            models.UniqueConstraint(fields=["student", "school_year"], name="one_fitness_record_per_student_year"),
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=12), name="fitness_grade_1_to_12"),
        ]
        indexes = [models.Index(fields=["school_year", "grade"])]

    def __str__(self) -> str:
        return f"{self.student_id} {self.school_year_id}"

    def measurements(self) -> dict[str, Decimal | None]:
        return {key: getattr(self, key) for key in MEASUREMENT_FIELDS}

    def rescore(self) -> None:
        """Recompute every derived field from the measurements with the standard's tables."""
        result = score_student(
            grade=self.grade,
            sex=self.sex,
            height=self.height,
            weight=self.weight,
            measurements=self.measurements(),
            exempt=self.exempt,
        )
        self.bmi = result.bmi
        self.weight_status = result.weight_status or ""
        self.scores = {
            key: {"score": s.score, "rule": s.rule, "weight": s.weight, "source": s.source}
            for key, s in result.scores.items()
        }
        self.refusals = [{"indicator": r.indicator, "code": r.code, "params": dict(r.params)} for r in result.refusals]
        self.weighted_total = result.weighted_total
        self.bonus = result.bonus
        self.total = result.total
        if result.exempt:
            self.band = Band.EXEMPT
        else:
            self.band = result.band.key if result.band else Band.UNSCORED
        self.vision_level = student_level(self.left_acuity, self.right_acuity) or ""

    def indicator_scores(self) -> dict[str, int]:
        return {key: int(value["score"]) for key, value in self.scores.items()}

    def to_work_on(self) -> list[str]:
        weights = {key: int(value["weight"]) for key, value in self.scores.items()}
        return to_work_on(self.indicator_scores(), weights)
