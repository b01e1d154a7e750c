"""Every URL × every role: allowed roles get their page, everyone else 404, anonymous visitors the login page.

Entries live in `tests/permission_matrix_entries/<app>.py` (see the README there). A named URL without an entry
fails `test_every_url_has_an_entry`, so adding a view without deciding who may see it breaks the build.
"""

import importlib
import pkgutil
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.permission_matrix_entries as entries_package
from tests.cast import Cast

# URLs open to anyone (login itself, language switch) or guarded by Django's own staff check (admin).
PUBLIC = {"login", "logout", "set_language", "password_change", "password_change_done"}
PUBLIC_NAMESPACES = {"admin"}


def load_entries() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for module_info in pkgutil.iter_modules(entries_package.__path__):
        module = importlib.import_module(f"{entries_package.__name__}.{module_info.name}")
        for name, entry in module.ENTRIES.items():
            assert name not in entries, f"{name} has two permission-matrix entries"
            entries[name] = entry
    return entries


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


ENTRIES = load_entries()


def is_public(name: str) -> bool:
    return name in PUBLIC or name.split(":", 1)[0] in PUBLIC_NAMESPACES or name.split(":")[-1] in PUBLIC


def test_every_url_has_an_entry() -> None:
    missing = sorted(name for name in named_urls() if not is_public(name) and name not in ENTRIES)
    assert not missing, f"URLs without a permission-matrix entry: {missing}"


def test_no_entry_for_a_url_that_does_not_exist() -> None:
    assert not sorted(set(ENTRIES) - named_urls())


def request(client: Any, entry: dict[str, Any], url: str, cast: Cast) -> Any:
    method = entry.get("method", "get")
    data = entry["data"](cast) if "data" in entry else {}
    return getattr(client, method)(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_matrix(name: str, cast: Cast, client: Any) -> None:
    entry = ENTRIES[name]
    ok_statuses = entry.get("ok", {200})
    denied_statuses = entry.get("denied", {404})
    roles = sorted(cast.users)
    unknown = set(entry["allowed"]) - set(roles)
    assert not unknown, f"{name}: unknown roles {unknown}"

    url = reverse(name, kwargs=entry["kwargs"](cast) if "kwargs" in entry else None)
    response = request(client, entry, url, cast)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
        f"{name}: anonymous got {response.status_code}"
    )
    for role in roles:
        client.force_login(cast.user(role))
        url = reverse(name, kwargs=entry["kwargs"](cast) if "kwargs" in entry else None)
        status = request(client, entry, url, cast).status_code
        expected = ok_statuses if role in entry["allowed"] else denied_statuses
        assert status in expected, f"{name} as {role}: got {status}, expected {sorted(expected)}"
        client.logout()
