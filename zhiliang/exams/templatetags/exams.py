"""Template filters of the exam pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def ratio_percent(value: Decimal | float | None) -> str:
    """A share of full marks as a percentage: 0.6 → "60%", 0.875 → "87.5%"."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}".removesuffix(".0") + "%"
