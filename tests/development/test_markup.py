"""Every development page: no inline script or style (CSP), and no English left in the Chinese pages."""

import pytest
from django.urls import reverse

from tests.development import factories
from tests.web.test_markup import latin_words, scan
from zhiliang.development.models import Confirmation

# Latin the pages may show: file names and extensions the user uploaded or downloads.
ALLOWED = {"xlsx", "PDF", "JPEG", "PNG", "Word", "pdf"}


def _urls(cast):
    pair = factories.pair(cast)
    group = factories.group(cast)
    factories.evidence(cast)
    factories.achievement(cast, status=Confirmation.CONFIRMED)
    teacher = cast.teachers["subject_teacher"].pk
    return [
        reverse("development:index"),
        reverse("development:training_list"),
        reverse("development:training_add"),
        reverse("development:achievement_list"),
        reverse("development:achievement_add"),
        reverse("development:pair_list"),
        reverse("development:pair_create"),
        reverse("development:pair_detail", args=[pair.pk]),
        reverse("development:group_list"),
        reverse("development:group_create"),
        reverse("development:group_detail", args=[group.pk]),
        reverse("development:archive", args=[teacher]),
        reverse("development:ladder"),
        reverse("development:criteria"),
        reverse("development:training_overview"),
    ]


@pytest.mark.parametrize("role", ["principal", "subject_teacher", "head_teacher", "bureau_admin"])
def test_pages_are_clean_and_chinese(client, cast, role):
    client.force_login(cast.user(role))
    seen = 0
    for url in _urls(cast):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        html = response.content.decode()
        scanner = scan(html)
        assert not scanner.problems, f"{url}: {scanner.problems}"
        # Our own content only: the menu holds other apps' labels, checked by tests/web/test_markup.py.
        leftovers = latin_words(scan(html[html.index('<main id="main"') :]).texts) - ALLOWED
        assert not leftovers, f"{url} as {role}: {sorted(leftovers)}"
        seen += 1
    assert seen >= 5


def test_english_pages_are_english(client, cast):
    client.force_login(cast.user("principal"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("development:archive", args=[cast.teachers["subject_teacher"].pk])).content.decode()
    for text in ("Growth archive of", "Toward the next stage", "Training: five years, 360 hours", "Backbone teacher"):
        assert text in html, text
