"""Filters of the student and teacher lists; their choices come from what the user may see."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.curriculum.models import Subject
from zhiliang.org.models import School, SchoolClass
from zhiliang.people.models import StudentStatus, Title
from zhiliang.web.forms import FilterForm, search_field


class ClassChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: SchoolClass) -> str:
        return f"{obj.school.display_name} {obj.display_name}"


class StudentFilterForm(FilterForm):
    q = search_field(_("Search"), _("Name or student number"))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(), required=False)
    school_class = ClassChoiceField(label=_("Class"), queryset=SchoolClass.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *StudentStatus.choices], required=False
    )

    def __init__(
        self,
        data: Any = None,
        *,
        url: str,
        schools: QuerySet[School],
        classes: QuerySet[SchoolClass],
        container_id: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, url=url, **kwargs)
        school_field: Any = self.fields["school"]
        school_field.queryset = schools.order_by("code")
        school_field.empty_label = _("All schools")
        # The class choices depend on the school: choosing a school re-renders the whole filter block.
        school_field.widget.attrs.update({"hx-target": f"#{container_id}", "hx-select": f"#{container_id}"})
        school_field.widget.attrs["hx-swap"] = "outerHTML"
        class_field: Any = self.fields["school_class"]
        class_field.queryset = classes.select_related("school").order_by("school__code", "grade", "number")
        class_field.empty_label = _("All classes")


class TeacherFilterForm(FilterForm):
    q = search_field(_("Search"), _("Name or staff number"))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none(), required=False)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.all(), required=False)
    title = forms.ChoiceField(label=_("Title"), choices=[("", _("All titles")), *Title.choices], required=False)

    def __init__(self, data: Any = None, *, url: str, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(data, url=url, **kwargs)
        school_field: Any = self.fields["school"]
        school_field.queryset = schools.order_by("code")
        school_field.empty_label = _("All schools")
        subject_field: Any = self.fields["subject"]
        subject_field.empty_label = _("All subjects")
