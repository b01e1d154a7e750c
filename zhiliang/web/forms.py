"""Filter forms for list pages: plain GET forms that htmx submits as the user types or chooses."""

from typing import Any

from django import forms


class FilterForm(forms.Form):
    """A GET filter form whose fields re-request `url` by themselves (htmx), falling back to a submit button.

    Text fields search 300 ms after the last keystroke; selects apply on change. The surrounding <form>
    names the element to replace (`hx-target`) and pushes the filtered URL into the history.
    """

    def __init__(self, data: Any = None, *, url: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            widget.attrs.setdefault("hx-get", url)
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
                widget.attrs.setdefault("hx-trigger", "change")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")
                widget.attrs.setdefault("hx-trigger", "input changed delay:300ms, search")
                widget.attrs.setdefault("autocomplete", "off")

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty filters; an invalid value (a stale link, a class from another school) is ignored."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "")}


def search_field(label: str, placeholder: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )
