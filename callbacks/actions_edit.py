"""Action tracker grid edits: every change of a batch re-checked and saved alone; refused cells revert."""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.actions import LABEL_TO_STATUS, row, today
from portal import db
from portal.access import (
    AccessDenied,
    Permission,
    Principal,
    current_principal,
    guarded_callback,
    may_edit_action,
)
from portal.services import actions as action_service

COLUMN_LABELS = {"due": "due date", "status": "status", "owner": "owner"}
NO_REASON = "Give a reason for changing the due date; it is kept in the slippage history."
UNREADABLE = (KeyError, TypeError, ValueError)
REFUSALS = (AccessDenied, action_service.NotFound, action_service.ActionError, action_service.Conflict)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


class Batch:
    """The changes of one request: each is re-checked by the service and committed or rolled back alone."""

    def __init__(self, session: Session, principal: Principal, day: date) -> None:
        self.session, self.principal, self.day = session, principal, day
        self.saved: list[int] = []
        self.refused: list[str] = []
        self.pending: list[dict[str, Any]] = []
        self.touched: set[int] = set()
        self.conflict: int | None = None
        self._versions: dict[int, tuple[int, int]] = {}  # id -> (version the browser sent, ours after saving)

    def _expected(self, action_id: int, sent: int) -> int:
        """A batch's changes to one row all carry the row's version from before the batch; our own saves
        in the batch move it on, so later changes expect our version (anyone else's save still conflicts)."""
        first, ours = self._versions.get(action_id, (sent, sent))
        return ours if sent == first else sent

    def _label(self, action_id: int, column: str) -> str:
        try:
            action = action_service.get(self.session, principal=self.principal, action_id=action_id)
        except (AccessDenied, action_service.NotFound):
            return "An action outside your view"
        ref = action_service.action_refs(self.session, [action])[action.id]
        return f"{ref} {COLUMN_LABELS.get(column, 'change')}"

    def _refuse(self, action_id: int | None, column: str, exc: Exception) -> None:
        self.session.rollback()
        label = self._label(action_id, column) if action_id is not None else "A change"
        if isinstance(exc, action_service.Conflict):
            self.conflict = action_id
            self.refused.append(f"{label}: someone else saved this action first")
        elif isinstance(exc, (AccessDenied, action_service.NotFound, action_service.ActionError)):
            self.refused.append(f"{label}: {exc}")
        else:
            self.refused.append(f"{label}: that value could not be read.")

    def save(self, action_id: int, sent: int, column: str, **kwargs: Any) -> None:
        self.touched.add(action_id)
        first = self._versions.get(action_id, (sent, sent))[0]
        try:
            action = action_service.update(
                self.session,
                principal=self.principal,
                action_id=action_id,
                expected_version=self._expected(action_id, sent),
                today=self.day,
                **kwargs,
            )
            self.session.commit()
        except REFUSALS as exc:
            self._refuse(action_id, column, exc)
            return
        except Exception:
            self.session.rollback()
            raise
        self._versions[action_id] = (first, action.version)
        self.saved.append(action_id)

    def cell(self, change: Any) -> None:
        """One entry of `cellValueChanged` (dash-ag-grid 35 sends a list: pastes and fills batch several)."""
        action_id: int | None = None
        column = str(change.get("colId")) if isinstance(change, dict) else ""
        try:
            data = change["data"]
            action_id, sent = int(data["id"]), int(data["version"])
            value = change["value"] if "value" in change else change.get("newValue", data.get(column))
            self.touched.add(action_id)
            action = action_service.get(self.session, principal=self.principal, action_id=action_id)
            if column == "due":
                if not may_edit_action(self.principal, action):
                    raise AccessDenied("You may not change this action.")
                if not value:
                    raise action_service.ActionError("Choose a due date (day, month and year).")
                new_due = date.fromisoformat(str(value)[:10])
                if action.version != self._expected(action_id, sent):
                    raise action_service.Conflict(action.version)
                if new_due != action.due_date:
                    ref = action_service.action_refs(self.session, [action])[action.id]
                    summary = f"{ref}: from {action.due_date:%-d %B %Y} to {new_due:%-d %B %Y}."
                    self.pending.append(
                        {"id": action_id, "version": sent, "due": new_due.isoformat(), "summary": summary}
                    )
                return
            if column == "status":
                status = LABEL_TO_STATUS.get(str(value))
                if status is None:
                    raise action_service.ActionError(f"{value!r} is not a status.")
                kwargs: dict[str, Any] = {"status": status}
            elif column == "owner":
                owners = action_service.owner_choices(self.session, principal=self.principal)
                match = [u.id for u in owners if u.name == value]
                if len(match) != 1:
                    raise action_service.ActionError("Choose one of the listed people as owner.")
                kwargs = {"owner_id": match[0]}
            else:
                raise action_service.ActionError("That column cannot be changed here.")
        except (*REFUSALS, *UNREADABLE) as exc:
            self._refuse(action_id, column, exc)
            return
        self.save(action_id, sent, column, **kwargs)

    def settle_pending(self) -> None:
        """Due dates waiting for a reason expect the version after this batch's own saves."""
        for item in self.pending:
            item["version"] = self._expected(int(item["id"]), int(item["version"]))

    def transaction(self) -> Any:
        """The stored values of every row the batch touched: refused edits revert, saved ones show."""
        if not self.touched:
            return no_update
        self.session.expire_all()
        update, remove = [], []
        for action_id in sorted(self.touched):
            try:
                action = action_service.get(self.session, principal=self.principal, action_id=action_id)
            except (AccessDenied, action_service.NotFound):
                remove.append({"row_id": str(action_id)})
                continue
            ref = action_service.action_refs(self.session, [action])[action.id]
            update.append(row(action, ref, self.principal, self.day))
        return {"update": update} | ({"remove": remove} if remove else {})

    def changed(self) -> Any:
        if not self.saved:
            return no_update
        return {
            "ids": sorted(set(self.saved)),
            "versions": [self._versions[i][1] for i in sorted(set(self.saved))],
        }

    def message(self) -> tuple[Any, str] | None:
        """One clear message: what was saved, what was refused and why, what waits for a reason."""
        saved, refused, waiting = len(self.saved), self.refused, len(self.pending)
        if not refused:
            if not saved:
                return None
            if saved == 1:
                return "Saved. The change is in the action's update timeline.", "success"
            return f"{_plural(saved, 'change')} saved. Each is in its action's update timeline.", "success"
        head = f"{_plural(saved, 'change')} saved, {len(refused):,} refused" if saved else "Not saved"
        if waiting:
            head += f"; {_plural(waiting, 'due date change')} waiting for a reason"
        if len(refused) == 1:
            return f"{head}: {refused[0]}", "warning" if saved else "danger"
        body = [f"{head}:", html.Ul([html.Li(r) for r in refused], className="mb-0")]
        return body, "warning" if saved else "danger"

    def feedback(self) -> Any:
        if not self.saved and not self.pending and len(self.refused) == 1 and self.conflict is not None:
            return None  # the conflict alert with its reload button says it all
        found = self.message()
        if found is None:
            return no_update
        return dbc.Alert(found[0], color=found[1], dismissable=True, className="mb-3")


