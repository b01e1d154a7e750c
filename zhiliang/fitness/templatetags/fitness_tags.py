"""Formatting of report cells: rates as percentages, numbers to one decimal, missing values as a dash."""

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def cell(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "percent":
        return f"{100 * float(value):.1f}%"
    if kind == "number" and isinstance(value, float | Decimal):
        return f"{float(value):.1f}"
    return str(value)


@register.filter
def percent(value: Any) -> str:
    return cell(value, "percent")


@register.filter
def number(value: Any) -> str:
    return cell(value, "number")


@register.filter
def plain(value: Any) -> str:
    """A measurement as typed: 160.0 → 160, 9.80 → 9.8 (never 1.6E+2)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
