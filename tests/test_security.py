"""Production settings, password hashing, login throttling, security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "ZHILIANG_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ZHILIANG_FIELD_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    "ZHILIANG_ALLOWED_HOSTS": "zhiliang.example.edu.cn",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("ZHILIANG_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "zhiliang.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "ZHILIANG_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_field_key() -> None:
    env = dict(PRODUCTION_ENV)
    del env["ZHILIANG_FIELD_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ZHILIANG_FIELD_KEY is not set" in result.stderr


def test_check_deploy_reports_nothing_with_production_settings() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_hashes_passwords_with_argon2() -> None:
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, cast, settings) -> None:  # type: ignore[no-untyped-def]
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "principal", "password": "wrong-password"})
        assert response.status_code == 200
    # The failure that reaches the limit locks the account, and then even the right password is refused.
    assert client.post(url, {"username": "principal", "password": "wrong-again"}).status_code == 429
    locked = client.post(url, {"username": "principal", "password": "Passw0rd!zl"})
    assert locked.status_code == 429


@pytest.mark.django_db
def test_successful_and_failed_logins_are_audited(client, cast) -> None:  # type: ignore[no-untyped-def]
    from zhiliang.audit.models import AuditEvent

    url = reverse("accounts:login")
    client.post(url, {"username": "principal", "password": "wrong-password"})
    client.post(url, {"username": "principal", "password": "Passw0rd!zl"})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_name"))
    assert actions == [("login_failed", "principal"), ("login", "principal")]


@pytest.mark.django_db
def test_pages_carry_security_headers(client, cast) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
