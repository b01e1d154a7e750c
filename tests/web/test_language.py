"""zh-Hans by default whatever the browser asks; English when chosen with the switch."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_chinese_by_default_even_for_an_english_browser(client, cast):
    client.force_login(cast.user("principal"))
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "首页" in html and ">English<" in html


def test_switching_to_english_and_back(client, cast):
    client.force_login(cast.user("principal"))
    home = reverse("web:home")
    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response.status_code == 302 and response["Location"] == home
    html = client.get(home).content.decode()
    assert '<html lang="en">' in html
    assert ">Home<" in html and "中文" in html
    assert "Principal (第一初级中学)" in html  # a Chinese role name, translated by the en catalogue
    client.post(reverse("set_language"), {"language": "zh-hans", "next": home})
    assert "首页" in client.get(home).content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client, cast, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="zh-Hans">' in client.get(reverse("accounts:login")).content.decode()
