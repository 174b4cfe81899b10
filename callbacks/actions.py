"""Action tracker callbacks: the grid in scope (filters, export link) and grid edits (status, due, owner)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import current_app

from layouts.actions import ANY, ANY_VALUE, STATUS_LABELS, column_defs
from portal import clock, db
from portal.access import (
    AccessDenied,
    Permission,
    Principal,
    current_principal,
    guarded_callback,
    may_edit_action,
    may_manage_action,
)
from portal.formatting import uk_date
from portal.models import Action, ActionStatus, Role
from portal.services import actions as action_service
from portal.services.programme import action_rag

LABEL_TO_STATUS = {label: value for value, label in STATUS_LABELS.items()}
MINE_FIRST = (Role.SILVER, Role.LPA)


def today() -> date:
    return clock.today(current_app.config["PORTAL"].today)


def row(action: Action, ref: str, principal: Principal, day: date) -> dict[str, Any]:
    can_edit = may_edit_action(principal, action)
    in_signoff = action.status not in (
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.BLOCKED,
    )
    return {
        "id": action.id,
        "row_id": str(action.id),
        "ref": ref,
        "title": action.title,
        "owner": action.owner.name if action.owner else "Unassigned",
        "group": action.group.name if action.group else "",
        "lpa": action.lpa or "Force-wide",
        "due": action.due_date.isoformat(),
        "due_label": uk_date(action.due_date, short=True),
        "status": STATUS_LABELS.get(str(action.status), str(action.status)),
        "rag": action_rag(action.status, action.due_date, day).title(),
        "mine": "Yes" if action.owner_id == principal.user_id else "",
        "version": action.version,
        "can_edit": can_edit,
        "status_editable": can_edit and not in_signoff,
        "can_manage": may_manage_action(principal, action),
    }


def _options(pairs: dict[str, str]) -> list[dict[str, str]]:
    return ANY + [{"label": label, "value": value} for value, label in pairs.items()]


def _alert(message: str, color: str = "danger") -> dbc.Alert:
    return dbc.Alert(message, color=color, dismissable=True, className="mb-3")


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("actions-grid", "rowData"),
        Output("actions-grid", "columnDefs"),
        Output("actions-filter-cause", "options"),
        Output("actions-filter-recommendation", "options"),
        Output("actions-filter-owner", "options"),
        Output("actions-export", "href"),
        Output("actions-count", "children"),
        Output("actions-grid-help", "children"),
        Input("url", "pathname"),
        Input("actions-filter-cause", "value"),
        Input("actions-filter-recommendation", "value"),
        Input("actions-filter-owner", "value"),
        Input("actions-filter-lpa", "value"),
        Input("actions-filter-status", "value"),
        Input("actions-filter-overdue", "value"),
        permission=Permission.ACTIONS_READ,
    )
    def load(_path: str | None, cause: Any, rec: Any, owner: Any, lpa: Any, status: Any, overdue: Any) -> Any:
        principal = current_principal()
        session = db.session()
        day = today()
        chosen = {"cause": cause, "recommendation": rec, "owner": owner, "lpa": lpa, "status": status}
        values = {k: (None if v in (ANY_VALUE, "") else v) for k, v in chosen.items()}
        values["overdue"] = "true" if overdue else None
        try:
            filters = action_service.filters_from(**values)
            found = action_service.get_all(session, principal=principal, today=day, filters=filters)
        except action_service.ActionError as exc:
            return ([], no_update, no_update, no_update, no_update, no_update, str(exc), no_update)
        everything = action_service.get_all(session, principal=principal, today=day)
        refs = action_service.action_refs(session, found)
        rows = [row(a, refs[a.id], principal, day) for a in found]
        if principal.role in MINE_FIRST:
            rows.sort(key=lambda r: r["mine"] != "Yes")  # stable: my actions first, then the usual order
        causes = {a.recommendation.cause.code: a.recommendation.cause.title for a in everything}
        recs = {str(a.recommendation_id): a.recommendation.ref for a in everything}
        owners = {str(a.owner_id): a.owner.name for a in everything if a.owner}
        editable = any(r["can_edit"] for r in rows)
        managing = any(r["can_manage"] for r in rows)
        names = (
            [u.name for u in action_service.owner_choices(session, principal=principal)] if managing else None
        )
        columns = column_defs(editable=editable, owner_names=names, show_mine=principal.role != Role.ADMIN)
        query = urlencode({k: v for k, v in values.items() if v})
        href = "/actions/export.csv" + (f"?{query}" if query else "")
        count = f"{len(rows):,} of {len(everything):,} actions in your view"
        if editable:
            help_text = (
                "Select a row to see its timeline and evidence. Double-click a status"
                + (", owner" if managing else "")
                + " or due date cell (or press Enter on it) to change it; a new due date needs a reason."
            )
        else:
            help_text = (
                "Select a row to see its timeline and evidence. Your role sees these actions read-only."
            )
        return (
            rows,
            columns,
            _options(dict(sorted(causes.items()))),
            _options(recs),
            _options(dict(sorted(owners.items(), key=lambda kv: kv[1]))),
            href,
            count,
            help_text,
        )

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
    )
    def edit(
        changes: Any, _save: Any, _cancel: Any, _reload: Any, reason: Any, pending: Any, conflict: Any
    ) -> Any:
        trigger = ctx.triggered_id
        if trigger is None:
            raise PreventUpdate
        principal = current_principal()
        session = db.session()
        day = today()
        out: list[Any] = [no_update] * 10

        def refreshed(action_id: int) -> dict[str, Any]:
            session.expire_all()
            action = action_service.get(session, principal=principal, action_id=action_id)
            ref = action_service.action_refs(session, [action])[action.id]
            return {"update": [row(action, ref, principal, day)]}

        try:
            if trigger == "actions-reload":
                if conflict is None:
                    raise PreventUpdate
                out[0], out[1], out[7], out[8] = refreshed(int(conflict)), None, False, None
                return out
            if trigger == "actions-slip-cancel":
                out[2], out[3], out[6] = False, None, ""
                if pending:
                    out[0] = refreshed(int(pending["id"]))
                return out
            if trigger == "actions-slip-save":
                if not pending:
                    raise PreventUpdate
                action_id = int(pending["id"])
                kwargs = {"due_date": date.fromisoformat(str(pending["due"])), "reason": reason}
                version = int(pending["version"])
            else:
                change = (changes or [None])[0]
                if not change or not isinstance(change.get("data"), dict):
                    raise PreventUpdate
                data, column = change["data"], change.get("colId")
                action_id, version = int(data["id"]), int(data["version"])
                value = change["newValue"] if "newValue" in change else data.get(column)
                if column == "due":
                    action = action_service.get(session, principal=principal, action_id=action_id)
                    if not may_edit_action(principal, action):
                        raise AccessDenied("You may not change this action.")
                    if not value:
                        raise action_service.ActionError("Choose a due date (day, month and year).")
                    new_due = date.fromisoformat(str(value)[:10])
                    out[0] = refreshed(action_id)  # the grid shows the saved date until the reason is given
                    out[2], out[3], out[6], out[5] = (
                        True,
                        {"id": action_id, "version": version, "due": str(new_due)},
                        "",
                        None,
                    )
                    out[4] = f"{data.get('ref')}: from {action.due_date:%-d %B %Y} to {new_due:%-d %B %Y}."
                    return out
                if column == "status":
                    status = LABEL_TO_STATUS.get(str(value))
                    if status is None:
                        raise action_service.ActionError(f"{value!r} is not a status.")
                    kwargs = {"status": status}
                elif column == "owner":
                    owners = action_service.owner_choices(session, principal=principal)
                    match = [u.id for u in owners if u.name == value]
                    if len(match) != 1:
                        raise action_service.ActionError("Choose one of the listed people as owner.")
                    kwargs = {"owner_id": match[0]}
                else:
                    raise action_service.ActionError("That column cannot be changed here.")
            action_service.update(
                session,
                principal=principal,
                action_id=action_id,
                expected_version=version,
                today=day,
                **kwargs,
            )
            session.commit()
            out[0] = refreshed(action_id)
            out[1] = _alert("Saved. The change is in the action's update timeline.", "success")
            out[2], out[3], out[6], out[7], out[8] = False, None, "", False, None
            out[9] = {"id": action_id, "version": version + 1}
            return out
        except PreventUpdate:
            raise
        except action_service.Conflict:
            session.rollback()
            out[1], out[7], out[8], out[2], out[3] = None, True, action_id, False, None
            return out
        except (AccessDenied, action_service.NotFound) as exc:
            session.rollback()
            out[1], out[2], out[3] = _alert(f"Not saved: {exc}"), False, None
            return out
        except (action_service.ActionError, ValueError, KeyError, TypeError) as exc:
            session.rollback()
            if trigger == "actions-slip-save":
                out[5] = dbc.Alert(str(exc), color="danger", className="mb-0")
                return out
            out[1] = _alert(f"Not saved: {exc}")
            try:
                out[0] = refreshed(action_id)
            except Exception:  # noqa: BLE001 - the row stays as it was in the browser
                out[0] = no_update
            return out
        except Exception:
            session.rollback()
            raise
