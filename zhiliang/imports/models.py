"""Import jobs: an uploaded file, its preview, and the result of applying it.

Every import (rosters, scores) goes upload → preview (what will be created, updated, left alone, and every
problem with file/sheet/row/column) → confirm → apply in one transaction. The uploaded bytes are kept with the
job so preview and apply read exactly the same file, and so a background worker can apply it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("等待检查")
    CHECKING = "checking", _("正在检查")
    INVALID = "invalid", _("有错误")
    READY = "ready", _("待确认")
    APPLYING = "applying", _("正在导入")
    DONE = "done", _("已导入")
    FAILED = "failed", _("导入失败")
    CANCELLED = "cancelled", _("已取消")


class ImportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    county = models.ForeignKey("org.County", on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Kind-specific target, e.g. the exam the scores are for."
    )
    filename = models.CharField(_("file"), max_length=255)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES


RUNNING_STATUSES = frozenset({ImportStatus.PENDING, ImportStatus.CHECKING, ImportStatus.APPLYING})
