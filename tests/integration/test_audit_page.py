"""Audit page callbacks over HTTP: admin and executive only; filters by who, what and when; paging."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.access.permissions import Permission, permissions_for
from portal.clock import LONDON
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import AuditEvent, Role
from portal.services import audit as audit_service
from support import callback_body, dependencies, find_spec, login, post_callback


@pytest.fixture
def log(db_session: Session) -> None:
    """Thirty known events, spread over two days and three people."""
    for i in range(30):
        db_session.add(
            AuditEvent(
                at=datetime(2024, 2, 20 + (i % 2), 9, i, tzinfo=LONDON),
                actor_email=["zed.one@portal.example", "zed.two@portal.example", None][i % 3],
                event=["zedtest.create", "zedtest.change"][i % 2],
                entity_type="zedthing",
                entity_id=str(i),
                before={"status": "old"} if i % 2 else None,
                after={"status": f"new-{i}"},
            )
        )
    db_session.commit()


def _signed_in(client: FlaskClient, email: str = "admin@portal.example") -> list[dict[str, Any]]:
    assert login(client, email).status_code == 302
    client.get("/audit")
    return dependencies(client)


def _events(
    client: FlaskClient, specs: list[dict[str, Any]], *, page: int = 1, trigger: str = "audit-actor", **f: Any
) -> dict[str, Any]:
    inputs = [f.get("actor"), f.get("event"), f.get("entity"), f.get("start"), f.get("end"), page]
    body = callback_body(find_spec(specs, "audit-table"), inputs)
    body["changedPropIds"] = [f"{trigger}.{'active_page' if trigger == 'audit-page' else 'value'}"]
    response = post_callback(client, body)
    assert response.status_code == 200
    return response.get_json()["response"]


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_only_admin_and_executive_may_read(client: FlaskClient, email: str, role: str) -> None:
    specs = _signed_in(client, email)
    allowed = Permission.AUDIT_READ in permissions_for(Role(role))
    assert role in ("admin", "executive") if allowed else role not in ("admin", "executive")
    for output, inputs in (("audit-table", [None] * 5 + [1]), ("audit-event", ["/audit"])):
        status = post_callback(client, callback_body(find_spec(specs, output), inputs)).status_code
        assert status == (200 if allowed else 403)


def test_filters_by_who_what_and_when(client: FlaskClient, log: None) -> None:
    specs = _signed_in(client, "dcc@portal.example")
    everything = _events(client, specs, entity="zedthing")
    assert everything["audit-count"]["children"].startswith("30 events")
    who = _events(client, specs, actor="ZED.ONE", entity="zedthing")
    assert who["audit-count"]["children"].startswith("10 events")
    assert "zed.two@" not in str(who["audit-table"])
    what = _events(client, specs, event="zedtest.change", entity="zedthing")
    assert what["audit-count"]["children"].startswith("15 events")
    when = _events(client, specs, entity="zedthing", start="21/02/2024", end="2024-02-21")
    assert when["audit-count"]["children"].startswith("15 events")
    text = str(when["audit-table"])
    assert "new-1" in text and "new-0" not in text and "old" in text  # before and after shown
    backwards = _events(client, specs, start="2024-02-22", end="2024-02-21")
    assert "after the" in str(backwards["audit-table"])
    nonsense = _events(client, specs, start="yesterday")
    assert "Write dates as" in str(nonsense["audit-table"])


def test_pages_newest_first(client: FlaskClient, db_session: Session, log: None) -> None:
    specs = _signed_in(client)
    first = _events(client, specs, entity="zedthing")
    assert first["audit-page"]["max_value"] == 2 and first["audit-page"]["active_page"] == 1
    second = _events(client, specs, entity="zedthing", page=2, trigger="audit-page")
    assert second["audit-page"]["active_page"] == 2
    assert "showing 26–30" in second["audit-count"]["children"]
    rows, total = audit_service.search(
        db_session, principal=_principal(db_session), entity_type="zedthing", per_page=30
    )
    assert total == 30 and [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    refilter = _events(client, specs, entity="zedthing", actor="zed", page=2)
    assert refilter["audit-page"]["active_page"] == 1  # a new filter starts at the first page


def test_facets_list_event_families(client: FlaskClient, log: None) -> None:
    specs = _signed_in(client)
    response = post_callback(client, callback_body(find_spec(specs, "audit-event"), ["/audit"]))
    body = response.get_json()["response"]
    assert {"label": "zedtest.*", "value": "zedtest."} in body["audit-event"]["options"]
    assert "zedthing" in [o["value"] for o in body["audit-entity"]["options"]]


def _principal(db_session: Session):  # type: ignore[no-untyped-def]
    from portal.access.principal import Principal
    from portal.services import users

    user = users.get_by_email(db_session, email="admin@portal.example")
    assert user is not None
    return Principal.from_user(user)
