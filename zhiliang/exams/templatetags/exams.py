"""Template filters of the exam pages."""

from decimal import Decimal

from django import template

from zhiliang.exams.presenters import subject_label as _subject_label

register = template.Library()


@register.filter
def ratio_percent(value: Decimal | float | None) -> str:
    """A share of full marks as a percentage: 0.6 → "60%", 0.875 → "87.5%"."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}".removesuffix(".0") + "%"


@register.filter
def subject_label(name: str) -> str:
    """The core's 总分 key in the user's language; any other subject name (data) unchanged."""
    return _subject_label(name)
