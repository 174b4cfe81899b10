"""LPA page callbacks: one LPA's figures and actions; another LPA's breakdown is refused on the server."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html
from flask import current_app

from callbacks.cause_parts import actions_table
from callbacks.performance_views import by_key, cards_grid, info_from, metric_card
from layouts.components import empty_state
from portal import clock, db
from portal.access import (
    AccessDenied,
    Permission,
    Principal,
    current_principal,
    guarded_callback,
    require_lpa_visible,
)
from portal.metrics.catalogue import LPAS
from portal.models import Role
from portal.pagecache import memoised
from portal.services import actions as action_service
from portal.services import metrics as metric_service


def _resolve(principal: Principal, name: str | None) -> str | None:
    """The LPA the page names (case-insensitive), the lead's own LPA for a bare /lpa, or None."""
    wanted = (name or "").strip()
    if not wanted:
        return principal.lpa if principal.role == Role.LPA else None
    return next((lpa for lpa in LPAS if lpa.lower() == wanted.lower()), "")


def _chooser() -> html.Div:
    links = [
        dbc.Col(dcc.Link(lpa, href=f"/lpa/{lpa}", className="btn btn-outline-primary w-100"), md=3)
        for lpa in LPAS
    ]
    return html.Div(
        [html.H2("Choose a Local Policing Area", className="h5 mb-3"), dbc.Row(links, className="g-2")],
        className="bg-white border rounded p-3",
    )


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("lpa-title", "children"),
        Output("lpa-message", "children"),
        Input("lpa-name", "data"),
        permission=Permission.METRICS_READ,
    )
    def heading(name: str | None) -> tuple[str, Any]:
        principal = current_principal()
        lpa = _resolve(principal, name)
        if lpa is None:
            return "Local Policing Areas", None
        if lpa == "":
            return "LPA not found", dbc.Alert(
                [
                    f"There is no Local Policing Area called “{str(name)[:40]}”. ",
                    dcc.Link("Choose one", href="/lpa"),
                ],
                color="warning",
            )
        try:
            require_lpa_visible(principal, lpa)
        except AccessDenied:
            own = principal.lpa
            return "Not available", dbc.Alert(
                [
                    f"LPA leads see only their own LPA's figures, so {lpa} is not shown. ",
                    dcc.Link(f"Go to {own}", href=f"/lpa/{own}") if own else None,
                ],
                color="warning",
            )
        return f"{lpa} LPA", None

    @guarded_callback(
        app,
        Output("lpa-body", "children"),
        Input("lpa-name", "data"),
        permission=Permission.METRICS_READ,
    )
    @memoised
    def body(name: str | None) -> Any:
        principal = current_principal()
        lpa = _resolve(principal, name)
        if lpa is None:
            return _chooser()
        if lpa == "":
            return None
        require_lpa_visible(principal, lpa)  # another LPA: HTTP 403, nothing sent
        session = db.session()
        today = clock.today(current_app.config["PORTAL"].today)
        rows = by_key(metric_service.values(session, principal=principal, lpa=lpa))
        sections: list[Any] = []
        for definition in metric_service.cause_definitions(session, principal=principal):
            if "lpa" not in (definition.dims or []) or not rows.get(definition.key):
                continue
            code = definition.cause.code if definition.cause else "Other"
            if not sections or sections[-1][0] != code:
                sections.append((code, definition.cause.title if definition.cause else "Other figures", []))
            sections[-1][2].append(metric_card(info_from(definition), rows[definition.key], lpa=lpa))
        content: list[Any] = []
        if principal.can(Permission.ACTIONS_READ):
            actions = action_service.get_all(
                session, principal=principal, today=today, filters=action_service.Filters(lpa=lpa)
            )
            content += [
                html.H2(f"Actions for {lpa}", className="h4 mb-3"),
                actions_table(actions, today, show_recommendation=True),
            ]
        if not sections:
            content.append(
                empty_state(f"No figures for {lpa} yet.", "An analyst uploads the extracts on the Data page.")
            )
        for code, title, cards in sections:
            content += [html.H2(f"{code}: {title}", className="h4 mt-4 mb-3"), cards_grid(cards)]
        return content
