"""Teacher development: mentoring, training, research and awards, subject groups, and the growth ladder.

A teacher's growth archive (教师成长档案) is read from these records (plus exam results, value-added and lesson
observation from other apps):

* `MentoringPair` (结对带教): a mentor and a mentee of one school with goals; `MentoringMeeting`s record
  their meetings and each one's observation of the other's lessons (full rubric observation lives in the
  `teaching` app).
* `TrainingRecord`: a course with its level and credited hours (学时). A teacher records their own; the
  school's leadership confirms it, and only confirmed hours count toward the 5-year, 360-hour requirement.
* `Achievement`: research projects (课题), papers, open lessons (公开课), competitions and awards, confirmed
  the same way. `Evidence` files (certificates, papers) belong to a record and are served only through a
  scoped view, never from a public media URL.
* `SubjectGroup` (教研组): a school's group for one or more subjects with a leader; `GroupActivity`
  (集体备课, 教研活动) with minutes and who attended.
* `LadderCriteria`: the conditions of each stage of the ladder as data, versioned (a new version is a new
  row, so an old review keeps the rules it was made under); a school's latest version overrides its county's.
* `TeacherService`: when the teacher started teaching (years of service, 教龄), which the roster lacks.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Lowest first, as `zhiliang.core.development.LEVELS`."""

    SCHOOL = "school", _("School")
    COUNTY = "county", _("County")
    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    NATIONAL = "national", _("National")


class Confirmation(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class TeacherService(models.Model):
    teacher = models.OneToOneField("people.Teacher", on_delete=models.CASCADE, related_name="service")
    started_on = models.DateField(_("started teaching on"))

    class Meta:
        verbose_name = _("teacher service")
        verbose_name_plural = _("teacher services")

    def __str__(self) -> str:
        return f"{self.teacher} {self.started_on}"


class MentoringPair(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+")
    mentor = models.ForeignKey("people.Teacher", on_delete=models.PROTECT, related_name="mentees_pairs")
    mentee = models.ForeignKey("people.Teacher", on_delete=models.PROTECT, related_name="mentor_pairs")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    goals = models.TextField(_("goals"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentor_is_not_mentee"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="pair_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    MENTOR_LESSON = "mentor_lesson", _("Mentee observes the mentor's lesson")
    MENTEE_LESSON = "mentee_lesson", _("Mentor observes the mentee's lesson")


class MentoringMeeting(models.Model):
    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class ConfirmedRecord(models.Model):
    """What training records and achievements share: the teacher, and the leadership's confirmation."""

    teacher = models.ForeignKey("people.Teacher", on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    status = models.CharField(_("status"), max_length=20, choices=Confirmation.choices, default=Confirmation.PENDING)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class TrainingRecord(ConfirmedRecord):
    course = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"))
    hours = models.DecimalField(_("hours (学时)"), max_digits=6, decimal_places=1)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-ended_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive"),
            models.CheckConstraint(condition=Q(ended_on__gte=F("started_on")), name="training_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.course


class AchievementKind(models.TextChoices):
    PROJECT = "project", _("Research project (课题)")
    PAPER = "paper", _("Published paper")
    OPEN_LESSON = "open_lesson", _("Open lesson (公开课)")
    COMPETITION = "competition", _("Competition")
    AWARD = "award", _("Award")


# Kinds that count as awards on the ladder (a competition prize is an award at the competition's level).
AWARD_KINDS = (AchievementKind.AWARD, AchievementKind.COMPETITION)


class Achievement(ConfirmedRecord):
    kind = models.CharField(_("kind"), max_length=20, choices=AchievementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    detail = models.CharField(
        _("details"),
        max_length=200,
        blank=True,
        help_text=_("Journal and issue, organiser, prize or the teacher's role in the project."),
    )

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


def evidence_path(instance: "Evidence", filename: str) -> str:
    # A random name outside any public URL: the original name is kept in a field, never in the path.
    return f"development/evidence/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class Evidence(models.Model):
    training = models.ForeignKey(
        TrainingRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(training__isnull=False) & Q(achievement__isnull=True))
                | (Q(training__isnull=True) & Q(achievement__isnull=False)),
                name="evidence_belongs_to_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def teacher_id(self) -> int:
        record = self.training if self.training_id else self.achievement
        assert record is not None
        return record.teacher_id


class SubjectGroup(models.Model):
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    subjects = models.ManyToManyField("curriculum.Subject", related_name="+", verbose_name=_("subjects"))
    leader = models.ForeignKey(
        "people.Teacher", on_delete=models.PROTECT, related_name="led_groups", verbose_name=_("leader")
    )
    members = models.ManyToManyField("people.Teacher", related_name="subject_groups", verbose_name=_("members"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("subject group")
        verbose_name_plural = _("subject groups")
        ordering = ["school__code", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="subject_group_name_unique")]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    COLLECTIVE_PREPARATION = "collective_preparation", _("Collective lesson preparation (集体备课)")
    RESEARCH = "research", _("Teaching research activity (教研活动)")


class GroupActivity(models.Model):
    group = models.ForeignKey(SubjectGroup, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    minutes = models.TextField(_("minutes"))
    attendees = models.ManyToManyField("people.Teacher", related_name="+", blank=True, verbose_name=_("present"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subject-group activity")
        verbose_name_plural = _("subject-group activities")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class LadderCriteria(models.Model):
    """One version of the ladder's conditions for a county (school empty) or one school."""

    county = models.ForeignKey("org.County", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    rules = models.JSONField(_("conditions"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ladder criteria")
        verbose_name_plural = _("ladder criteria")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "version"], condition=Q(school__isnull=True), name="county_criteria_version_unique"
            ),
            models.UniqueConstraint(
                fields=["school", "version"], condition=Q(school__isnull=False), name="school_criteria_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school or self.county} v{self.version}"
