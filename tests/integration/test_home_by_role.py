"""What each demo account's overview shows, and what it refuses."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from portal.demo.programme import DEMO_ACCOUNTS
from support import callback_body, dependencies, find_spec, login, post_callback

CAUSE_TITLES = [
    "Investigating Crime",
    "Protecting Vulnerable People - MARAC",
    "Managing Offenders and Suspects - Sex Offender Managers",
    "Managing Offenders and Suspects - OCSET",
]
SCOPE_HEADING = {
    "gold": "Actions in your causes",
    "silver": "Actions in your workstream",
    "lpa": None,  # "Actions for <LPA>"
}


def _overview(client: FlaskClient, email: str) -> str:
    assert login(client, email).status_code == 302
    client.get("/")
    spec = find_spec(dependencies(client), "overview-causes")
    response = post_callback(client, callback_body(spec, ["/"]))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _counts(text: str, heading: str) -> list[int]:
    """The four counts (open, overdue, due soon, completed) after each occurrence of heading."""
    found = []
    for chunk in text.split(f'"{heading}"')[1:]:
        values = re.findall(r'"children":"([\d,]+)","className":"fs-4', chunk)[:4]
        found.append([int(v.replace(",", "")) for v in values])
    return found


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_every_demo_account_sees_the_four_causes(client: FlaskClient, email: str, role: str) -> None:
    text = _overview(client, email)
    for title in CAUSE_TITLES:
        assert title in text
    all_counts = _counts(text, "All actions")
    assert len(all_counts) == 4 and all(sum(c) > 0 for c in all_counts)
    if role in ("gold", "silver"):
        assert text.count(SCOPE_HEADING[role]) == 4
    elif role == "lpa":
        lpa = email.split("@")[0].split(".")[1].title()
        assert text.count(f"Actions for {lpa}") == 4
    else:
        assert "Actions in your" not in text and "Actions for" not in text


def test_gold_scope_counts_cover_only_their_cause(client: FlaskClient) -> None:
    text = _overview(client, "gold.marac@portal.example")
    forcewide = _counts(text, "All actions")
    scoped = _counts(text, "Actions in your causes")
    inv, marac, rso, ocset = scoped
    assert sum(marac) > 0 and marac == forcewide[1]
    # gold.marac owns no actions outside MARAC in the demo, so the other causes show nothing in scope.
    assert sum(inv) == sum(rso) == sum(ocset) == 0


def test_lpa_scope_counts_are_their_lpa_only(client: FlaskClient) -> None:
    text = _overview(client, "lpa.coventry@portal.example")
    forcewide = _counts(text, "All actions")
    scoped = _counts(text, "Actions for Coventry")
    assert sum(map(sum, scoped)) > 0
    assert all(sum(s) <= sum(f) for s, f in zip(scoped, forcewide, strict=True))
    assert sum(map(sum, scoped)) < sum(map(sum, forcewide))


def test_navigation_and_identity(client: FlaskClient) -> None:
    login(client, "lpa.birmingham@portal.example")
    client.get("/")
    spec = find_spec(dependencies(client), "nav-links")
    text = post_callback(client, callback_body(spec, ["/"])).get_data(as_text=True)
    assert "LPA lead" in text and "Birmingham" in text
    assert '"Overview"' in text


def test_page_skeleton_never_carries_data(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "Investigating Crime" not in layout
    assert "OFFICIAL-SENSITIVE" in layout
