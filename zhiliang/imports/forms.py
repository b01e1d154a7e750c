from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.imports.registry import Importer
from zhiliang.org.models import School


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("Excel（.xlsx、.xls）或 CSV 文件；可以直接上传从其他系统导出的表格。"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt", "class": "form-control"}),
    )
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("学校"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    sheet = forms.CharField(
        label=_("工作表"),
        required=False,
        max_length=100,
        help_text=_("留空则读取第一个有数据的工作表。"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    target = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, importer: Importer, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        if not importer.needs_school:
            del self.fields["school"]
            return
        field.queryset = schools  # type: ignore[attr-defined]
        field.required = importer.school_required
        if importer.school_required:
            field.empty_label = None  # type: ignore[attr-defined]
        else:
            field.empty_label = _("按文件中的“学校”列")  # type: ignore[attr-defined]
            field.help_text = _("选择学校后，文件可以不含“学校”列。")
        if len(schools) == 1:
            field.initial = schools[0].pk
