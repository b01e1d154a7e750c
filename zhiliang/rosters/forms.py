from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhiliang.org.models import School, SchoolClass


class ClassChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.school.display_name} {obj.school_year} {obj.display_name}"


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )


def _text(label: Any, *, required: bool = False, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ExportForm(forms.Form):
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("学校"),
        empty_label=_("全部学校"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    include_left = forms.BooleanField(
        required=False,
        label=_("包括已离校学生"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]


class RevealExportForm(forms.Form):
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("学校"),
        empty_label=_("我管理的全部学校"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    purpose = _text(_("用途"), required=True)

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["purpose"].help_text = _("例如“学籍系统核对”“资助申报”。用途和导出人会记入审计日志。")


class EnrolmentEventForm(forms.Form):
    date = _date_field(_("日期"))
    reason = _text(_("原因"))
    other_school = _text(_("转入学校"), max_length=100)
    school_class = ClassChoiceField(
        queryset=SchoolClass.objects.none(),
        required=False,
        label=_("班级"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, action: str, classes: QuerySet[SchoolClass], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if action != "transfer_out":
            del self.fields["other_school"]
        if action in ("repeat", "resume"):
            field = self.fields["school_class"]
            field.queryset = classes  # type: ignore[attr-defined]
            field.required = action == "repeat"
            if action == "resume":
                field.help_text = _("不选则回到原班级。")
        else:
            del self.fields["school_class"]


class TransferInForm(forms.Form):
    student_number = _text(_("学籍号"), required=True, max_length=32)
    name = _text(_("姓名"), required=True, max_length=50)
    school_class = ClassChoiceField(
        queryset=SchoolClass.objects.none(),
        label=_("转入班级"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    date = _date_field(_("转入日期"))
    other_school = _text(_("原学校"), max_length=100)
    reason = _text(_("原因"))

    def __init__(self, *args: Any, classes: QuerySet[SchoolClass], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes  # type: ignore[attr-defined]
        self.fields["other_school"].help_text = _("本县其他学校转来的可不填，系统会自动记录。")
