"""Template helpers shared by every page that lists schools or classes."""

import datetime
import math
from typing import Any

from django import template
from django.utils.translation import gettext as _

from zhiliang.core.class_size import SizeBand, size_band, standard_max
from zhiliang.org.models import Stage, grade_name, stage_for_grade

register = template.Library()


def _band_label(band: SizeBand | None) -> str:
    labels = {
        SizeBand.OVER_STANDARD: _("Over standard"),
        SizeBand.LARGE: _("Large class (56+)"),
        SizeBand.HUGE: _("Oversized class (66+)"),
    }
    return labels.get(band, "") if band else ""


@register.inclusion_tag("web/_class_size.html")
def class_size(school_class: Any) -> dict[str, Any]:
    """A class's size with a flag when it exceeds the standard maximum (`zhiliang.core.class_size`).

    The class must carry a `size` annotation (`zhiliang.org.selectors.classes_with_size`).
    """
    stage = stage_for_grade(school_class.grade)
    size = school_class.size
    band = size_band(stage, size)
    return {
        "size": size,
        "band": band.value if band else "",
        "band_label": _band_label(band),
        "limit": standard_max(stage),
    }


@register.filter
def stage_labels(school: Any) -> str:
    """The stages a school serves, e.g. 小学、初中."""
    return _(", ").join(str(Stage(stage).label) for stage in school.stages)


@register.filter
def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


@register.filter
def grade_label(grade: int) -> str:
    return grade_name(grade)


@register.filter
def minutes(delta: datetime.timedelta | None) -> int:
    """Whole minutes of a duration, rounded up (the lockout page's "try again in N minutes")."""
    if delta is None:
        return 0
    return math.ceil(delta.total_seconds() / 60)


@register.filter
def teaching_summary(assignments: Any) -> list[tuple[str, list[str]]]:
    """Assignments as subject → classes, each pair once (a year has two terms of the same assignments)."""
    by_subject: dict[str, list[str]] = {}
    for assignment in assignments:
        classes = by_subject.setdefault(assignment.subject.name, [])
        if assignment.school_class.display_name not in classes:
            classes.append(assignment.school_class.display_name)
    return list(by_subject.items())
