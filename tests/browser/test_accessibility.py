"""axe-core on every page of the registry for every role that may see it: nothing serious."""

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
    open_page(page, served.url + url)
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
