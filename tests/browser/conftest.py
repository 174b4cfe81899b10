"""Browser fixtures: the demo portal served by gunicorn in a subprocess, Chromium, signed-in pages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.browser import launch, login, new_context
from bench.served import AXE, ROLE_ACCOUNTS, ServedPortal, chromium_path

CI = os.environ.get("CI", "").lower() == "true"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().parent == HERE:
            item.add_marker(pytest.mark.browser)


def _require(what: str, ok: bool) -> None:
    if ok:
        return
    message = f"{what} is missing: run `make browser-deps`"
    if CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedPortal]:
    """A fresh SQLite database, migrated, with `portal demo` (figures too), served with a worker
    on the embedded broker (the analyst's upload needs one), as at 27 February 2024."""
    _require("Chromium (/usr/bin/chromium)", chromium_path() is not None)
    portal = ServedPortal(tmp_path_factory.mktemp("served"), worker=True)
    with portal:
        yield portal


@pytest.fixture(scope="session")
def browser(served: ServedPortal) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    _require("axe-core (.cache/npm/node_modules/axe-core/axe.min.js)", AXE.is_file())
    return AXE


class RolePages:
    """One signed-in context and page per role, made on first use and reused for the session."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self._pages: dict[str, Any] = {}

    def __call__(self, role: str) -> Any:
        page = self._pages.get(role)
        if page is None or page.is_closed():
            context = new_context(self.browser)
            page = self._pages[role] = login(context, self.base_url, ROLE_ACCOUNTS[role])
        return page

    def close(self) -> None:
        for page in self._pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def role_page(browser: Any, served: ServedPortal) -> Iterator[RolePages]:
    pages = RolePages(browser, served.url)
    yield pages
    pages.close()


@pytest.fixture
def fresh_context(browser: Any) -> Iterator[Any]:
    """A context of its own for a flow that changes things or signs in as a specific account."""
    context = new_context(browser)
    yield context
    context.close()
