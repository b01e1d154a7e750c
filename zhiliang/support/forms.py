"""Forms of the support pages: short, with sensible defaults, so a head teacher finishes on a phone in a minute."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhiliang.support.models import Cause, InterventionKind, SupportRules


class NominateForm(forms.Form):
    student = forms.ModelChoiceField(queryset=None, label=_("Student"))  # type: ignore[arg-type]
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, *args: Any, students: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("dismiss", _("Dismiss"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class PlanForm(forms.Form):
    causes = forms.MultipleChoiceField(
        label=_("Causes"), choices=Cause.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    strengths = forms.CharField(label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    goals = forms.CharField(label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    mentor = forms.ModelChoiceField(
        label=_("Responsible teacher (paired)"),
        queryset=None,
        required=False,  # type: ignore[arg-type]
    )

    def __init__(self, *args: Any, teachers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = teachers  # type: ignore[attr-defined]


class InterventionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=InterventionKind.choices, widget=forms.RadioSelect)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=600, initial=20)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class ReviewNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExitForm(forms.Form):
    on = forms.DateField(label=_("Exit date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Which goals were met"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate


class RulesForm(forms.ModelForm):
    class Meta:
        model = SupportRules
        fields = [
            "min_low_subjects",
            "bottom_share",
            "consecutive_exams",
            "improve_margin",
            "idle_weeks",
            "top_n",
            "top_min_times",
            "tier_first",
            "tier_second",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("min_low_subjects") == 0 and data.get("bottom_share") == 0:
            raise forms.ValidationError(_("Switch on at least one criterion."))
        share = data.get("bottom_share")
        if share is not None and not 0 <= share < 1:
            self.add_error("bottom_share", _("A share between 0 and 1, e.g. 0.1 for 10 %."))
        first, second = data.get("tier_first"), data.get("tier_second")
        if first and second and first >= second:
            self.add_error("tier_second", _("The second tier must reach further than the first."))
        if data.get("consecutive_exams") == 0:
            self.add_error("consecutive_exams", _("At least one exam."))
        return data
