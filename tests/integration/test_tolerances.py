"""Tolerance breaches: raised once, not duplicated by refresh, resolved, acknowledged in scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import pipeline
from portal.access import AccessDenied, Principal
from portal.access.permissions import Permission, permissions_for
from portal.db import get_database
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import Alert, AlertKind, AlertStatus, MetricDefinition, Role, ToleranceOverride, User
from portal.services import metrics as metric_service
from portal.services import tolerances
from support import callback_body, dependencies, find_spec, login, post_callback

HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
KEY = "marac_awaiting_over_28_days"


def _file(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _ingest(app: Flask, path: Path, as_of: date) -> None:
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=path,
        as_of=as_of,
        settings=app.config["PORTAL"],
        today=date(2024, 2, 27),
    )
    assert summary.status == "succeeded", summary


def _principal(session: Session, email: str) -> Principal:
    return Principal.from_user(session.scalar(select(User).where(User.email == email)))


def _breaches(session: Session) -> list[Alert]:
    session.expire_all()
    return list(
        session.scalars(select(Alert).where(Alert.kind == AlertKind.METRIC_BREACH, Alert.metric_key == KEY))
    )


@pytest.fixture
def banded(db_session: Session) -> MetricDefinition:
    metric_service.sync_catalogue(db_session)
    definition = db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == KEY))
    definition.amber_threshold, definition.red_threshold = 0.5, 5
    definition.trigger_plan = "Escalate to the MARAC Gold Group the same day."
    db_session.commit()
    return definition


def test_breach_raised_once_not_duplicated_then_resolved(
    app: Flask, db_session: Session, banded: MetricDefinition, tmp_path: Path
) -> None:
    late = ["R1,Coventry,2023-12-20,awaiting,,9,no", "R2,Birmingham,2024-01-25,awaiting,,9,no"]
    _ingest(app, _file(tmp_path, "a.csv", late), date(2024, 1, 25))
    _ingest(app, _file(tmp_path, "b.csv", late + ["R3,Dudley,2024-01-30,awaiting,,1,no"]), date(2024, 2, 1))
    alerts = {a.lpa: a for a in _breaches(db_session)}
    assert set(alerts) == {"Coventry", "ALL"}
    assert alerts["Coventry"].value == 1 and alerts["Coventry"].threshold == 0.5
    assert alerts["Coventry"].since == date(2024, 1, 25)  # first snapshot of the continuous breach
    pipeline.run_refresh(get_database(app), settings=app.config["PORTAL"], trigger="test")
    assert len(_breaches(db_session)) == 2  # a refresh does not duplicate an open alert
    _ingest(app, _file(tmp_path, "c.csv", ["R1,Coventry,2023-12-20,heard,2024-02-05,9,no"]), date(2024, 2, 8))
    assert {a.status for a in _breaches(db_session)} == {AlertStatus.RESOLVED}


def test_per_lpa_override_and_direction(db_session: Session, banded: MetricDefinition) -> None:
    band = tolerances.band_for(banded, None)
    assert (
        tolerances.rag(0, band) == "green"
        and tolerances.rag(1, band) == "amber"
        and tolerances.rag(6, band) == "red"
    )
    override = ToleranceOverride(metric_key=KEY, lpa="Coventry", amber_threshold=2, red_threshold=4)
    assert tolerances.rag(1, tolerances.band_for(banded, override)) == "green"
    higher = MetricDefinition(
        key="x", kind="x", name="x", unit="%", direction="higher_better", amber_threshold=80, red_threshold=60
    )
    assert [tolerances.rag(v, tolerances.band_for(higher, None)) for v in (90, 70, 50)] == [
        "green",
        "amber",
        "red",
    ]


def test_acknowledge_in_scope_keeps_history_and_refuses_other_lpa(
    app: Flask, db_session: Session, banded: MetricDefinition, tmp_path: Path
) -> None:
    _ingest(app, _file(tmp_path, "a.csv", ["R1,Coventry,2023-12-20,awaiting,,9,no"]), date(2024, 2, 1))
    alert = next(a for a in _breaches(db_session) if a.lpa == "Coventry")
    with pytest.raises(AccessDenied):
        tolerances.acknowledge(
            db_session,
            principal=_principal(db_session, "lpa.birmingham@portal.example"),
            alert_id=alert.id,
            comment="not mine",
        )
    with pytest.raises(tolerances.AlertError):
        tolerances.acknowledge(
            db_session,
            principal=_principal(db_session, "lpa.coventry@portal.example"),
            alert_id=alert.id,
            comment="  ",
        )
    done = tolerances.acknowledge(
        db_session,
        principal=_principal(db_session, "lpa.coventry@portal.example"),
        alert_id=alert.id,
        comment="Extra conference booked",
    )
    assert done.status == AlertStatus.ACKNOWLEDGED and done.comment == "Extra conference booked"
    birmingham = tolerances.list_alerts(
        db_session, principal=_principal(db_session, "lpa.birmingham@portal.example")
    )
    assert all(a.lpa in (None, "ALL", "Birmingham") for a in birmingham)


def test_breach_opens_action_when_configured(
    app: Flask, db_session: Session, banded: MetricDefinition, tmp_path: Path
) -> None:
    settings = app.config["PORTAL"]
    app.config["PORTAL"] = settings.with_overrides(breach_opens_action=True)
    try:
        _ingest(app, _file(tmp_path, "a.csv", ["R1,Coventry,2023-12-20,awaiting,,9,no"]), date(2024, 2, 1))
    finally:
        app.config["PORTAL"] = settings
    alerts = {a.lpa: a for a in _breaches(db_session)}
    assert banded.recommendations, "the catalogue links the metric to MARAC recommendation 1"
    action = alerts["Coventry"].action
    assert action is not None and action.owner.email == "lpa.coventry@portal.example"
    assert action.lpa == "Coventry" and action.recommendation_id == banded.recommendations[0].id
    assert alerts["ALL"].action is None  # a force-wide breach has no single LPA lead


def _page(client: FlaskClient, email: str, inputs: list, state: list) -> int:
    assert login(client, email).status_code == 302
    spec = find_spec(dependencies(client), "alerts-list")
    body = callback_body(spec, inputs, state)
    if inputs[1]:
        body["changedPropIds"] = ["alerts-ack-submit.n_clicks"]
    return post_callback(client, body).status_code


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_alerts_page_per_role(client: FlaskClient, email: str, role: str) -> None:
    allowed = Permission.METRICS_READ in permissions_for(Role(role))
    assert _page(client, email, ["/alerts", 0], [None, None]) == (200 if allowed else 403)


def test_acknowledge_over_http_out_of_scope_refused(
    app: Flask, client: FlaskClient, db_session: Session, banded: MetricDefinition, tmp_path: Path
) -> None:
    _ingest(app, _file(tmp_path, "a.csv", ["R1,Coventry,2023-12-20,awaiting,,9,no"]), date(2024, 2, 1))
    alert = next(a for a in _breaches(db_session) if a.lpa == "Coventry")
    assert _page(client, "lpa.birmingham@portal.example", ["/alerts", 1], [alert.id, "crafted"]) == 403
    db_session.expire_all()
    assert db_session.get(Alert, alert.id).status == AlertStatus.OPEN
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})
    assert _page(client, "lpa.coventry@portal.example", ["/alerts", 1], [alert.id, "On it"]) == 200
    db_session.expire_all()
    assert db_session.get(Alert, alert.id).status == AlertStatus.ACKNOWLEDGED
