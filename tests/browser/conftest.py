"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright against pytest-django's live server.

The tests fail, with a message saying how to fix it, when Chromium is missing; ZHILIANG_SKIP_BROWSER=1 skips
them instead (for machines that cannot run a browser). Screenshots go to test-artifacts/ (git-ignored).
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("ZHILIANG_SKIP_BROWSER") == "1":
        pytest.skip("ZHILIANG_SKIP_BROWSER=1: browser tests skipped")
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}: install it (apt-get install chromium) "
            "or set ZHILIANG_SKIP_BROWSER=1 to skip them.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser tab on the live server, collecting console errors (CSP violations show up there)."""

    def __init__(self, browser: Any, base_url: str, *, width: int = 1280, height: int = 900) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def go(self, path: str) -> Any:
        self.page.goto(self.base_url + path)
        return self.page

    def log_in(self, username: str, password: str) -> Any:
        page = self.go("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("#login-form button[type=submit]")
        return page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """Open tabs with `visit()`; every tab must end without console errors."""
    opened: list[Visit] = []

    def open_tab(**size: int) -> Visit:
        tab = Visit(browser, live_server.url, **size)
        opened.append(tab)
        return tab

    yield open_tab
    errors = [error for tab in opened for error in tab.errors]
    for tab in opened:
        tab.close()
    assert not errors, f"browser console errors: {errors}"
