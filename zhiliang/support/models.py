"""Student support: struggling students (学困生) and their archives; the rules that find them.

* `SupportRules`: one per county, set by the bureau: identification rules (zhiliang/core/support/identify.py),
  the outcome margin, when a case counts as idle, the top-student rule and scholarship cuts;
* `Candidate`: a student the rules flagged after an exam, or a teacher nominated with a reason; a person
  confirms (which opens a case) or dismisses it;
* `SupportCase`: the archive of one student (causes, strengths, goals, the teacher paired with them 结对帮扶),
  hanging off the student, not the class, so it follows them across classes and schools;
* `Intervention`: one recorded piece of help (date, kind, minutes, notes);
* `OutcomeReview`: after each exam since the case opened, the outcome computed from the exam analysis
  (zhiliang/core/support/outcome.py), with the teacher's note.

Who sees and writes what is decided in `access.py`, on top of `zhiliang.accounts.scoping`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SupportRules(models.Model):
    """The county's rules for finding struggling and top students (defaults: docs/support.md)."""

    county = models.OneToOneField("org.County", on_delete=models.CASCADE, related_name="support_rules")
    min_low_subjects = models.PositiveSmallIntegerField(
        _("main subjects below the low-score line (0 = off)"), default=2
    )
    bottom_share = models.DecimalField(
        _("bottom share of the grade on the total (0 = off)"), max_digits=4, decimal_places=3, default=Decimal("0.1")
    )
    consecutive_exams = models.PositiveSmallIntegerField(_("in consecutive exams"), default=2)
    improve_margin = models.DecimalField(
        _("percentile points that count as change"), max_digits=4, decimal_places=1, default=Decimal("5")
    )
    idle_weeks = models.PositiveSmallIntegerField(_("weeks without an intervention before a case is idle"), default=3)
    top_n = models.PositiveIntegerField(_("top-student register: county rank within"), default=200)
    top_min_times = models.PositiveSmallIntegerField(_("top-student register: in at least this many exams"), default=2)
    tier_first = models.PositiveIntegerField(_("first-tier scholarship: county rank within"), default=100)
    tier_second = models.PositiveIntegerField(_("second-tier scholarship: county rank within"), default=200)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support rules")
        verbose_name_plural = _("support rules")
        constraints = [
            models.CheckConstraint(
                name="support_rules_share_range", condition=Q(bottom_share__gte=0, bottom_share__lt=1)
            ),
            models.CheckConstraint(name="support_rules_streak", condition=Q(consecutive_exams__gte=1)),
            models.CheckConstraint(
                name="support_rules_one_criterion", condition=Q(min_low_subjects__gt=0) | Q(bottom_share__gt=0)
            ),
            models.CheckConstraint(name="support_rules_tiers", condition=Q(tier_first__lt=models.F("tier_second"))),
        ]

    def __str__(self) -> str:
        return f"{self.county_id}"


class CandidateSource(models.TextChoices):
    RULES = "rules", _("Identification rules")
    NOMINATION = "nomination", _("Teacher nomination")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class Candidate(models.Model):
    """A student proposed for support: by the rules after an exam (with evidence) or by a teacher (with a reason)."""

    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="support_candidates")
    school_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="+")
    exam = models.ForeignKey("exams.Exam", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    source = models.CharField(_("source"), max_length=12, choices=CandidateSource.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support candidate")
        verbose_name_plural = _("support candidates")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "exam"], condition=Q(source="rules"), name="support_candidate_once_per_exam"
            ),
            models.CheckConstraint(
                name="support_candidate_rules_have_exam",
                condition=~Q(source="rules") | Q(exam__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.source} {self.status}"


class Cause(models.TextChoices):
    FOUNDATION = "foundation", _("Gaps in the foundations")
    HABITS = "habits", _("Study habits")
    ATTENTION = "attention", _("Attention")
    FAMILY = "family", _("Family")
    HEALTH = "health", _("Health")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    LANGUAGE = "language", _("Language")


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("Being supported")
    EXITED = "exited", _("Exited")


class SupportCase(models.Model):
    """The support archive of one student (学困生档案); at most one open case per student."""

    student = models.ForeignKey("people.Student", on_delete=models.CASCADE, related_name="support_cases")
    candidate = models.OneToOneField(Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="case")
    opened_class = models.ForeignKey("org.SchoolClass", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField(_("identified on"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    baseline_exam = models.ForeignKey("exams.Exam", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    causes = models.JSONField(_("causes"), default=list, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    mentor = models.ForeignKey(
        "people.Teacher",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
        verbose_name=_("responsible teacher (paired)"),
    )
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.ACTIVE)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    exit_note = models.TextField(_("exit note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student"], condition=Q(status="active"), name="support_one_open_case_per_student"
            ),
            models.CheckConstraint(
                name="support_case_exit_date_iff_exited",
                condition=Q(status="exited", exited_on__isnull=False) | Q(status="active", exited_on__isnull=True),
            ),
            models.CheckConstraint(
                name="support_case_exit_after_opening",
                condition=Q(exited_on__isnull=True) | Q(exited_on__gte=models.F("opened_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.opened_on}"

    @property
    def is_active(self) -> bool:
        return self.status == CaseStatus.ACTIVE

    @property
    def cause_labels(self) -> list[str]:
        labels = dict(Cause.choices)
        return [str(labels.get(cause, cause)) for cause in self.causes]


class InterventionKind(models.TextChoices):
    TUTORING = "tutoring", _("Tutoring")
    HOMEWORK = "homework", _("Homework check")
    TALK = "talk", _("Talk")
    HOME_VISIT = "home_visit", _("Home visit")
    PARENT_CALL = "parent_call", _("Parent call")


class Intervention(models.Model):
    """One recorded piece of help for a supported student."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="interventions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=InterventionKind.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    notes = models.TextField(_("notes"), blank=True)
    teacher = models.ForeignKey("people.Teacher", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(name="support_intervention_minutes", condition=Q(minutes__gte=1, minutes__lte=600))
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.date} {self.kind}"


class OutcomeReview(models.Model):
    """The outcome of a case after one exam (computed), with the teacher's note."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="reviews")
    exam = models.ForeignKey("exams.Exam", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=10)
    percentile = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    low_subjects = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome review")
        verbose_name_plural = _("outcome reviews")
        ordering = ["case", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "exam"], name="support_review_once_per_exam")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.exam_id} {self.outcome}"
