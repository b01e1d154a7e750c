from django import forms
from django.utils.translation import gettext_lazy as _

from zhiliang.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("All")), *AuditAction.choices], required=False)
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    text = forms.CharField(label=_("Object"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
