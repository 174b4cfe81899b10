"""axe-core on every page of the registry for every role that may see it: nothing serious, and no
callback the page fires on load refused for that role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.browser import describe_violations, open_page, run_axe
from bench.served import ROLE_ACCOUNTS, ServedPortal, page_slug, visible_pages

BLOCKING = {"serious", "critical"}
CASES = [
    pytest.param(role, url, id=f"{page_slug(spec)}-{role}")
    for role in ROLE_ACCOUNTS
    for spec, url in visible_pages(role)
]


@pytest.mark.parametrize(("role", "url"), CASES)
def test_no_serious_accessibility_findings(
    role_page: Any, served: ServedPortal, axe_source: Path, role: str, url: str
) -> None:
    page = role_page(role)
    refused: list[str] = []

    def watch(response: Any) -> None:
        if "/_dash-update-component" in response.url and response.status >= 400:
            refused.append(f"HTTP {response.status} for {response.request.post_data_json.get('output')}")

    page.on("response", watch)
    try:
        open_page(page, served.url + url)
    finally:
        page.remove_listener("response", watch)
    # A page asks on load only what its reader may ask: a refusal is a broken panel and a console error.
    assert not refused, f"{url} as {role}: {refused}"
    assert page.locator("h1").count() == 1, f"{url} as {role}: expected one H1"
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:
        print(f"\n{url} as {role}: minor/moderate findings\n{describe_violations(others)}")
    assert not blocking, f"{url} as {role}:\n{describe_violations(blocking)}"


def test_the_registry_is_covered() -> None:
    """Every page of the registry is checked for at least one role (a path variable without a sample
    value in bench/served.py would drop a page silently)."""
    import layouts

    covered = {page_slug(spec) for role in ROLE_ACCOUNTS for spec, _url in visible_pages(role)}
    assert covered == {page_slug(spec) for spec in layouts.pages()}
