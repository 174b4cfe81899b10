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


def _batch_body(specs: list[dict[str, Any]], changes: list[dict[str, Any]]) -> Any:
    """A `cellValueChanged` list as dash-ag-grid 35 sends it when several edits land together."""
    spec = find_spec(specs, "actions-grid.rowTransaction")
    body = callback_body(spec, [changes, 0, 0, 0], ["", None, None])
    body["changedPropIds"] = ["actions-grid.cellValueChanged"]
    return body


def _grid_change(action: Action, column: str, value: Any) -> dict[str, Any]:
    """The shape dash-ag-grid 35 gives each change: `value` (not `newValue`), the row's data as edited."""
    change = _change(action, column, value)
    change["value"] = change.pop("newValue")
    return change


def _rows(response: Any) -> dict[int, dict[str, Any]]:
    transaction = response.get_json()["response"]["actions-grid"]["rowTransaction"]
    return {r["id"]: r for r in transaction.get("update", [])}


def test_every_change_in_the_list_is_processed_and_partial_success_reported(
    client: FlaskClient, db_session: Session
) -> None:
    lift = _action(db_session, "Lift the positive outcome rate")
    double = _action(db_session, "Double the victim-based positive outcome rate")
    in_signoff = _action(db_session, "Publish a monthly outcomes report by LPA")
    specs = _specs(client, ACCOUNTS["silver"])
    changes = [
        _grid_change(lift, "status", "Blocked"),
        _grid_change(in_signoff, "status", "In progress"),
        _grid_change(double, "status", "Blocked"),
    ]
    response = post_callback(client, _batch_body(specs, changes))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "2 changes saved, 1 refused" in text and "in sign-off" in text
    rows = _rows(response)
    assert rows[lift.id]["status"] == "Blocked" and rows[double.id]["status"] == "Blocked"
    assert rows[in_signoff.id]["status"] == "Completion proposed"  # the refused cell shows the stored value
    changed = response.get_json()["response"]["actions-changed"]["data"]
    assert sorted(changed["ids"]) == sorted([lift.id, double.id])
    db_session.expire_all()
    assert _action(db_session, "Lift the positive outcome rate").status == "blocked"
    assert _action(db_session, "Double the victim-based positive outcome rate").status == "blocked"
    assert _action(db_session, "Publish a monthly outcomes report by LPA").status == "complete_proposed"
    audits = db_session.scalars(select(AuditEvent).where(AuditEvent.event == "action.update")).all()
    assert {a.entity_id for a in audits} >= {str(lift.id), str(double.id)}
    assert str(in_signoff.id) not in {a.entity_id for a in audits}


def test_refused_edits_return_the_stored_value_for_the_row(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["silver"])
    # A value the grid never offers: refused, and the row comes back as stored.
    response = post_callback(client, _batch_body(specs, [_grid_change(action, "status", "Bogus")]))
    assert "Not saved" in response.get_data(as_text=True)
    assert _rows(response)[action.id]["status"] == "In progress"
    # An owner change by a silver lead (no permission): refused, stored owner returned.
    response = post_callback(client, _batch_body(specs, [_grid_change(action, "owner", "Helen Carter")]))
    assert "Not saved" in response.get_data(as_text=True)
    assert _rows(response)[action.id]["owner"] == action.owner.name
    # A stale version (someone else saved first): the conflict notice opens and the row shows what is stored.
    stale = _grid_change(action, "status", "Blocked")
    stale["data"]["version"] = action.version + 5
    response = post_callback(client, _batch_body(specs, [stale]))
    body = response.get_json()["response"]
    assert body["actions-conflict"]["is_open"] is True
    assert _rows(response)[action.id]["status"] == "In progress"
    assert _rows(response)[action.id]["version"] == action.version
    db_session.expire_all()
    saved = _action(db_session, "Lift the positive outcome rate")
    assert saved.status == "in_progress" and saved.owner_id == action.owner_id


def test_due_date_without_reason_keeps_the_stored_date_in_the_grid(
    client: FlaskClient, db_session: Session
) -> None:
    action = _action(db_session, "Raise supervisor review compliance")
    specs = _specs(client, ACCOUNTS["gold"])
    opened = post_callback(client, _batch_body(specs, [_grid_change(action, "due", "2024-05-31")]))
    assert _rows(opened)[action.id]["due"] == "2024-03-29"  # shown as stored until a reason is given
    pending = opened.get_json()["response"]["actions-slip-pending"]["data"]
    no_reason = _edit_body(specs, None, trigger="actions-slip-save.n_clicks", state=["", pending, None])
    refused = post_callback(client, no_reason).get_json()["response"]
    assert "Give a reason" in str(refused["actions-slip-feedback"]["children"])
    assert "actions-slip-modal" not in refused  # the modal stays open for the reason
    cancel = _edit_body(specs, None, trigger="actions-slip-cancel.n_clicks", state=["", pending, None])
    cancelled = post_callback(client, cancel)
    assert _rows(cancelled)[action.id]["due"] == "2024-03-29"
    db_session.expire_all()
    assert str(_action(db_session, "Raise supervisor review compliance").due_date) == "2024-03-29"


