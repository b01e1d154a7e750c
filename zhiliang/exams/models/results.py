"""Computed results kept until the scores change: cached analyses and generated report files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalysisCache(models.Model):
    """One part of the analysis of one grade of an exam, serialised (see `zhiliang/exams/cache.py`).

    `scope_key` names what was analysed (`grade:7`), `part` which table (`summary`, `students` … as Arrow
    IPC bytes, or `meta` as JSON), so a page loads only the tables it shows. `fingerprint` says from which
    data: the exam's `scores_version`, its settings and those of the previous exam compared with. Parts
    whose fingerprint differs from the current one are stale and recomputed on the next read.
    """

    exam = models.ForeignKey("exams.Exam", on_delete=models.CASCADE, related_name="analysis_caches")
    scope_key = models.CharField(max_length=40)
    part = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    payload = models.BinaryField()
    computed_at = models.DateTimeField(auto_now=True)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("cached analysis")
        verbose_name_plural = _("cached analyses")
        constraints = [models.UniqueConstraint(fields=["exam", "scope_key", "part"], name="analysis_cache_unique")]

    def __str__(self) -> str:
        return f"{self.exam_id} {self.scope_key} {self.part}"


class ReportKind(models.TextChoices):
    PDF = "pdf", _("质量分析报告（PDF）")
    XLSX = "xlsx", _("分析表（Excel）")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ReportFile(models.Model):
    """A generated report of one exam for one scope (county, a school or a class), built in the background.

    `scope_key` is `county`, `school:<id>` or `class:<id>` (and `grade:<n>` of the exam, see the selectors);
    `fingerprint` is the analysis fingerprint it was built from, so a report is reused until scores change.
    """

    exam = models.ForeignKey("exams.Exam", on_delete=models.CASCADE, related_name="report_files")
    kind = models.CharField(max_length=5, choices=ReportKind.choices)
    grade = models.PositiveSmallIntegerField()
    scope_key = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["exam", "kind", "grade", "scope_key"], name="report_lookup")]

    def __str__(self) -> str:
        return f"{self.exam_id} {self.kind} {self.scope_key}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ReportStatus.DONE, ReportStatus.FAILED}
