"""Action tracker over HTTP: the grid per role, edits re-checked on the server, conflicts, slippage, CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Action, ActionUpdate, AuditEvent
from support import callback_body, dependencies, find_spec, login, post_callback

ACCOUNTS = {
    "admin": "admin@portal.example",
    "executive": "dcc@portal.example",
    "gold": "gold.investigations@portal.example",
    "silver": "silver.outcomes@portal.example",
    "lpa": "lpa.birmingham@portal.example",
    "opcc": "opcc@portal.example",
    "analyst": "analyst@portal.example",
}
EDITORS = {"gold", "silver", "lpa"}
READERS = {"admin", "executive", "gold", "silver", "lpa", "opcc"}


def _specs(client: FlaskClient, email: str) -> list[dict[str, Any]]:
    assert login(client, email).status_code == 302
    client.get("/actions")
    return dependencies(client)


def _grid(client: FlaskClient, specs: list[dict[str, Any]]) -> Any:
    spec = find_spec(specs, "actions-grid.rowData")
    response = post_callback(
        client, callback_body(spec, ["/actions", "all", "all", "all", "all", "all", False])
    )
    return response


def _edit_body(
    specs: list[dict[str, Any]], change: dict[str, Any] | None, *, trigger: str, state: list[Any]
) -> Any:
    spec = find_spec(specs, "actions-grid.rowTransaction")
    body = callback_body(spec, [[change] if change else None, 0, 0, 0], state)
    body["changedPropIds"] = [trigger]
    return body


def _action(db: Session, title_part: str) -> Action:
    return db.scalar(select(Action).where(Action.title.contains(title_part)))


def _change(action: Action, column: str, value: Any) -> dict[str, Any]:
    return {
        "rowIndex": 0,
        "rowId": str(action.id),
        "colId": column,
        "newValue": value,
        "oldValue": None,
        "data": {"id": action.id, "version": action.version, "ref": "X", column: value},
    }


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_grid_per_role(client: FlaskClient, role: str) -> None:
    specs = _specs(client, ACCOUNTS[role])
    response = _grid(client, specs)
    if role not in READERS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    rows = response.get_json()["response"]["actions-grid"]["rowData"]
    assert rows, role
    refs = {r["ref"] for r in rows}
    if role == "silver":
        assert all(r.startswith(("INV-4.", "INV-5.")) for r in refs), refs
        assert rows[0]["mine"] == "Yes"
    if role == "lpa":
        assert all(r["lpa"] == "Birmingham" or r["mine"] == "Yes" for r in rows)
        assert rows[0]["mine"] == "Yes"
    if role in ("executive", "opcc", "admin"):
        assert not any(r["can_edit"] for r in rows)
        assert len(rows) == 81
    if role == "gold":
        assert any(r["can_manage"] for r in rows)
    assert all("-" not in r["due"] or len(r["due"]) == 10 for r in rows)


def test_edit_callback_refused_for_readers(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    for role in ("opcc", "executive", "admin"):
        specs = _specs(client, ACCOUNTS[role])
        body = _edit_body(
            specs,
            _change(action, "status", "Blocked"),
            trigger="actions-grid.cellValueChanged",
            state=["", None, None],
        )
        assert post_callback(client, body).status_code == 403, role
        client.post("/logout", headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    db_session.expire_all()
    assert _action(db_session, "Lift the positive outcome rate").status == "in_progress"


def test_silver_changes_status_and_audit(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["silver"])
    body = _edit_body(
        specs,
        _change(action, "status", "Blocked"),
        trigger="actions-grid.cellValueChanged",
        state=["", None, None],
    )
    response = post_callback(client, body)
    assert response.status_code == 200
    assert "Saved" in response.get_data(as_text=True)
    db_session.expire_all()
    saved = _action(db_session, "Lift the positive outcome rate")
    assert saved.status == "blocked"
    assert db_session.scalar(
        select(AuditEvent).where(AuditEvent.event == "action.update", AuditEvent.entity_id == str(saved.id))
    )


def test_silver_cannot_edit_another_causes_action(client: FlaskClient, db_session: Session) -> None:
    other = _action(db_session, "Clear Sandwell MARAC backlog")
    specs = _specs(client, ACCOUNTS["silver"])
    body = _edit_body(
        specs,
        _change(other, "status", "Blocked"),
        trigger="actions-grid.cellValueChanged",
        state=["", None, None],
    )
    response = post_callback(client, body)
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "Not saved" in response.get_data(as_text=True)
    db_session.expire_all()
    assert _action(db_session, "Clear Sandwell MARAC backlog").status == "in_progress"


def test_conflict_shows_reload(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["silver"])
    stale = _change(action, "status", "Blocked")
    stale["data"]["version"] = action.version - 1 if action.version > 1 else action.version + 5
    body = _edit_body(specs, stale, trigger="actions-grid.cellValueChanged", state=["", None, None])
    response = post_callback(client, body).get_json()["response"]
    assert response["actions-conflict"]["is_open"] is True
    assert response["actions-conflict-id"]["data"] == action.id
    reload = _edit_body(specs, None, trigger="actions-reload.n_clicks", state=["", None, action.id])
    reloaded = post_callback(client, reload).get_json()["response"]
    assert reloaded["actions-grid"]["rowTransaction"]["update"][0]["version"] == action.version
    assert reloaded["actions-conflict"]["is_open"] is False
    db_session.expire_all()
    assert _action(db_session, "Lift the positive outcome rate").status == "in_progress"


def test_due_date_needs_a_reason_and_lands_in_slippage_history(
    client: FlaskClient, db_session: Session
) -> None:
    action = _action(db_session, "Raise supervisor review compliance")
    specs = _specs(client, ACCOUNTS["gold"])
    body = _edit_body(
        specs,
        _change(action, "due", "2024-04-30"),
        trigger="actions-grid.cellValueChanged",
        state=["", None, None],
    )
    opened = post_callback(client, body).get_json()["response"]
    assert opened["actions-slip-modal"]["is_open"] is True
    pending = opened["actions-slip-pending"]["data"]
    db_session.expire_all()
    assert str(_action(db_session, "Raise supervisor review compliance").due_date) == "2024-03-29"
    no_reason = _edit_body(specs, None, trigger="actions-slip-save.n_clicks", state=["  ", pending, None])
    refused = post_callback(client, no_reason).get_data(as_text=True)
    assert "Give a reason" in refused
    db_session.expire_all()
    assert str(_action(db_session, "Raise supervisor review compliance").due_date) == "2024-03-29"
    with_reason = _edit_body(
        specs, None, trigger="actions-slip-save.n_clicks", state=["Waiting for QATT data", pending, None]
    )
    assert "Saved" in post_callback(client, with_reason).get_data(as_text=True)
    db_session.expire_all()
    saved = _action(db_session, "Raise supervisor review compliance")
    assert str(saved.due_date) == "2024-04-30"
    entry = db_session.scalar(
        select(ActionUpdate).where(ActionUpdate.action_id == saved.id, ActionUpdate.due_to.is_not(None))
    )
    assert entry.reason == "Waiting for QATT data" and str(entry.due_from) == "2024-03-29"


def test_gold_changes_owner_silver_cannot(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["silver"])
    body = _edit_body(
        specs, _change(action, "owner", "x"), trigger="actions-grid.cellValueChanged", state=["", None, None]
    )
    assert post_callback(client, body).status_code in (200, 403)
    db_session.expire_all()
    before = _action(db_session, "Lift the positive outcome rate").owner_id
    assert before == action.owner_id


def test_detail_of_another_causes_action_is_refused(client: FlaskClient, db_session: Session) -> None:
    other = _action(db_session, "Clear Sandwell MARAC backlog")
    specs = _specs(client, ACCOUNTS["silver"])
    spec = find_spec(specs, "action-detail-id.data")
    body = callback_body(spec, [[{"id": other.id}], None, 0, None], ["hello", None, None])
    body["changedPropIds"] = ["actions-grid.selectedRows"]
    text = post_callback(client, body).get_data(as_text=True)
    assert "outside your scope" in text and other.title not in text
    body = callback_body(spec, [None, None, 1, None], ["sneaky note", None, other.id])
    body["changedPropIds"] = ["action-note-save.n_clicks"]
    post_callback(client, body)
    db_session.expire_all()
    assert not db_session.scalar(select(ActionUpdate).where(ActionUpdate.note == "sneaky note"))


def test_note_is_added_and_shown(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["silver"])
    spec = find_spec(specs, "action-detail-id.data")
    body = callback_body(spec, [None, None, 1, None], ["Performance day held", None, action.id])
    body["changedPropIds"] = ["action-note-save.n_clicks"]
    text = post_callback(client, body).get_data(as_text=True)
    assert "Update added" in text and "Performance day held" in text


def test_csv_export_is_scoped_and_formula_safe(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    action.title = '=HYPERLINK("http://x")'
    db_session.flush()
    login(client, ACCOUNTS["silver"])
    response = client.get("/actions/export.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["OFFICIAL-SENSITIVE"] and rows[1][0] == "Reference"
    titles = [r[3] for r in rows[2:]]
    assert '\'=HYPERLINK("http://x")' in titles
    assert all(r[2] in ("INV-4", "INV-5") for r in rows[2:])
    overdue = client.get("/actions/export.csv?overdue=true&cause=INV")
    assert all(r[11] == "Yes" for r in list(csv.reader(io.StringIO(overdue.get_data(as_text=True))))[2:])
    assert client.get("/actions/export.csv?status=bogus").status_code == 400


def test_csv_export_refused_for_analyst(client: FlaskClient) -> None:
    login(client, ACCOUNTS["analyst"])
    assert client.get("/actions/export.csv").status_code == 403


def test_safe_cell() -> None:
    from portal.web.exports import safe_cell

    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("ok") == "ok" and safe_cell(None) == ""


def test_gold_reassigns_owner(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["gold"])
    body = _edit_body(
        specs,
        _change(action, "owner", "Helen Carter"),
        trigger="actions-grid.cellValueChanged",
        state=["", None, None],
    )
    text = post_callback(client, body).get_data(as_text=True)
    assert "Saved" in text
    db_session.expire_all()
    assert _action(db_session, "Lift the positive outcome rate").owner.name == "Helen Carter"
