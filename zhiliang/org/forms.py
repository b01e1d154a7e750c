"""Filters of the school and class lists; their choices come from what the user may see."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.org.models import EducationGroup, School, SchoolKind, SchoolYear
from zhiliang.web.forms import FilterForm, search_field


class SchoolFilterForm(FilterForm):
    q = search_field(_("Search"), _("School name or code"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=EducationGroup.objects.none(), required=False)

    def __init__(self, data: Any = None, *, url: str, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(data, url=url, **kwargs)
        kinds = set(schools.values_list("kind", flat=True))
        kind_field: Any = self.fields["kind"]
        kind_field.choices = [("", _("All kinds")), *((k.value, k.label) for k in SchoolKind if k.value in kinds)]
        group_field: Any = self.fields["group"]
        group_field.queryset = EducationGroup.objects.filter(schools__in=schools).distinct().order_by("name")
        group_field.empty_label = _("All groups")


class ClassFilterForm(FilterForm):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(), required=False)
    grade = forms.TypedChoiceField(label=_("Grade"), coerce=int, required=False, empty_value=None)
    year = forms.ModelChoiceField(label=_("School year"), queryset=SchoolYear.objects.none(), required=False)
    over_standard = forms.TypedChoiceField(
        label=_("Class size"),
        choices=[("", _("All sizes")), ("1", _("Over the standard only"))],
        coerce=bool,
        required=False,
        empty_value=False,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        url: str,
        schools: QuerySet[School],
        grades: list[tuple[int, str]],
        years: QuerySet[SchoolYear],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, url=url, **kwargs)
        school_field: Any = self.fields["school"]
        school_field.queryset = schools.order_by("code")
        school_field.empty_label = _("All schools")
        grade_field: Any = self.fields["grade"]
        grade_field.choices = [("", _("All grades")), *grades]
        year_field: Any = self.fields["year"]
        year_field.queryset = years
        year_field.empty_label = _("All years")
