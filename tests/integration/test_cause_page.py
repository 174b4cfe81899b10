"""Cause page over HTTP: every role, figures equal the ingested extract, scoped actions and LPA figures."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_lpa_page import bars, call, figures, graphs, headline

from portal.demo.programme import DEMO_ACCOUNTS
from support import callback_body, dependencies, find_spec, login, post_callback

__all__ = ["figures"]  # the fixture, shared with the LPA page tests


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_every_role_sees_the_cause_with_its_figures(
    client: FlaskClient, figures: int, email: str, role: str
) -> None:
    login(client, email)
    response = call(client, "cause-body", "MARAC")
    assert response.status_code == 200, role
    text = json.dumps(response.get_json())
    assert "HMICFRS statement" in text
    assert all(f"Recommendation {n}" in text for n in (1, 2, 3, 4))
    assert "Owning group" in text and "Deadline" in text
    assert headline(text, "Cases awaiting MARAC") == "6"  # the force total of the ingested extract
    breakdown = bars(response.get_json())[0]  # cases awaiting, the first figure of recommendation 1
    if role == "lpa":
        own = email.split("@")[0].split(".")[1].title()
        assert set(breakdown) == {own}
    else:
        assert breakdown["Birmingham"] == 2 and breakdown["Coventry"] == 4
    assert ("Your role sees the figures, not the actions." in text) == (role == "analyst")


def test_birmingham_lead_receives_no_coventry_figures(client: FlaskClient, figures: int) -> None:
    login(client, "lpa.birmingham@portal.example")
    payload = call(client, "cause-body", "MARAC").get_json()
    for figure in graphs(payload):
        assert "Coventry" not in json.dumps(figure)
    by_lpa = [b for b in bars(payload) if not any(k[:2] == "20" for k in b)]  # months are force totals
    assert by_lpa and all(set(b) == {"Birmingham"} for b in by_lpa)
    assert by_lpa[0] == {"Birmingham": 2}


def test_charts_have_baseline_tolerance_and_text_alternative(client: FlaskClient, figures: int) -> None:
    login(client, "gold.marac@portal.example")
    payload = call(client, "cause-body", "MARAC").get_json()
    text = json.dumps(payload)
    assert "Show as a table" in text and "Figcaption" in text
    for figure in graphs(payload):
        assert figure["layout"].get("template") == "none"
    assert '"displaylogo": false' in text


def test_unknown_cause_says_so(client: FlaskClient) -> None:
    login(client, "gold.investigations@portal.example")
    response = call(client, "cause-body", "NOPE")
    assert response.status_code == 200
    text = json.dumps(response.get_json())
    assert "There is no Cause of Concern" in text and "NOPE" in text


def test_cause_index_lists_the_causes(client: FlaskClient) -> None:
    login(client, "analyst@portal.example")
    text = json.dumps(call(client, "cause-body", "").get_json())
    assert all(f"/causes/{code}" in text for code in ("INV", "MARAC", "RSO", "OCSET"))


def test_actions_on_the_cause_page_follow_scope(client: FlaskClient) -> None:
    login(client, "lpa.coventry@portal.example")
    text = json.dumps(call(client, "cause-body", "INV").get_json())
    assert "Feed back QATT findings to Coventry supervisors" in text
    assert "Feed back QATT findings to Birmingham supervisors" not in text


def test_executive_sees_every_action_of_the_cause(client: FlaskClient) -> None:
    login(client, "dcc@portal.example")
    text = json.dumps(call(client, "cause-body", "INV").get_json())
    assert "Feed back QATT findings to Birmingham supervisors" in text


def test_overview_headlines_and_timeline(client: FlaskClient, figures: int) -> None:
    login(client, "opcc@portal.example")
    causes = json.dumps(call(client, "overview-causes", "/").get_json())
    assert "Headline figures" in causes and "Cases awaiting MARAC" in causes
    timeline = json.dumps(call(client, "overview-timeline", "/").get_json())
    assert "Engage letter" in timeline and "Next" in timeline


def test_signed_out_is_refused(app: Flask, client: FlaskClient) -> None:
    login(client, "opcc@portal.example")
    specs = dependencies(client)
    with app.test_client() as anonymous:
        for output in ("cause-body", "overview-timeline"):
            response = post_callback(anonymous, callback_body(find_spec(specs, output), ["INV"]))
            assert response.status_code in (400, 401, 403)
