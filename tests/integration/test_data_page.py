"""Data page callbacks over HTTP: roles, upload progress, rejected rows, "refresh now" and its audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import pipeline, queue
from portal.access.permissions import Permission, permissions_for
from portal.db import get_database
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import AuditEvent, Role
from support import callback_body, csrf_cookie, dependencies, find_spec, login, post_callback

HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
GOOD = HEADER + "R1,Birmingham,2024-01-22,awaiting,,14,no\nR2,Coventry,2023-12-20,awaiting,,9,no\n"
BAD = HEADER + "R1,Atlantis,2024-01-22,awaiting,,14,no\nR2,Coventry,not-a-date,awaiting,,9,no\n"
CALLS: dict[str, tuple[Permission, list[Any], list[Any] | None]] = {
    "data-upload-panel": (Permission.EXTRACTS_READ, ["/data"], None),
    "data-history": (Permission.EXTRACTS_READ, ["/data", True], None),
    "data-errors.children": (Permission.EXTRACTS_READ, [None], None),
    "data-schedule": (Permission.EXTRACTS_READ, ["/data", None, None], None),
    "data-interval": (Permission.EXTRACTS_READ, [1, None], None),
    "data-watch-id": (Permission.EXTRACTS_UPLOAD, [{"http": 400, "message": "x"}], None),
    "data-refresh-feedback": (Permission.REFRESH_RUN, [1], None),
}


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    def fake_send(task: str, *args: Any, broker_url: str | None = None) -> bool:
        calls.append((task, *args))
        return True

    monkeypatch.setattr(queue, "send", fake_send)
    return calls


def _signed_in(client: FlaskClient, email: str) -> list[dict[str, Any]]:
    assert login(client, email).status_code == 302
    client.get("/data")
    return dependencies(client)


def _post(
    client: FlaskClient, specs: list[dict[str, Any]], output: str, inputs: list[Any], state: Any = None
):  # type: ignore[no-untyped-def]
    return post_callback(client, callback_body(find_spec(specs, output), inputs, state))


def _csv(tmp_path: Path, text: str, name: str = "marac.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _audit_count(db_session: Session, event: str) -> int:
    return (
        db_session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.event == event)) or 0
    )


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_every_callback_allowed_or_refused_by_role(
    client: FlaskClient, email: str, role: str, sent: list[tuple[Any, ...]]
) -> None:
    specs = _signed_in(client, email)
    granted = permissions_for(Role(role))
    for output, (permission, inputs, state) in CALLS.items():
        status = _post(client, specs, output, inputs, state).status_code
        if permission in granted:
            assert status in (200, 204), (output, status)
        else:
            assert status == 403, (output, status)


def test_upload_is_watched_until_done(
    app: Flask, client: FlaskClient, db_session: Session, tmp_path: Path, sent: list[tuple[Any, ...]]
) -> None:
    specs = _signed_in(client, "analyst@portal.example")
    with _csv(tmp_path, GOOD).open("rb") as handle:
        answer = client.post(
            "/extracts/upload",
            data={"kind": "marac_referrals", "as_of": "2024-02-20", "file": (handle, "marac.csv")},
            headers={"X-CSRFToken": csrf_cookie(client)},
            content_type="multipart/form-data",
        )
    assert answer.status_code == 202
    body = answer.get_json() | {"http": 202}
    watch = _post(client, specs, "data-watch-id", [body])
    assert watch.status_code == 200
    extract_id = watch.get_json()["response"]["data-watch-id"]["data"]
    assert extract_id == body["extract_id"]
    polling = _post(client, specs, "data-interval", [1, extract_id]).get_json()["response"]
    assert polling["data-interval"]["disabled"] is False  # still queued: keep polling
    assert "Queued" in str(polling["data-progress-label"]["children"])
    pipeline.run_ingest(get_database(app), extract_id, settings=app.config["PORTAL"])
    done = _post(client, specs, "data-interval", [2, extract_id]).get_json()["response"]
    assert done["data-interval"]["disabled"] is True and done["data-progress"]["value"] == 100
    assert "2 rows gave" in str(done["data-progress-result"]["children"])
    history = _post(client, specs, "data-history", ["/data", True]).get_data(as_text=True)
    assert "marac.csv" in history and "Sam Patel" in history and body["kind"] in history


def test_rejected_extract_lists_each_error(app: Flask, client: FlaskClient, tmp_path: Path) -> None:
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=_csv(tmp_path, BAD, "bad.csv"),
        as_of=date(2024, 2, 20),
        settings=app.config["PORTAL"],
        today=date(2024, 2, 27),
    )
    assert summary.status == "failed"
    specs = _signed_in(client, "analyst@portal.example")
    options = _post(client, specs, "data-history", ["/data", True]).get_json()["response"]
    assert str(summary.extract_id) in [o["value"] for o in options["data-errors-extract"]["options"]]
    text = _post(client, specs, "data-errors.children", [str(summary.extract_id)]).get_data(as_text=True)
    assert "Atlantis" in text and "not-a-date" in text and "Line" in text and "Column" in text
    crafted = _post(client, specs, "data-errors.children", ["1 OR 1=1"])
    assert crafted.status_code == 200 and "not an extract" in crafted.get_data(as_text=True)


def test_refresh_now_enqueues_and_audits(
    client: FlaskClient, db_session: Session, sent: list[tuple[Any, ...]]
) -> None:
    specs = _signed_in(client, "analyst@portal.example")
    before = _audit_count(db_session, "refresh.requested")
    response = _post(client, specs, "data-refresh-feedback", [1])
    assert response.status_code == 200 and "Refresh requested" in response.get_data(as_text=True)
    assert response.get_json()["response"]["data-runs-interval"]["disabled"] is False  # re-reads the runs
    assert sent == [(queue.REFRESH_TASK, "manual", sent[0][2])]
    assert _audit_count(db_session, "refresh.requested") == before + 1


def test_refresh_refused_for_silver_and_executive_changes_nothing(
    client: FlaskClient, db_session: Session, sent: list[tuple[Any, ...]]
) -> None:
    before = _audit_count(db_session, "refresh.requested")
    for email in ("silver.outcomes@portal.example", "dcc@portal.example"):
        specs = _signed_in(client, email)
        assert _post(client, specs, "data-refresh-feedback", [1]).status_code == 403
        client.post("/logout", data={"csrf_token": csrf_cookie(client)})
    assert sent == [] and _audit_count(db_session, "refresh.requested") == before


def test_broker_down_refresh_says_so_and_audits(
    client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue, "send", lambda *a, **k: False)
    specs = _signed_in(client, "admin@portal.example")
    response = _post(client, specs, "data-refresh-feedback", [1])
    assert "unreachable" in response.get_data(as_text=True)
    assert _audit_count(db_session, "refresh.enqueue_failed") >= 1


def test_executive_sees_history_but_no_upload_form(client: FlaskClient) -> None:
    specs = _signed_in(client, "dcc@portal.example")
    answer = _post(client, specs, "data-upload-panel", ["/data"]).get_json()["response"]
    assert answer["data-upload-panel"]["hidden"] is True and answer["data-refresh-button"]["hidden"] is True
    schedule = _post(client, specs, "data-schedule", ["/data", None, 1]).get_data(as_text=True)
    assert "portal.refresh_all" in schedule and "daily at 02:00" in schedule