def _pending_items(pending: Any) -> list[dict[str, Any]]:
    """The due dates waiting for a reason, as the browser holds them (every id is re-checked on saving)."""
    if isinstance(pending, dict):
        pending = pending.get("items", [pending])
    if not isinstance(pending, list):
        return []
    return [p for p in pending if isinstance(p, dict) and str(p.get("id", "")).isdigit()]


def _slip_summary(items: list[dict[str, Any]]) -> Any:
    if len(items) == 1:
        return items[0].get("summary", "")
    return html.Ul([html.Li(item.get("summary", "")) for item in items], className="mb-0")


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("actions-grid", "rowTransaction"),
        Output("actions-feedback", "children"),
        Output("actions-slip-modal", "is_open"),
        Output("actions-slip-pending", "data"),
        Output("actions-slip-summary", "children"),
        Output("actions-slip-feedback", "children"),
        Output("actions-slip-reason", "value"),
        Output("actions-conflict", "is_open"),
        Output("actions-conflict-id", "data"),
        Output("actions-changed", "data"),
        Input("actions-grid", "cellValueChanged"),
        Input("actions-slip-save", "n_clicks"),
        Input("actions-slip-cancel", "n_clicks"),
        Input("actions-reload", "n_clicks"),
        State("actions-slip-reason", "value"),
        State("actions-slip-pending", "data"),
        State("actions-conflict-id", "data"),
        permission=Permission.ACTIONS_UPDATE,
        prevent_initial_call=True,  # readers open the tracker too: nothing may be asked of them on load
    )
    def edit(
        changes: Any, _save: Any, _cancel: Any, _reload: Any, reason: Any, pending: Any, conflict: Any
    ) -> Any:
        trigger = ctx.triggered_id
        if trigger is None:
            raise PreventUpdate
        batch = Batch(db.session(), current_principal(), today())
        out: list[Any] = [no_update] * 10
        if trigger == "actions-reload":
            try:
                batch.touched.add(int(conflict))
            except UNREADABLE as exc:
                raise PreventUpdate from exc
            out[0], out[1], out[7], out[8] = batch.transaction(), None, False, None
            return out
        if trigger == "actions-slip-cancel":
            for item in _pending_items(pending):
                batch.touched.add(int(item["id"]))
            out[0], out[2], out[3], out[6] = batch.transaction(), False, None, ""
            return out
        if trigger == "actions-slip-save":
            items = _pending_items(pending)
            if not items:
                raise PreventUpdate
            if not (reason or "").strip():
                out[5] = dbc.Alert(NO_REASON, color="danger", className="mb-0")
                return out
            for item in items:
                try:
                    action_id, sent = int(item["id"]), int(item["version"])
                    due = date.fromisoformat(str(item["due"]))
                except UNREADABLE as exc:
                    batch._refuse(None, "due", exc)
                    continue
                batch.save(action_id, sent, "due", due_date=due, reason=reason)
            if batch.refused and not batch.saved and batch.conflict is None:
                out[0] = batch.transaction()
                out[5] = dbc.Alert(batch.message()[0], color="danger", className="mb-0")  # type: ignore[index]
                return out
        else:
            if not isinstance(changes, list) or not changes:
                raise PreventUpdate
            for change in changes:
                batch.cell(change)
            batch.settle_pending()
        out[0], out[1], out[9] = batch.transaction(), batch.feedback(), batch.changed()
        if batch.pending:
            out[2], out[3], out[4], out[5], out[6] = (
                True,
                {"items": batch.pending},
                _slip_summary(batch.pending),
                None,
                "",
            )
        else:
            out[2], out[3], out[6] = False, None, ""
        out[7], out[8] = (True, batch.conflict) if batch.conflict is not None else (False, None)
        return out
