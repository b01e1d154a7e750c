import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    from tests.cast import build_cast

    return build_cast()
