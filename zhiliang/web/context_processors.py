"""The menu and the signed-in user's roles, for every page (`base.html`)."""

from typing import Any

from django.http import HttpRequest

from zhiliang.web.navigation import nav_for
from zhiliang.web.roles import role_labels


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": []}
    items = nav_for(user)
    path = request.path
    for item in items:
        url = item["url"]
        item["active"] = path == url or (url != "/" and path.startswith(url))
    return {"nav_items": items, "user_roles": role_labels(user)}
