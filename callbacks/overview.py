"""Overview callbacks: one card per Cause of Concern with counts in the reader's scope."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html
from flask import current_app

from layouts.components import empty_state, stat
from portal import clock, db
from portal.access import Permission, current_principal, guarded_callback
from portal.models import Role
from portal.services.programme import ActionCounts, CauseSummary, cause_summaries

RAG_LABEL = {"red": "Red", "amber": "Amber", "green": "Green", "grey": "No actions"}
STATUS_LABEL = {
    "awaiting_review": "awaiting review",
    "being_progressed": "being progressed",
    "complete": "complete",
    "no_further_action": "no further action",
}


def _counts_row(counts: ActionCounts) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(stat("open", f"{counts.open:,}")),
            dbc.Col(stat("overdue", f"{counts.overdue:,}", tone="danger" if counts.overdue else "secondary")),
            dbc.Col(stat("due in 14 days", f"{counts.due_soon:,}")),
            dbc.Col(
                stat(
                    "completed", f"{counts.completed:,}", tone="success" if counts.completed else "secondary"
                )
            ),
        ],
        className="g-2",
    )


def _scope_label(role: Role, lpa: str | None) -> str:
    if role == Role.LPA:
        return f"Actions for {lpa}" if lpa else "Your actions"
    if role == Role.GOLD:
        return "Actions in your causes"
    if role == Role.SILVER:
        return "Actions in your workstream"
    return "Actions in your scope"


def _card(summary: CauseSummary, scope_label: str) -> dbc.Col:
    statuses = ", ".join(
        f"{n} {STATUS_LABEL.get(s, s)}" for s, n in sorted(summary.recommendation_status.items())
    )
    body = [
        html.Div(
            [
                html.Span(summary.code, className="badge text-bg-secondary me-2"),
                html.Span(
                    RAG_LABEL[summary.rag],
                    className=f"rag rag-{summary.rag}",
                    title="Derived from action status and due dates",
                ),
            ],
            className="mb-2",
        ),
        html.H2(dcc.Link(summary.title, href=f"/causes/{summary.code}"), className="h5"),
        html.P(f"“{summary.statement}”", className="small text-secondary fst-italic"),
        html.P(
            [html.Strong(f"{summary.recommendations} recommendations"), f" — {statuses}" if statuses else ""],
            className="small mb-3",
        ),
        html.H3("All actions", className="h6 text-uppercase small text-secondary"),
        _counts_row(summary.actions),
    ]
    if summary.in_scope is not None:
        body += [
            html.H3(scope_label, className="h6 text-uppercase small text-secondary mt-3"),
            _counts_row(summary.in_scope),
        ]
    return dbc.Col(
        dbc.Card(dbc.CardBody(body), className="h-100 shadow-sm cause-card", id=f"cause-card-{summary.code}"),
        md=6,
        className="mb-4",
    )


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("overview-causes", "children"),
        Input("url", "pathname"),
        permission=Permission.CAUSES_READ,
    )
    def causes(_pathname: str | None) -> object:
        principal = current_principal()
        today = clock.today(current_app.config["PORTAL"].today)
        summaries = cause_summaries(db.session(), principal=principal, today=today)
        if not summaries:
            return empty_state(
                "No Causes of Concern are recorded yet.",
                "An administrator loads the programme with `portal demo` or adds it in Admin.",
            )
        label = _scope_label(principal.role, principal.lpa)
        return dbc.Row([_card(s, label) for s in summaries])
