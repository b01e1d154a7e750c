"""Forms of the teaching pages. The items of a rubric are not Django fields: they are tapped as radio groups
named `item-<n>` (n = the item's position in the version) and read by `levels_from_post`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zhiliang.core.teaching.rubric import Rubric as RubricDefinition
from zhiliang.core.teaching.rubric import parse_rubric
from zhiliang.curriculum.models import Subject
from zhiliang.teaching.models import FormKind, ObserverRole


class Bootstrap:
    """Bootstrap classes on every widget (no inline styles: CSP)."""

    def _style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def levels_from_post(data: Any, rubric: RubricDefinition) -> dict[str, str]:
    """The level tapped for each item (item key → level name); unknown or missing answers are left out."""
    names = {level.name for level in rubric.levels}
    chosen = {}
    for index, item in enumerate(rubric.items):
        value = data.get(f"item-{index}", "")
        if value in names:
            chosen[item.key] = value
    return chosen


class ObservationForm(Bootstrap, forms.Form):
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None)  # type: ignore[arg-type]
    school_class = forms.ModelChoiceField(label=_("Class"), queryset=None)  # type: ignore[arg-type]
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.order_by("order"))
    date = forms.DateField(label=_("Date"), widget=_date())
    period = forms.IntegerField(label=_("Lesson period"), min_value=1, max_value=12, initial=1)
    topic = forms.CharField(label=_("Lesson topic"), max_length=100, required=False)
    bonus = forms.DecimalField(
        label=_("Bonus for a distinctive lesson"),
        min_value=0,
        max_digits=4,
        decimal_places=1,
        initial=Decimal(0),
        required=False,
    )
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    suggestions = forms.CharField(label=_("Suggestions"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, teachers: Any, classes: Any, bonus_max: Decimal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["school_class"].queryset = classes
        self.fields["school_class"].label_from_instance = lambda c: f"{c.school.display_name} {c}"
        self.fields["date"].initial = timezone.localdate()
        bonus = self.fields["bonus"]
        bonus.validators.append(MaxValueValidator(bonus_max))
        bonus.widget.attrs.update({"max": str(bonus_max), "step": "0.5", "inputmode": "decimal"})
        self.fields["period"].widget.attrs["inputmode"] = "numeric"
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        teacher, school_class = data.get("teacher"), data.get("school_class")
        if teacher and school_class and teacher.school_id != school_class.school_id:
            self.add_error("school_class", _("The class must be in the teacher's school."))
        data["bonus"] = data.get("bonus") or Decimal(0)
        return data


class ReplyForm(Bootstrap, forms.Form):
    reply = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RubricForm(Bootstrap, forms.Form):
    name = forms.CharField(label=_("Form name"), max_length=100)
    items = forms.CharField(
        label=_("Rubric items"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("One item per line: criterion | what is looked for | points."),
    )
    levels = forms.CharField(
        label=_("Levels"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One level per line: name | share of the item's points in percent."),
    )
    bands = forms.CharField(
        label=_("Grade bands"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One grade per line: name | minimum score out of 100."),
    )
    standard = forms.CharField(label=_("Standard score (out of 100)"), max_length=10)
    bonus = forms.CharField(label=_("Maximum bonus"), max_length=10, initial="0")
    note = forms.CharField(label=_("What changed"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        rubric, problems = parse_rubric(
            items=data["items"],
            levels=data["levels"],
            bands=data["bands"],
            standard=data["standard"],
            bonus=data.get("bonus") or "0",
        )
        for problem in problems:
            field = problem.section if problem.section in self.fields else "items"
            self.add_error(field, problem.message(get_language() or "zh-hans"))
        data["definition"] = rubric
        return data


class NewRubricForm(RubricForm):
    kind = forms.ChoiceField(label=_("Kind of form"), choices=FormKind.choices)
    owner = forms.ChoiceField(label=_("For"), choices=[])

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        self.order_fields(["kind", "owner", "name"])
        self._style()


class SettingsForm(Bootstrap, forms.Form):
    target = forms.DecimalField(
        label=_("Target share of lessons meeting the standard (%)"), min_value=0, max_value=100, decimal_places=1
    )
    observation_rubric = forms.ModelChoiceField(label=_("Lesson observation rubric"), queryset=None)  # type: ignore[arg-type]
    inspection_checklist = forms.ModelChoiceField(label=_("Routine inspection checklist"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, rubrics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observation_rubric"].queryset = rubrics.filter(kind=FormKind.OBSERVATION)
        self.fields["inspection_checklist"].queryset = rubrics.filter(kind=FormKind.INSPECTION)
        for role, label in ObserverRole.choices:
            self.fields[f"quota_{role}"] = forms.IntegerField(
                label=_("Lessons each %(role)s observes this term") % {"role": label},
                min_value=0,
                max_value=200,
                required=False,
            )
        self._style()


class InspectionForm(Bootstrap, forms.Form):
    title = forms.CharField(label=_("Inspection title"), max_length=100)
    held_on = forms.DateField(label=_("Date"), widget=_date())

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"] = forms.ModelChoiceField(label=_("School"), queryset=schools, initial=schools.first())
        self.order_fields(["school", "title", "held_on"])
        self.fields["held_on"].initial = timezone.localdate()
        self._style()


class ResultForm(Bootstrap, forms.Form):
    problems = forms.CharField(label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    rectification_required = forms.BooleanField(label=_("Rectification required"), required=False)
    deadline = forms.DateField(label=_("Rectify by"), widget=_date(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rectification_required") and not data.get("deadline"):
            self.add_error("deadline", _("Give a deadline for the rectification."))
        if data.get("rectification_required") and not (data.get("problems") or "").strip():
            self.add_error("problems", _("Say what must be rectified."))
        return data


class RespondForm(Bootstrap, forms.Form):
    response = forms.CharField(label=_("What you rectified"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RecheckForm(Bootstrap, forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Re-check"),
        choices=[("1", _("Rectified: close")), ("0", _("Not yet: reopen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    new_deadline = forms.DateField(label=_("New deadline"), widget=_date(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("accepted") is False and not data.get("new_deadline"):
            self.add_error("new_deadline", _("A new deadline is needed when the rectification is not accepted."))
        return data


class HomeworkForm(Bootstrap, forms.Form):
    school_class = forms.ModelChoiceField(label=_("Class"), queryset=None)  # type: ignore[arg-type]
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.order_by("order"))
    date = forms.DateField(label=_("Date"), widget=_date())
    written = forms.TypedChoiceField(
        label=_("Kind of homework"),
        choices=[("1", _("Written")), ("0", _("Oral, reading or practical"))],
        coerce=lambda value: value == "1",
        initial="1",
    )
    minutes = forms.IntegerField(label=_("Expected minutes"), min_value=1, max_value=300)
    description = forms.CharField(label=_("Homework"), max_length=200, required=False)

    def __init__(self, *args: Any, classes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["date"].initial = timezone.localdate()
        self.fields["minutes"].widget.attrs["inputmode"] = "numeric"
        self._style()
