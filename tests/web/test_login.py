"""Logging in and out, lockout, password change, and the audit trail of logins."""

import pytest
from django.urls import reverse

from tests.cast import PASSWORD
from zhiliang.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_login_page_uses_our_template(client, cast):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "registration/login.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'autocomplete="current-password"' in html
    assert "登录" in html


def test_logging_in_lands_on_home_and_is_audited(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "principal", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == cast.user("principal")
    assert event.ip_address == "127.0.0.1"


def test_a_failed_login_is_audited_with_the_name_tried_but_no_user(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "principal", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()  # Django's message, in Chinese
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.actor, event.actor_name, event.target_repr) == (None, "principal", "principal")
    assert event.detail == {"username": "principal"}
    assert "wrong" not in str(event.detail)


def test_lockout_page(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "grade_leader", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "grade_leader", "password": PASSWORD})
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "grade_leader" in html
    assert "15 分钟" in html  # AXES_COOLOFF_TIME = 0.25 h


def test_the_logout_button_posts_and_leads_back_to_login(client, cast):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("web:home")).content.decode()
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert client.get(reverse("web:home")).status_code == 302


def test_password_change_page(client, cast):
    client.force_login(cast.user("principal"))
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 200
    assert 'autocomplete="new-password"' in response.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "An0ther-long-pass", "new_password2": "An0ther-long-pass"},
    )
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert "registration/password_change_done.html" in [t.name for t in done.templates]
