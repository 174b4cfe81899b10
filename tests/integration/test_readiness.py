"""Readiness to leave Engage per cause: verified share, evidence, figures steady in tolerance, overdue."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import pipeline
from portal.access import Principal
from portal.access.permissions import Permission, permissions_for
from portal.db import get_database
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import MetricDefinition, Role, User
from portal.services import metrics as metric_service
from portal.services import readiness
from support import callback_body, dependencies, find_spec, login, post_callback

HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
TODAY = date(2024, 2, 27)


def _p(session: Session, email: str) -> Principal:
    return Principal.from_user(session.scalar(select(User).where(User.email == email)))


def _ingest(app: Flask, tmp_path: Path, name: str, rows: list[str], as_of: date) -> None:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=path,
        as_of=as_of,
        settings=app.config["PORTAL"],
        today=TODAY,
    )
    assert summary.status == "succeeded"


def test_readiness_counts_and_blockers(app: Flask, db_session: Session, tmp_path: Path) -> None:
    metric_service.sync_catalogue(db_session)
    for key in db_session.scalars(select(MetricDefinition)):
        key.amber_threshold = key.red_threshold = None
    definition = db_session.scalar(
        select(MetricDefinition).where(MetricDefinition.key == "marac_awaiting_over_28_days")
    )
    definition.amber_threshold, definition.red_threshold = 0.5, 5
    db_session.commit()
    for n, day in enumerate((date(2024, 1, 4), date(2024, 1, 18), date(2024, 2, 1))):
        _ingest(app, tmp_path, f"m{n}.csv", [f"R{n},Coventry,{day - timedelta(days=3)},awaiting,,9,no"], day)
    found = {
        r.code: r
        for r in readiness.readiness(
            db_session, principal=_p(db_session, "opcc@portal.example"), today=TODAY, snapshots=3
        )
    }
    marac = found["MARAC"]
    assert marac.recommendations > 0 and marac.metrics_banded == 1 and marac.metrics_steady == 1
    assert any("recommendations not verified" in b for b in marac.blockers)
    assert "No evidence recorded on any action" in marac.blockers
    assert (marac.overdue > 0) == any("overdue" in b for b in marac.blockers)
    strict = readiness.readiness(
        db_session, principal=_p(db_session, "opcc@portal.example"), today=TODAY, snapshots=4
    )
    marac4 = next(r for r in strict if r.code == "MARAC")
    assert marac4.metrics_steady == 0 and any("4 consecutive snapshots" in b for b in marac4.blockers)


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_overview_readiness_per_role(client: FlaskClient, email: str, role: str) -> None:
    assert login(client, email).status_code == 302
    spec = find_spec(dependencies(client), "overview-readiness")
    response = post_callback(client, callback_body(spec, ["/"]))
    allowed = Permission.PORTAL_VIEW in permissions_for(Role(role))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert "Readiness to leave Engage" in response.get_data(as_text=True)