def test_another_causes_action_in_the_list_is_refused_for_silver(
    client: FlaskClient, db_session: Session
) -> None:
    own = _action(db_session, "Lift the positive outcome rate")
    other = _action(db_session, "Clear Sandwell MARAC backlog")
    specs = _specs(client, ACCOUNTS["silver"])
    changes = [_grid_change(own, "status", "Blocked"), _grid_change(other, "status", "Blocked")]
    response = post_callback(client, _batch_body(specs, changes))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "1 change saved, 1 refused" in text and "outside your scope" in text
    assert other.title not in text  # nothing about the other cause's action reaches the browser
    transaction = response.get_json()["response"]["actions-grid"]["rowTransaction"]
    assert transaction["remove"] == [{"row_id": str(other.id)}]
    assert [r["id"] for r in transaction["update"]] == [own.id]
    db_session.expire_all()
    assert _action(db_session, "Clear Sandwell MARAC backlog").status == "in_progress"
    assert _action(db_session, "Lift the positive outcome rate").status == "blocked"
    # The same crafted change alone, and as a due date waiting for a reason: refused, no pending item.
    alone = post_callback(client, _batch_body(specs, [_grid_change(other, "due", "2024-06-28")]))
    body = alone.get_json()["response"]
    assert "outside your scope" in alone.get_data(as_text=True)
    assert body["actions-slip-modal"]["is_open"] is False
    pending = {"items": [{"id": other.id, "version": other.version, "due": "2024-06-28"}]}
    crafted = _edit_body(specs, None, trigger="actions-slip-save.n_clicks", state=["sneaky", pending, None])
    assert "outside your scope" in post_callback(client, crafted).get_data(as_text=True)
    db_session.expire_all()
    assert str(_action(db_session, "Clear Sandwell MARAC backlog").due_date) == str(other.due_date)


def test_two_changes_to_one_row_in_one_batch_both_save(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Lift the positive outcome rate")
    specs = _specs(client, ACCOUNTS["gold"])
    changes = [_grid_change(action, "status", "Blocked"), _grid_change(action, "owner", "Helen Carter")]
    response = post_callback(client, _batch_body(specs, changes))
    assert "2 changes saved" in response.get_data(as_text=True)
    row = _rows(response)[action.id]
    assert row["status"] == "Blocked" and row["owner"] == "Helen Carter"
    db_session.expire_all()
    saved = _action(db_session, "Lift the positive outcome rate")
    assert saved.status == "blocked" and saved.owner.name == "Helen Carter"


def test_several_due_dates_share_one_reason(client: FlaskClient, db_session: Session) -> None:
    first = _action(db_session, "Lift the positive outcome rate")
    second = _action(db_session, "Double the victim-based positive outcome rate")
    specs = _specs(client, ACCOUNTS["gold"])
    changes = [_grid_change(first, "due", "2024-04-30"), _grid_change(second, "due", "2024-05-31")]
    opened = post_callback(client, _batch_body(specs, changes)).get_json()["response"]
    assert opened["actions-slip-modal"]["is_open"] is True
    pending = opened["actions-slip-pending"]["data"]
    assert len(pending["items"]) == 2
    save = _edit_body(
        specs, None, trigger="actions-slip-save.n_clicks", state=["Data delayed", pending, None]
    )
    response = post_callback(client, save)
    assert "2 changes saved" in response.get_data(as_text=True)
    assert response.get_json()["response"]["actions-slip-modal"]["is_open"] is False
    db_session.expire_all()
    reasons = db_session.scalars(
        select(ActionUpdate.reason).where(ActionUpdate.action_id.in_([first.id, second.id]))
    ).all()
    assert reasons.count("Data delayed") == 2


def test_detail_panel_shows_the_slippage_history(client: FlaskClient, db_session: Session) -> None:
    action = _action(db_session, "Raise supervisor review compliance")
    specs = _specs(client, ACCOUNTS["gold"])
    opened = post_callback(client, _batch_body(specs, [_grid_change(action, "due", "2024-04-30")]))
    pending = opened.get_json()["response"]["actions-slip-pending"]["data"]
    save = _edit_body(
        specs, None, trigger="actions-slip-save.n_clicks", state=["QATT data late", pending, None]
    )
    changed = post_callback(client, save).get_json()["response"]["actions-changed"]["data"]
    spec = find_spec(specs, "action-detail-id.data")
    body = callback_body(spec, [None, changed, 0, None], ["", None, action.id])
    body["changedPropIds"] = ["actions-changed.data"]
    text = post_callback(client, body).get_data(as_text=True)
    assert "Slippage history" in text and "QATT data late" in text
    assert "29 March 2024" in text and "30 April 2024" in text
    assert "Changed by" in text and "Helen Carter" in text
