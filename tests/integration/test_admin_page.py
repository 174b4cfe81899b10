"""Admin page callbacks over HTTP: only admins manage users and reference data; bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.access.permissions import Permission, permissions_for
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import AuditEvent, Role, User
from portal.models.metrics import MetricDefinition
from portal.services import metrics as metric_service
from support import callback_body, dependencies, find_spec, login, post_callback

BUTTONS = ["admin-create", "admin-save-role", "admin-deactivate", "admin-reactivate", "admin-reset-password"]
USER_STATE = [
    "new_email",
    "new_name",
    "new_role",
    "new_scopes",
    "new_password",
    "user_id",
    "edit_role",
    "edit_scopes",
]
METRIC = "marac_max_wait_working_days"


@pytest.fixture
def catalogue(db_session: Session) -> None:
    """The metric catalogue (the shared fixtures seed the programme only)."""
    metric_service.sync_catalogue(db_session)
    db_session.commit()


def _signed_in(client: FlaskClient, email: str = "admin@portal.example") -> list[dict[str, Any]]:
    assert login(client, email).status_code == 302
    client.get("/admin")
    return dependencies(client)


def _user_action(
    client: FlaskClient, specs: list[dict[str, Any]], button: str | None, **state: Any
) -> tuple[int, str]:
    spec = find_spec(specs, "admin-users-table")
    body = callback_body(
        spec, ["/admin"] + [1 if b == button else None for b in BUTTONS], [state.get(k) for k in USER_STATE]
    )
    if button:
        body["changedPropIds"] = [f"{button}.n_clicks"]
    response = post_callback(client, body)
    return response.status_code, response.get_data(as_text=True)


def _metric_save(
    client: FlaskClient, specs: list[dict[str, Any]], key: Any, **fields: Any
) -> tuple[int, str]:
    names = ["baseline_value", "baseline_date", "baseline_label", "target", "amber", "red", "plan"]
    body = callback_body(
        find_spec(specs, "admin-metrics-table"), ["/admin", 1], [key] + [fields.get(n) for n in names]
    )
    body["changedPropIds"] = ["admin-metric-save.n_clicks"]
    response = post_callback(client, body)
    return response.status_code, response.get_data(as_text=True)


def _events(db_session: Session, prefix: str) -> int:
    query = select(func.count()).select_from(AuditEvent).where(AuditEvent.event.startswith(prefix))
    return db_session.scalar(query) or 0


def _user(db_session: Session, email: str) -> User:
    user = db_session.scalar(select(User).where(User.email == email))
    assert user is not None
    db_session.refresh(user)
    return user


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_every_callback_allowed_or_refused_by_role(client: FlaskClient, email: str, role: str) -> None:
    specs = _signed_in(client, email)
    granted = permissions_for(Role(role))
    checks = {
        "admin-users-table": (Permission.USERS_MANAGE, ["/admin"] + [None] * 5, [None] * 8),
        "admin-edit-role": (Permission.USERS_MANAGE, [None], None),
        "admin-metrics-table": (Permission.REFERENCE_MANAGE, ["/admin", None], [None] * 8),
        "admin-baseline-value": (Permission.REFERENCE_MANAGE, [METRIC], None),
    }
    for output, (permission, inputs, state) in checks.items():
        status = post_callback(client, callback_body(find_spec(specs, output), inputs, state)).status_code
        assert status == (200 if permission in granted else 403), (output, status)


def test_analyst_crafted_user_change_is_refused_and_changes_nothing(
    client: FlaskClient, db_session: Session
) -> None:
    before = _events(db_session, "user.")
    specs = _signed_in(client, "analyst@portal.example")
    status, _ = _user_action(
        client, specs, "admin-create", new_email="x@portal.example", new_name="X", new_role="admin"
    )
    assert status == 403
    assert db_session.scalar(select(User).where(User.email == "x@portal.example")) is None
    assert _events(db_session, "user.") == before


def test_admin_creates_changes_deactivates_and_resets(client: FlaskClient, db_session: Session) -> None:
    specs = _signed_in(client)
    status, text = _user_action(
        client,
        specs,
        "admin-create",
        new_email="New.Lead@portal.example",
        new_name="New Lead",
        new_role="lpa",
        new_scopes="Dudley",
    )
    assert status == 200 and "Created new.lead@portal.example" in text and "One-time password" in text
    user = _user(db_session, "new.lead@portal.example")
    assert user.role == Role.LPA and [s.value for s in user.scopes] == ["Dudley"]
    _, text = _user_action(
        client, specs, "admin-save-role", user_id=user.id, edit_role="gold", edit_scopes="INV, MARAC"
    )
    assert "Saved new.lead@portal.example" in text
    assert sorted(s.value for s in _user(db_session, "new.lead@portal.example").scopes) == ["INV", "MARAC"]
    _, text = _user_action(client, specs, "admin-deactivate", user_id=str(user.id))  # a select's value
    assert "Deactivated" in text and not _user(db_session, "new.lead@portal.example").is_active
    _, text = _user_action(client, specs, "admin-reactivate", user_id=user.id)
    assert "Reactivated" in text and _user(db_session, "new.lead@portal.example").is_active
    old_hash = _user(db_session, "new.lead@portal.example").password_hash
    _, text = _user_action(client, specs, "admin-reset-password", user_id=user.id)
    assert "New one-time password" in text
    assert _user(db_session, "new.lead@portal.example").password_hash != old_hash
    for event in ("user.create", "user.role", "user.deactivate", "user.reactivate", "user.password"):
        assert _events(db_session, event) >= 1, event


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"new_email": "not-an-email", "new_name": "A", "new_role": "admin"}, "is not an email address"),
        (
            {"new_email": "g@portal.example", "new_name": "G", "new_role": "gold", "new_scopes": "NOPE"},
            "no Cause",
        ),
        (
            {"new_email": "l@portal.example", "new_name": "L", "new_role": "lpa", "new_scopes": "Atlantis"},
            "not an LPA",
        ),
        ({"new_email": "admin@portal.example", "new_name": "A", "new_role": "admin"}, "already a user"),
        (
            {"new_email": "p@portal.example", "new_name": "P", "new_role": "opcc", "new_password": "short"},
            "at least",
        ),
    ],
)
def test_bad_new_user_changes_nothing(
    client: FlaskClient, db_session: Session, state: dict[str, Any], message: str
) -> None:
    specs = _signed_in(client)
    users_before, events_before = (
        db_session.scalar(select(func.count()).select_from(User)),
        _events(db_session, "user."),
    )
    status, text = _user_action(client, specs, "admin-create", **state)
    assert status == 200 and "Nothing was changed" in text and message in text
    assert db_session.scalar(select(func.count()).select_from(User)) == users_before
    assert _events(db_session, "user.") == events_before


def test_bad_role_change_and_self_deactivation_change_nothing(
    client: FlaskClient, db_session: Session
) -> None:
    specs = _signed_in(client)
    silver = _user(db_session, "silver.outcomes@portal.example")
    _, text = _user_action(
        client, specs, "admin-save-role", user_id=silver.id, edit_role="silver", edit_scopes=""
    )
    assert "Nothing was changed" in text and "needs at least one scope" in text
    assert sorted(s.value for s in _user(db_session, "silver.outcomes@portal.example").scopes) == [
        "INV-4",
        "INV-5",
    ]
    admin = _user(db_session, "admin@portal.example")
    _, text = _user_action(client, specs, "admin-deactivate", user_id=admin.id)
    assert (
        "cannot deactivate your own account" in text and _user(db_session, "admin@portal.example").is_active
    )
    for crafted in (987654, "987654", "1; DROP TABLE users", None):
        _, text = _user_action(client, specs, "admin-deactivate", user_id=crafted)
        assert "Choose a user first" in text


def test_admin_sets_metric_tolerances_with_audit(
    client: FlaskClient, db_session: Session, catalogue: None
) -> None:
    specs = _signed_in(client)
    status, text = _metric_save(
        client,
        specs,
        METRIC,
        baseline_value=41,
        baseline_date="2023-06-30",
        baseline_label="at inspection",
        target=15,
        amber=15,
        red=20,
        plan="Escalate to the MARAC gold group.",
    )
    assert status == 200 and "Saved" in text
    definition = db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == METRIC))
    db_session.refresh(definition)
    assert (definition.baseline_value, definition.amber_threshold, definition.red_threshold) == (41, 15, 20)
    event = db_session.scalar(
        select(AuditEvent).where(AuditEvent.event == "metric.reference").order_by(AuditEvent.id.desc())
    )
    assert event is not None and event.entity_id == METRIC and event.after["baseline_value"] == 41


@pytest.mark.parametrize(
    ("key", "fields", "message"),
    [
        (METRIC, {"amber": 25, "red": 20}, "red threshold must be at or above amber"),
        (METRIC, {"amber": 15}, "both the amber and the red"),
        (METRIC, {"baseline_value": "lots"}, "must be a number"),
        (METRIC, {"baseline_value": 3, "baseline_date": "01/01/2030"}, "cannot be in the future"),
        (METRIC, {"baseline_value": 3, "baseline_date": "31/02/2024"}, "not a date"),
        ("no_such_metric", {"target": 1}, "There is no metric"),
        (None, {"target": 1}, "Choose a metric first"),
    ],
)
def test_bad_metric_input_changes_nothing(
    client: FlaskClient, db_session: Session, catalogue: None, key: Any, fields: dict[str, Any], message: str
) -> None:
    specs = _signed_in(client)
    before = _events(db_session, "metric.")
    snapshot = metric_service._reference_snapshot(
        db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == METRIC))
    )
    status, text = _metric_save(client, specs, key, **fields)
    assert status == 200 and "Nothing was changed" in text and message in text
    definition = db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == METRIC))
    db_session.refresh(definition)
    assert metric_service._reference_snapshot(definition) == snapshot
    assert _events(db_session, "metric.") == before
