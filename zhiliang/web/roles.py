"""How a user's roles read in the page header: 校长（第一初级中学）, 班主任 …"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from zhiliang.accounts.models import Role, RoleAssignment
from zhiliang.accounts.scoping import scope_for
from zhiliang.org.models import grade_name


@dataclass(frozen=True)
class RoleLabel:
    role: str  # 校长
    text: str  # 校长（第一初级中学）


def role_labels(user: Any) -> list[RoleLabel]:
    labels = []
    assignments = RoleAssignment.objects.filter(user=user).select_related("county", "group", "school")
    for assignment in assignments.order_by("role", "id"):
        place = assignment.school or assignment.group or assignment.county
        where = str(place) if place is not None else ""
        if assignment.grade:
            where = f"{where} {grade_name(assignment.grade)}"
        role = str(assignment.get_role_display())
        labels.append(RoleLabel(role, _("%(role)s (%(place)s)") % {"role": role, "place": where}))
    derived = scope_for(user).roles
    labels += [RoleLabel(str(r.label), str(r.label)) for r in (Role.HEAD_TEACHER, Role.SUBJECT_TEACHER) if r in derived]
    return labels
