import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Evidence files go to a temporary folder, never to the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def login(client):
    def as_user(cast, role):
        client.force_login(cast.user(role))
        return client

    return as_user
