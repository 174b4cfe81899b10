"""Performance page over HTTP: every role and tab, the MARAC table equals the extract, LPA scoping."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_lpa_page import bars, call, figures

from portal.demo.programme import DEMO_ACCOUNTS
from support import callback_body, dependencies, find_spec, login, post_callback

__all__ = ["figures"]  # the fixture, shared with the LPA page tests


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
@pytest.mark.parametrize("tab", ["INV", "MARAC", "RSO", "OCSET"])
def test_every_role_opens_every_tab(
    client: FlaskClient, figures: int, email: str, role: str, tab: str
) -> None:
    login(client, email)
    response = call(client, "performance-body", tab)
    assert response.status_code == 200, (role, tab)
    text = json.dumps(response.get_json())
    assert "All figures" in text or "No figures have been loaded yet" in text


@pytest.mark.parametrize(("email", "role"), [a for a in DEMO_ACCOUNTS if a[1] != "lpa"])
def test_marac_table_shows_the_ingested_figures(
    client: FlaskClient, figures: int, email: str, role: str
) -> None:
    login(client, email)
    payload = call(client, "performance-body", "MARAC").get_json()
    text = json.dumps(payload)
    assert "Awaiting 1 Feb 2024" in text and "Max working days (1 Feb 2024)" in text
    assert "Breach: 3" in text  # Coventry: three referrals waiting over 28 days, marked in words
    expected = {"Birmingham": 2, "Coventry": 4, "Dudley": 0, "Sandwell": 0, "Solihull": 0, "Walsall": 0}
    assert bars(payload)[0] == expected | {"Wolverhampton": 0}


def test_birmingham_lead_gets_only_birmingham_and_force(client: FlaskClient, figures: int) -> None:
    login(client, "lpa.birmingham@portal.example")
    response = call(client, "performance-body", "MARAC")
    text = json.dumps(response.get_json())
    assert "Coventry" not in text
    assert "Birmingham" in text and "Force" in text
    assert "Breakdowns show Birmingham only" in text
    assert "Breach: 3" in text  # the force total still shows the breaches, without naming the LPA


def test_unknown_tab_falls_back_to_the_first_cause(client: FlaskClient, figures: int) -> None:
    login(client, "analyst@portal.example")
    response = call(client, "performance-body", "<script>")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


def test_empty_state_without_figures(client: FlaskClient) -> None:
    login(client, "analyst@portal.example")
    text = json.dumps(call(client, "performance-body", "MARAC").get_json())
    assert "No figures" in text


def test_signed_out_is_refused(app: Flask, client: FlaskClient) -> None:
    login(client, "opcc@portal.example")
    spec = find_spec(dependencies(client), "performance-body")
    with app.test_client() as anonymous:
        response = post_callback(anonymous, callback_body(spec, ["MARAC"]))
        assert response.status_code in (400, 401, 403)
