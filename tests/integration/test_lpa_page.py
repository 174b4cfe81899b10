"""LPA page over HTTP: every role, a lead's own LPA at /lpa, another LPA refused with no figures sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal import pipeline
from portal.db import get_database
from portal.demo.programme import DEMO_ACCOUNTS
from portal.services.metrics import sync_catalogue
from support import callback_body, dependencies, find_spec, login, post_callback

AS_OF = date(2024, 2, 1)
MARAC = (
    "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
    "R1,Birmingham,2024-01-22,awaiting,,14,no\n"
    "R2,Birmingham,2024-01-29,awaiting,,,\n"
    "R3,Coventry,2023-12-01,heard,2023-12-20,20,yes\n"
    "R4,Coventry,2023-12-20,awaiting,,9,no\n"
    "R5,Coventry,2023-12-21,awaiting,,9,no\n"
    "R6,Coventry,2023-12-22,awaiting,,9,no\n"
    "R7,Coventry,2024-01-30,awaiting,,9,no\n"
)


@pytest.fixture
def figures(app: Flask, db_session: Session, tmp_path: Path) -> Iterator[int]:
    """The catalogue and a small MARAC extract: Birmingham 2 awaiting, Coventry 4 (3 over 28 days)."""
    sync_catalogue(db_session)
    db_session.commit()
    path = tmp_path / "marac.csv"
    path.write_text(MARAC, encoding="utf-8")
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=path,
        as_of=AS_OF,
        settings=app.config["PORTAL"],
        today=date(2024, 2, 27),
    )
    assert summary.status == "succeeded", summary
    yield summary.extract_id


def call(client: FlaskClient, output: str, value: Any) -> Any:
    spec = find_spec(dependencies(client), output)
    return post_callback(client, callback_body(spec, [value]))


def graphs(node: Any) -> Iterator[dict[str, Any]]:
    """Every Plotly figure in a callback response."""
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict) and "figure" in node["props"]:
            yield node["props"]["figure"]
        for value in node.values():
            yield from graphs(value)
    elif isinstance(node, list):
        for value in node:
            yield from graphs(value)


def bars(payload: Any) -> list[dict[str, float]]:
    """Category -> value of each horizontal bar chart (LPA breakdowns) in the response, in page order."""
    return [
        dict(zip(trace["y"], trace["x"], strict=True))
        for figure in graphs(payload)
        for trace in figure["data"]
        if trace.get("orientation") == "h"
    ]


def headline(text: str, name: str) -> str:
    """The bold latest value shown on the card of the named metric."""
    after = text.split(f'"children": "{name}", "className": "h6 mb-1"', 1)[1]
    return after.split('"children": "', 1)[1].split('"', 1)[0]


def test_lead_lands_on_own_lpa(client: FlaskClient, figures: int) -> None:
    login(client, "lpa.birmingham@portal.example")
    title = call(client, "lpa-message", "")
    assert title.status_code == 200 and "Birmingham LPA" in title.get_data(as_text=True)
    response = call(client, "lpa-body", "")
    assert response.status_code == 200
    text = json.dumps(response.get_json())
    assert headline(text, "Cases awaiting MARAC") == "2" and "Actions for Birmingham" in text
    assert "Coventry" not in text


@pytest.mark.parametrize("asked", ["Coventry", "coventry", " Coventry "])
def test_lead_asking_for_another_lpa_is_refused_with_no_figures(
    client: FlaskClient, figures: int, asked: str
) -> None:
    login(client, "lpa.birmingham@portal.example")
    response = call(client, "lpa-body", asked)
    assert response.status_code == 403
    assert "Coventry" not in response.get_data(as_text=True)
    message = call(client, "lpa-message", asked)
    assert message.status_code == 200
    text = json.dumps(message.get_json())
    assert "only their own LPA" in text and "/lpa/Birmingham" in text, text
    assert not list(graphs(message.get_json()))


@pytest.mark.parametrize(("email", "role"), [a for a in DEMO_ACCOUNTS if a[1] != "lpa"])
def test_other_roles_open_any_lpa_with_the_ingested_figures(
    client: FlaskClient, figures: int, email: str, role: str
) -> None:
    login(client, email)
    response = call(client, "lpa-body", "Coventry")
    assert response.status_code == 200, role
    text = json.dumps(response.get_json())
    assert headline(text, "Cases awaiting MARAC") == "4"  # the ingested extract: Coventry 4 awaiting
    assert headline(text, "Cases awaiting MARAC over 28 days") == "3"
    assert ("Actions for Coventry" in text) == (role != "analyst")


def test_coventry_lead_sees_coventry_not_birmingham(client: FlaskClient, figures: int) -> None:
    login(client, "lpa.coventry@portal.example")
    assert call(client, "lpa-body", "Birmingham").status_code == 403
    own = call(client, "lpa-body", "Coventry")
    assert own.status_code == 200 and "Cases awaiting MARAC" in own.get_data(as_text=True)


def test_unknown_lpa_and_the_chooser(client: FlaskClient, figures: int) -> None:
    login(client, "opcc@portal.example")
    message = call(client, "lpa-message", "Atlantis").get_data(as_text=True)
    assert "There is no Local Policing Area" in message
    chooser = json.dumps(call(client, "lpa-body", "").get_json())
    assert all(f"/lpa/{lpa}" in chooser for lpa in ("Birmingham", "Wolverhampton"))


def test_signed_out_is_refused(app: Flask, client: FlaskClient) -> None:
    login(client, "opcc@portal.example")
    spec = find_spec(dependencies(client), "lpa-body")
    with app.test_client() as anonymous:
        response = post_callback(anonymous, callback_body(spec, ["Birmingham"]))
        assert response.status_code in (400, 401, 403)
        assert "Cases awaiting" not in response.get_data(as_text=True)
