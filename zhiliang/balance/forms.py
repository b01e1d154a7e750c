"""Forms of the balance pages: a school's figures (also the what-if), checklist answers, evidence, measures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhiliang.balance.models import ChecklistItem, Measure
from zhiliang.balance.presenters import label
from zhiliang.balance.selectors import SchoolData
from zhiliang.core.balance import BY_KEY
from zhiliang.core.balance.indicators import FACILITY_KEYS, TEACHER_KEYS

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
STAGE_TEXT = {"primary": _("primary"), "junior": _("junior"), "senior": _("senior")}


def _decimal(text: Any, help_text: Any = "", initial: Any = None) -> forms.DecimalField:
    return forms.DecimalField(
        label=text, required=False, min_value=Decimal(0), max_digits=16, decimal_places=2, help_text=help_text,
        initial=initial,
    )  # fmt: skip


class FiguresForm(forms.Form):
    """Enrolment and teacher counts per stage (blank: from the records), facility totals of the whole school.

    With `effective=True` (the what-if) every field starts at the figure in use, whatever its source."""

    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, data_for: SchoolData, effective: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_data = data_for
        self.keys: list[tuple[str, str, str]] = []  # (field name, input key, stage)
        for stage in data_for.stages:
            figure = data_for.students.get(stage)
            recorded = data_for.recorded_students.get(stage, 0)
            self._add(
                f"students_{stage}", "students", stage,
                _("Students (%(stage)s)") % {"stage": STAGE_TEXT[stage]},
                _("%(n)s in the student records; leave blank to use them.") % {"n": recorded},
                figure, effective,
            )  # fmt: skip
            if stage == "senior":
                continue
            for key in TEACHER_KEYS:
                figure = data_for.teachers.get(stage, {}).get(key)
                self._add(
                    f"{key}_{stage}", key, stage,
                    f"{label(BY_KEY[key])}（{STAGE_TEXT[stage]}）",
                    _("Count of teachers; blank uses the teacher records (%(n)s).")
                    % {"n": int(figure.value) if figure and figure.source == "records" else "—"},
                    figure, effective,
                )  # fmt: skip
        for key in FACILITY_KEYS:
            indicator = BY_KEY[key]
            self._add(key, key, "", f"{indicator.quantity}（{indicator.unit}）", "", data_for.facilities.get(key), True)
        if effective:
            del self.fields["note"]

    def _add(self, name: str, key: str, stage: str, text: Any, help_text: Any, figure: Any, effective: bool) -> None:
        initial = None
        if figure is not None and (effective or figure.source != "records"):
            initial = Decimal(str(figure.value)).quantize(Decimal("0.01"))
        self.fields[name] = _decimal(text, help_text, initial)
        self.keys.append((name, key, stage))

    def figures(self) -> dict[tuple[str, str], Decimal | None]:
        return {(key, stage): self.cleaned_data.get(name) for name, key, stage in self.keys}


class AnswerForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=12, decimal_places=2)
    done = forms.BooleanField(label=_("Met (evidence provided)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    school = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    school = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["key", "text", "deadline", "responsible"]
        widgets = {
            "key": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "text": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "deadline": forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
            "responsible": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(key, label(indicator)) for key, indicator in BY_KEY.items()]


class ItemForm(forms.ModelForm):
    """A county's own version of a checklist item (text, threshold, whether it counts)."""

    class Meta:
        model = ChecklistItem
        fields = ["text", "comparator", "threshold", "unit", "is_active"]
