"""Audit integrity: every mutating service audits in its own transaction; PostgreSQL refuses edits."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from portal.models import AuditEvent, User
from portal.passwords import Hasher
from portal.services import users

SERVICES = Path(__file__).resolve().parents[2] / "portal" / "services"
MUTATING = ("create", "update", "add", "set", "deactivate", "reactivate", "delete", "remove", "revoke")
MUTATING += ("approve", "verify", "propose", "acknowledge", "issue", "record", "register", "sign", "grant")


# Bookkeeping, not a change of record: the worker's progress counter during an ingest.
EXEMPT = {"extracts.set_progress"}


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func_node = call.func
            if isinstance(func_node, ast.Attribute) and isinstance(func_node.value, ast.Name):
                names.add(f"{func_node.value.id}.{func_node.attr}")
            elif isinstance(func_node, ast.Name):
                names.add(func_node.id)
    return names


def mutating_functions() -> dict[str, bool]:
    """Every public mutating service function (found by reading the modules) -> writes an audit event."""
    found: dict[str, bool] = {}
    for module in sorted(SERVICES.glob("*.py")):
        if module.stem in ("audit", "__init__"):
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        audited = {name for name, f in funcs.items() if "audit.record" in _calls(f)}
        changed = True
        while changed:  # a function auditing through a helper of its module counts
            changed = False
            for name, f in funcs.items():
                if name not in audited and _calls(f) & audited:
                    audited.add(name)
                    changed = True
        for name in funcs:
            if not name.startswith("_") and name.split("_")[0] in MUTATING:
                found[f"{module.stem}.{name}"] = name in audited
    return found


def test_every_mutating_service_writes_an_audit_event() -> None:
    found = mutating_functions()
    assert len(found) >= 5, found
    missing = sorted(name for name, audited in found.items() if not audited and name not in EXEMPT)
    assert missing == [], f"mutating services without audit.record: {missing}"


def test_event_is_in_the_same_transaction(app: Flask, db_session: Session) -> None:
    hasher = Hasher(time_cost=1, memory_kib=1024)
    before = db_session.scalar(select(func.count()).select_from(AuditEvent))
    savepoint = db_session.begin_nested()
    user = users.create(
        db_session,
        actor=None,
        hasher=hasher,
        email="audit.probe@portal.example",
        name="Probe",
        role="analyst",
        password="violet-kettle-harbour",
    )
    users.set_password(db_session, actor=None, hasher=hasher, user=user, password="amber-lantern-meadow")
    users.deactivate(db_session, actor=None, user=user)
    db_session.flush()
    events = db_session.scalars(select(AuditEvent.event).where(AuditEvent.entity_id == str(user.id))).all()
    assert {"user.create", "user.password", "user.deactivate"} <= set(events)
    savepoint.rollback()  # the change is undone, and so is its audit trail
    assert db_session.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert db_session.scalar(select(User).where(User.email == "audit.probe@portal.example")) is None


@pytest.mark.skipif(
    not (os.environ.get("PORTAL_TEST_DATABASE_URL") or os.environ.get("CI", "").lower() == "true"),
    reason="the append-only trigger exists on PostgreSQL only",
)
@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET event = 'rewritten'", "DELETE FROM audit_events"]
)
def test_postgres_refuses_update_and_delete(app: Flask, db_session: Session, statement: str) -> None:
    if db_session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite run")
    db_session.add(AuditEvent(event="probe", actor_email="probe@portal.example"))
    db_session.flush()
    savepoint = db_session.begin_nested()
    with pytest.raises(DBAPIError, match="append-only"):
        db_session.execute(text(statement))
    savepoint.rollback()
