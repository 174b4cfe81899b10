"""Action tracker callbacks: the grid in scope (filters, export link); edits are in actions_edit.py."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, no_update
from flask import current_app

from layouts.actions import ANY, ANY_VALUE, STATUS_LABELS, column_defs
from portal import clock, db
from portal.access import (
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
