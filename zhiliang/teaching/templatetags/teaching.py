"""Small display filters of the teaching pages."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from zhiliang.core.teaching.homework import STATUS_LABELS
from zhiliang.core.teaching.rectification import EVENT_LABELS, STATE_LABELS

register = template.Library()


@register.filter
def pct(value: Any) -> str:
    """A share (0.875) as a percentage with one decimal (87.5%); "—" when there is none."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value) * 100:.1f}%"


def _lang() -> int:
    return 1 if (get_language() or "").startswith("en") else 0


@register.filter
def state_label(state: str) -> str:
    return STATE_LABELS[state][_lang()]


@register.filter
def load_label(status: str) -> str:
    return STATUS_LABELS[status][_lang()]


@register.filter
def event_label(event: str) -> str:
    labels = EVENT_LABELS.get(event)
    return labels[_lang()] if labels else event
