"""The menu and the signed-in user's roles, for every page (`base.html`)."""

from typing import Any

from django.http import HttpRequest

from zhiliang.web.navigation import nav_for, nav_sections
from zhiliang.web.roles import role_labels


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_sections": [], "user_roles": []}
    items = nav_for(user)
    path = request.path
    for item in items:
        url = item["url"]
        item["active"] = path == url or (url != "/" and path.startswith(url))
    bar = [item for item in items if not item["section"]]
    return {"nav_items": bar, "nav_sections": nav_sections(items), "user_roles": role_labels(user)}
