"""Forms of the care pages (Bootstrap classes are added by the templates' field loop)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhiliang.care.models import (
    AbsenceSpell,
    ContactRecord,
    Domain,
    FollowUp,
    GrantRole,
    PsychCase,
    RecordKind,
    RiskLevel,
    SpecialGroupProfile,
    TermComment,
)

DATE = forms.DateInput(attrs={"type": "date"})


class Styled:
    """Bootstrap classes on every widget, so templates can loop over the fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")


class ObservationForm(forms.Form):
    student = forms.IntegerField()
    domain = forms.ChoiceField(choices=Domain.choices)
    positive = forms.TypedChoiceField(choices=[("1", "+"), ("0", "−")], coerce=lambda v: v == "1")
    note = forms.CharField(max_length=200, required=False)


class ProfileForm(Styled, forms.ModelForm):
    class Meta:
        model = SpecialGroupProfile
        fields = [
            "left_behind",
            "guardian",
            "guardian_relation",
            "parents_whereabouts",
            "parents_contact",
            "migrant",
            "household_origin",
            "disability",
            "disability_type",
            "regular_class",
            "education_plan",
            "hardship",
            "aid_received",
            "single_parent",
            "orphan",
            "notes",
        ]
        widgets = {"education_plan": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 2})}


class ContactForm(Styled, forms.ModelForm):
    class Meta:
        model = ContactRecord
        fields = ["kind", "date", "with_whom", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class PsychCaseForm(Styled, forms.ModelForm):
    class Meta:
        model = PsychCase
        fields = ["opened_on", "referral_source", "referral_reason", "risk_level"]
        widgets = {"opened_on": DATE, "referral_reason": forms.Textarea(attrs={"rows": 2})}


class PsychSessionForm(Styled, forms.Form):
    date = forms.DateField(label=_("date"), widget=DATE)
    minutes = forms.IntegerField(label=_("minutes"), min_value=1, max_value=600)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 2}))
    risk_level = forms.ChoiceField(label=_("risk level after the session"), choices=RiskLevel.choices)
    close = forms.BooleanField(label=_("Close the case"), required=False)


class GrantForm(Styled, forms.Form):
    """Name a member of staff for a kind of record, or open it to a teaching role, in one school."""

    school = forms.ModelChoiceField(label=_("School"), queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label=_("kind of record"), choices=RecordKind.choices)
    staff = forms.ModelChoiceField(label=_("Named staff"), queryset=None, required=False)  # type: ignore[arg-type]
    role = forms.ChoiceField(label=_("Or a role"), choices=[("", "—"), *GrantRole.choices], required=False)

    def __init__(self, *args: Any, schools: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("staff")) == bool(data.get("role")):
            raise forms.ValidationError(_("Choose either a member of staff or a role."))
        return data


class AbsenceForm(Styled, forms.ModelForm):
    class Meta:
        model = AbsenceSpell
        fields = ["start", "school_days", "reason"]
        widgets = {"start": DATE}


class ReturnForm(Styled, forms.Form):
    returned_on = forms.DateField(label=_("returned on"), widget=DATE, initial=timezone.localdate)


class FollowUpForm(Styled, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["date", "kind", "notes", "next_step"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class CommentForm(Styled, forms.ModelForm):
    class Meta:
        model = TermComment
        fields = ["comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
