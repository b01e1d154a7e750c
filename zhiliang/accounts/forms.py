from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.models import ASSIGNABLE_ROLES
from zhiliang.org.models import EducationGroup, School


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[(role.value, role.label) for role in ASSIGNABLE_ROLES])
    group = forms.ModelChoiceField(label=_("Education group"), queryset=EducationGroup.objects.none(), required=False)
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(), required=False)
    grade = forms.IntegerField(label=_("Grade"), min_value=1, max_value=12, required=False)

    def __init__(self, *args: Any, county_ids: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = EducationGroup.objects.filter(county_id__in=county_ids)  # type: ignore[attr-defined]
        self.fields["school"].queryset = School.objects.filter(county_id__in=county_ids)  # type: ignore[attr-defined]
