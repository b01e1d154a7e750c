"""Phone-first forms of teacher development: one column, native date pickers, optional evidence upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.core.development import METRICS, STAGES, metric_label, metric_unit, stage_label
from zhiliang.curriculum.models import Subject
from zhiliang.development.models import Achievement, GroupActivity, MentoringMeeting, TrainingRecord
from zhiliang.org.models import School
from zhiliang.people.models import Teacher

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class _TeacherRecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """A record of one teacher: oneself, or (for the school leadership) a teacher of their school."""

    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=Teacher.objects.none())
    evidence = forms.FileField(
        label=_("Evidence (certificate, paper)"),
        required=False,
        help_text=_("PDF, JPEG, PNG or Word, at most 10 MB."),
    )

    def __init__(self, *args: Any, teachers: QuerySet[Teacher], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        if teachers.count() == 1:
            self.fields["teacher"].initial = teachers.first()
            self.fields["teacher"].widget = forms.HiddenInput()
        styled(self)


class TrainingForm(_TeacherRecordForm):
    class Meta:
        model = TrainingRecord
        fields = ["teacher", "course", "provider", "level", "started_on", "ended_on", "hours"]
        widgets = {"started_on": DATE, "ended_on": DATE}


class AchievementForm(_TeacherRecordForm):
    class Meta:
        model = Achievement
        fields = ["teacher", "kind", "title", "level", "date", "detail"]
        widgets = {"date": DATE}


class PairForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Teacher.objects.none())
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=Teacher.objects.none())
    started_on = forms.DateField(label=_("Started on"), widget=DATE)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, teachers: QuerySet[Teacher], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = teachers
        self.fields["mentee"].queryset = teachers
        styled(self)


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MentoringMeeting
        fields = ["date", "kind", "topic", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


class GroupForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    name = forms.CharField(label=_("Name"), max_length=60)
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"), queryset=Subject.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Teacher.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=Teacher.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teachers = Teacher.objects.filter(school__in=schools, is_active=True).order_by("school__code", "name")
        self.fields["school"].queryset = schools
        self.fields["leader"].queryset = teachers
        self.fields["members"].queryset = teachers
        styled(self)


class ActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=Teacher.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = GroupActivity
        fields = ["kind", "date", "topic", "minutes", "attendees"]
        widgets = {"date": DATE, "minutes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, members: QuerySet[Teacher], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        styled(self)


class ServiceForm(forms.Form):
    started_on = forms.DateField(label=_("Started teaching on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


def criteria_field_name(stage: str, metric: str) -> str:
    return f"{stage}__{metric}"


class CriteriaForm(forms.Form):
    """One number per stage and condition; an empty box means the stage does not ask for it."""

    owner = forms.ChoiceField(label=_("Criteria of"))
    note = forms.CharField(label=_("Note on this version"), max_length=200, required=False)

    def __init__(
        self, *args: Any, owners: list[tuple[str, str]], rules: dict[str, dict[str, Decimal]], lang: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.fields["owner"].choices = owners
        for stage in STAGES[1:]:
            for metric in METRICS:
                label = f"{stage_label(stage, lang)} · {metric_label(metric, lang)}"
                self.fields[criteria_field_name(stage, metric)] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_digits=8,
                    decimal_places=2,
                    initial=rules.get(stage, {}).get(metric),
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "aria-label": label}),
                )
        styled(self)

    def rules(self) -> dict[str, dict[str, Decimal]]:
        data = self.cleaned_data
        return {
            stage: {
                metric: data[criteria_field_name(stage, metric)]
                for metric in METRICS
                if data.get(criteria_field_name(stage, metric)) is not None
            }
            for stage in STAGES[1:]
        }

    def grid(self) -> list[dict[str, Any]]:
        """Rows of the criteria table: one per condition, one bound field per stage."""
        return [
            {
                "label": metric_label(metric, self.lang),
                "unit": metric_unit(metric, self.lang),
                "fields": [self[criteria_field_name(stage, metric)] for stage in STAGES[1:]],
            }
            for metric in METRICS
        ]
