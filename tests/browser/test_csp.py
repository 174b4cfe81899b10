"""Every page renders under the real Content-Security-Policy (no `unsafe-eval`): not one violation
reported by Chromium, for the roles that between them see every page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bench.browser import login, open_page
from bench.served import ROLE_ACCOUNTS, ServedPortal, page_slug, visible_pages

ROLES = ("admin", "lpa")  # the admin sees every page of the registry; the LPA lead its own variants
WATCH = """() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
}"""


@pytest.fixture(scope="module")
def enforced(browser: Any, served: ServedPortal) -> Iterator[Any]:
    """Signed-in pages per role in contexts that keep the CSP (the axe contexts bypass it)."""
    contexts: dict[str, Any] = {}

    def page_for(role: str) -> Any:
        if role not in contexts:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
            context.add_init_script(f"({WATCH})()")
            contexts[role] = login(context, served.url, ROLE_ACCOUNTS[role])
        return contexts[role]

    yield page_for
    for page in contexts.values():
        page.context.close()


CASES = [
    pytest.param(role, url, id=f"{page_slug(spec)}-{role}")
    for role in ROLES
    for spec, url in visible_pages(role)
]


@pytest.mark.parametrize(("role", "url"), CASES)
def test_page_renders_with_no_csp_violation(enforced: Any, served: ServedPortal, role: str, url: str) -> None:
    page = enforced(role)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    open_page(page, served.url + url)
    assert page.locator("h1").count() == 1, f"{url} as {role} did not render"
    violations = page.evaluate("() => window.__cspViolations")
    assert not violations and not errors, f"{url} as {role}: {violations + errors}"
