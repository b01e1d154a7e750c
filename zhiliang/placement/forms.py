from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.core.placement import JUNIOR_MAX_SIZE
from zhiliang.org.models import GRADE_NAMES, School, SchoolYear
from zhiliang.people.models import Teacher

_NUMBER = {"class": "form-control"}


def parse_apart_pairs(text: str) -> list[tuple[str, str]]:
    """One pair per line, the two 学籍号 separated by a comma, space or tab; raises ValidationError."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.replace("，", ",").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise forms.ValidationError(
                _("Line %(line)s: write two student numbers, e.g. G001 G002.") % {"line": number}
            )
        pairs.append((parts[0].upper(), parts[1].upper()))
    return pairs


class OptionsForm(forms.Form):
    """The choices of a placement: how many classes, the size limit, and the solver's seed and time."""

    classes = forms.IntegerField(
        label=_("Number of classes"), min_value=1, max_value=60, widget=forms.NumberInput(attrs=_NUMBER)
    )
    max_size = forms.IntegerField(
        label=_("Maximum class size"),
        min_value=1,
        max_value=80,
        initial=JUNIOR_MAX_SIZE,
        help_text=_("The standard allows at most 45 in a primary class and 50 in a junior-middle class."),
        widget=forms.NumberInput(attrs=_NUMBER),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text=_("The same intake with the same seed always gives the same classes."),
        widget=forms.NumberInput(attrs=_NUMBER),
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=0.5,
        max_value=120,
        initial=3,
        widget=forms.NumberInput(attrs={**_NUMBER, "step": "0.5"}),
    )
    bands = forms.IntegerField(
        label=_("Score bands"),
        min_value=1,
        max_value=10,
        initial=5,
        help_text=_("Scores are split into this many equal shares; each class gets the same number from each."),
        widget=forms.NumberInput(attrs=_NUMBER),
    )
    apart = forms.CharField(
        label=_("Students to keep apart"),
        required=False,
        help_text=_(
            "One pair per line: two student numbers. Siblings are kept apart by the sibling group column of the file."
        ),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )

    def clean_apart(self) -> list[tuple[str, str]]:
        return parse_apart_pairs(self.cleaned_data.get("apart") or "")


class UploadForm(OptionsForm):
    file = forms.FileField(
        label=_("Intake file"),
        help_text=_("Excel or CSV, one row per student, with the columns listed on the right."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.xlsb,.ods,.csv", "class": "form-control"}),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to read the first sheet with data."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    school = forms.ModelChoiceField(
        queryset=School.objects.none(), label=_("School"), widget=forms.Select(attrs={"class": "form-select"})
    )
    school_year = forms.ModelChoiceField(
        queryset=SchoolYear.objects.none(),
        label=_("School year of the new classes"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"),
        coerce=int,
        choices=sorted(GRADE_NAMES.items()),
        initial=7,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    field_order = ["file", "sheet", "school", "school_year", "grade", "classes", "max_size"]

    def __init__(self, *args: Any, schools: QuerySet[School], years: QuerySet[SchoolYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["school_year"].queryset = years  # type: ignore[attr-defined]
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        school, year, grade = data.get("school"), data.get("school_year"), data.get("grade")
        if school is not None and year is not None and year.county_id != school.county_id:
            self.add_error("school_year", _("This school year is not of the school's county."))
        if school is not None and grade is not None and not school.serves_grade(grade):
            self.add_error("grade", _("%(school)s does not teach this grade.") % {"school": school.name})
        return data


class MoveForm(forms.Form):
    student = forms.CharField(max_length=32)
    to_class = forms.IntegerField(min_value=1)


class SwapForm(forms.Form):
    first = forms.CharField(max_length=32)
    second = forms.CharField(max_length=32)


class TeacherChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.staff_number}）"


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Announced seed"),
        max_length=100,
        help_text=_("Text announced before the draw, e.g. the date and a public lottery's numbers."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    teachers = TeacherChoiceField(
        queryset=Teacher.objects.none(),
        required=False,
        label=_("Head teachers"),
        help_text=_("At most one per class; leave empty to draw class numbers only."),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )

    def __init__(self, *args: Any, teachers: QuerySet[Teacher], classes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = teachers  # type: ignore[attr-defined]
        self.classes = classes

    def clean_teachers(self) -> list[Teacher]:
        chosen = list(self.cleaned_data.get("teachers") or [])
        if len(chosen) > self.classes:
            raise forms.ValidationError(_("Choose at most %(n)s head teachers, one per class.") % {"n": self.classes})
        return chosen
