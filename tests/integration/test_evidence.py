"""Evidence over HTTP: upload through the detail callback, download the same bytes, scope on download."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Action, AuditEvent, Evidence
from support import callback_body, dependencies, find_spec, login, post_callback

SILVER = "silver.outcomes@portal.example"
PAYLOAD = b"%PDF-1.4\nevidence of the performance day\n"


def _action(db: Session, title_part: str) -> Action:
    return db.scalar(select(Action).where(Action.title.contains(title_part)))


def _upload(client: FlaskClient, action_id: int, name: str, data: bytes) -> str:
    client.get("/actions")
    spec = find_spec(dependencies(client), "action-detail-id.data")
    contents = "data:application/pdf;base64," + base64.b64encode(data).decode()
    body = callback_body(spec, [None, None, 0, contents], ["", name, action_id])
    body["changedPropIds"] = ["action-evidence-upload.contents"]
    response = post_callback(client, body)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_round_trip(app: Flask, client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    login(client, SILVER)
    text = _upload(client, action.id, "performance-day.pdf", PAYLOAD)
    assert "Attached performance-day.pdf" in text
    evidence = db_session.scalar(select(Evidence).where(Evidence.action_id == action.id))
    assert evidence.sha256 == hashlib.sha256(PAYLOAD).hexdigest() and evidence.size_bytes == len(PAYLOAD)
    stored = Path(app.config["PORTAL"].upload_dir) / "evidence" / evidence.stored_name
    assert stored.read_bytes() == PAYLOAD
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.event == "evidence.add"))
    response = client.get(f"/evidence/{evidence.id}/download")
    assert response.status_code == 200 and response.data == PAYLOAD
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")
    client.post("/logout", headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    login(client, "lpa.coventry@portal.example")  # INV-4.1 is not Coventry's
    assert client.get(f"/evidence/{evidence.id}/download").status_code in (403, 404)
    client.post("/logout", headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    login(client, "analyst@portal.example")
    assert client.get(f"/evidence/{evidence.id}/download").status_code == 403
    client.post("/logout", headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    login(client, "opcc@portal.example")  # sees everything, changes nothing
    assert client.get(f"/evidence/{evidence.id}/download").data == PAYLOAD


def test_refused_types_and_scope(client: FlaskClient, db_session: Session) -> None:
    mine = _action(db_session, "Lift the positive outcome rate")
    other = _action(db_session, "Clear Sandwell MARAC backlog")
    login(client, SILVER)
    assert "file types" in _upload(client, mine.id, "run.exe", b"MZ")
    text = _upload(client, other.id, "x.pdf", PAYLOAD)
    assert "outside your scope" in text
    assert db_session.scalar(select(Evidence)) is None


def test_readers_cannot_upload(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    login(client, "dcc@portal.example")
    text = _upload(client, action.id, "x.pdf", PAYLOAD)
    assert "may not add evidence" in text
    assert db_session.scalar(select(Evidence)) is None


def test_missing_evidence_is_404(client: FlaskClient) -> None:
    login(client, SILVER)
    assert client.get("/evidence/999999/download").status_code == 404
