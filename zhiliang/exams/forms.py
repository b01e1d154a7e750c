"""Forms for setting up an exam and changing its analysis settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.curriculum.models import Subject
from zhiliang.exams.models import Exam, ExamFormat, ExamKind, ExamScope, ExamSubject
from zhiliang.org.models import GRADE_NAMES, EducationGroup, School, Term

_SETTINGS = [
    "pass_ratio",
    "excellent_ratio",
    "low_ratio",
    "good_ratio",
    "weight_mean",
    "weight_pass",
    "weight_excellent",
    "weight_low",
    "level_a_ratio",
    "level_b_ratio",
    "level_c_ratio",
    "cheating_as_zero",
]


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ExamCreateForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("如：2025—2026学年第一学期七年级期末考试"))
    kind = forms.ChoiceField(label=_("类型"), choices=ExamKind.choices)
    format = forms.ChoiceField(label=_("形式"), choices=ExamFormat.choices, initial=ExamFormat.WRITTEN)
    scope = forms.ChoiceField(label=_("范围"), choices=ExamScope.choices)
    school = forms.ModelChoiceField(label=_("学校"), queryset=School.objects.none(), required=False)
    group = forms.ModelChoiceField(label=_("集团/学区"), queryset=EducationGroup.objects.none(), required=False)
    term = forms.ModelChoiceField(label=_("学期"), queryset=Term.objects.none())
    held_on = forms.DateField(label=_("考试日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    grades = forms.TypedMultipleChoiceField(
        label=_("年级"),
        choices=[(g, name) for g, name in GRADE_NAMES.items() if g <= 9],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("学科"), queryset=Subject.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[School],
        groups: QuerySet[EducationGroup],
        terms: QuerySet[Term],
        scopes: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["term"].queryset = terms  # type: ignore[attr-defined]
        self.fields["scope"].choices = [(value, label) for value, label in ExamScope.choices if value in scopes]  # type: ignore[attr-defined]
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
        _styled(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("scope")
        if scope == ExamScope.SCHOOL and not data.get("school"):
            self.add_error("school", _("请选择学校。"))
        if scope == ExamScope.GROUP and not data.get("group"):
            self.add_error("group", _("请选择集团/学区。"))
        return data


class ExamSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    """Name, date, lines, weights and 等级 cut-offs of an exam, plus each subject's full marks."""

    class Meta:
        model = Exam
        fields = ["name", "held_on", "format", "previous", *_SETTINGS]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, previous_choices: QuerySet[Exam], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = previous_choices  # type: ignore[attr-defined]
        self.subject_fields: list[tuple[str, ExamSubject]] = []
        for exam_subject in self.instance.exam_subjects.select_related("subject").order_by("grade", "subject__order"):
            name = f"full_marks_{exam_subject.pk}"
            self.fields[name] = forms.DecimalField(
                label=f"{GRADE_NAMES[exam_subject.grade]} {exam_subject.subject.name}",
                min_value=Decimal("1"),
                max_digits=6,
                decimal_places=1,
                initial=exam_subject.full_marks,
            )
            self.subject_fields.append((name, exam_subject))
        _styled(self)

    @property
    def settings_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in _SETTINGS]

    @property
    def full_marks_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _es in self.subject_fields]

    def full_marks(self) -> dict[int, Decimal]:
        return {es.pk: self.cleaned_data[name] for name, es in self.subject_fields}


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
