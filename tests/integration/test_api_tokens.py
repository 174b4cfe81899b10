"""API tokens for BI tools: a service account's bearer token reads within its scope until revoked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flask import Flask
from sqlalchemy.orm import Session

from backends import make_config
from portal import clock
from portal.app import create_app
from portal.models import User
from portal.passwords import Hasher
from portal.services import tokens as token_service
from portal.services import users as user_service


def _service_account(session: Session, email: str, role: str, scopes: tuple[str, ...] = ()) -> User:
    user = user_service.create(
        session,
        actor=None,
        hasher=Hasher(time_cost=1, memory_kib=8),
        email=email,
        name="BI",
        role=role,
        password=None,
        scopes=scopes,
    )
    user.is_service = True
    session.flush()
    return user


def _get(client, path: str, raw: str):  # noqa: ANN001, ANN202
    return client.get(path, headers={"Authorization": f"Bearer {raw}"})


def test_bearer_token_reads_within_scope_and_stops_when_revoked(client, db_session: Session) -> None:  # noqa: ANN001
    user = _service_account(db_session, "bi.birmingham@portal.example", "lpa", ("Birmingham",))
    token, raw = token_service.create(db_session, actor=None, user=user, name="Power BI")
    db_session.commit()

    assert _get(client, "/api/v1/metrics?lpa=Birmingham", raw).status_code == 200
    refused = _get(client, "/api/v1/metrics?lpa=Coventry", raw)
    assert refused.status_code == 403
    assert _get(client, "/api/v1/actions", raw).status_code == 200

    token_service.revoke(db_session, actor=None, token=token, now=clock.utcnow())
    db_session.commit()
    after = _get(client, "/api/v1/metrics", raw)
    assert after.status_code == 401
    assert "revoked" in after.get_json()["error"]


def test_token_of_a_deactivated_account_is_refused(client, db_session: Session) -> None:  # noqa: ANN001
    user = _service_account(db_session, "bi.force@portal.example", "analyst")
    _, raw = token_service.create(db_session, actor=None, user=user, name="Qlik")
    db_session.commit()
    assert _get(client, "/api/v1/extracts", raw).status_code == 200
    user_service.deactivate(db_session, actor=None, user=user)
    db_session.commit()
    assert _get(client, "/api/v1/extracts", raw).status_code == 401


def test_token_never_opens_the_pages_and_a_made_up_token_is_refused(client, db_session: Session) -> None:  # noqa: ANN001
    user = _service_account(db_session, "bi.pages@portal.example", "opcc")
    _, raw = token_service.create(db_session, actor=None, user=user, name="Pages?")
    db_session.commit()
    assert _get(client, "/_dash-layout", raw).status_code in (401, 302)
    assert _get(client, "/api/v1/metrics", "ept_not-a-real-token").status_code == 401


def test_cli_creates_lists_and_revokes_tokens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tokens.sqlite'}"
    env = os.environ | {"PORTAL_DATABASE_URL": url, "PORTAL_INSTANCE_DIR": str(tmp_path)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "portal.cli", *args], capture_output=True, text=True, env=env, timeout=120
        )

    assert cli("db", "upgrade").returncode == 0
    created = cli("tokens", "create", "--email", "powerbi@force.example", "--name", "Power BI nightly")
    assert created.returncode == 0, created.stderr
    raw = created.stdout.strip().splitlines()[-1]

    app: Flask = create_app(make_config(url, tmp_path), with_dash=False)
    client = app.test_client()
    assert _get(client, "/api/v1/metrics", raw).status_code == 200

    listed = cli("tokens", "list")
    assert "powerbi@force.example" in listed.stdout and "active" in listed.stdout
    assert raw not in listed.stdout  # the raw token is shown once, never again

    assert cli("tokens", "revoke", "1").returncode == 0
    assert _get(client, "/api/v1/metrics", raw).status_code == 401
    assert cli("tokens", "revoke", "1").returncode == 2
    person = cli(
        "users",
        "create",
        "--email",
        "a.person@force.example",
        "--role",
        "opcc",
        "--password",
        "Tangerine-Harbour-1947",
    )
    assert person.returncode == 0, person.stderr
    refused = cli("tokens", "create", "--email", "a.person@force.example", "--name", "nope")
    assert refused.returncode == 2 and "service accounts" in refused.stderr
