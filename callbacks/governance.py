"""Governance callbacks: read-only summaries for the OPCC and the boards, all through scoped services."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html
from flask import current_app

from layouts.actions import STATUS_LABELS as STATUS_LABEL
from layouts.components import empty_state, simple_table, table_or_empty
from portal import clock, db
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import uk_date, uk_datetime
from portal.pagecache import memoised
from portal.services import oversight
from portal.services.programme import cause_summaries

RAG_LABEL = {"red": "Red", "amber": "Amber", "green": "Green", "grey": "No actions"}
KIND_LABEL = {
    "board": "Board",
    "gold": "Gold group",
    "silver": "Silver group",
    "operational": "Operational group",
    "forum": "Forum",
}


def _rag(rag: str) -> html.Span:
    return html.Span(RAG_LABEL[rag], className=f"rag rag-{rag}")


def _summary_table(principal: object, today: object) -> object:
    summaries = cause_summaries(db.session(), principal=principal, today=today)  # type: ignore[arg-type]
    if not summaries:
        return empty_state("No Causes of Concern are recorded yet.", "An administrator loads the programme.")
    rows = [
        [
            dcc.Link(f"{s.code} – {s.title}", href=f"/causes/{s.code}"),
            _rag(s.rag),
            f"{s.recommendations:,}",
            f"{s.actions.open:,}",
            html.Span(f"{s.actions.overdue:,}", className="fw-bold text-danger" if s.actions.overdue else ""),
            f"{s.actions.due_soon:,}",
            f"{s.actions.completed:,}",
        ]
        for s in summaries
    ]
    headers = ["Cause of Concern", "RAG", "Recommendations", "Open", "Overdue", "Due in 14 days", "Complete"]
    return simple_table(headers, rows, caption="Summary by Cause of Concern", small=False)


def _node(node: oversight.GroupNode) -> html.Li:
    detail = [
        html.Span(node.name, className="fw-semibold"),
        html.Span(KIND_LABEL.get(node.kind, node.kind), className="badge text-bg-light border ms-2"),
        html.Div(
            [
                html.Span("Chair: "),
                html.Span(node.chair, className="fw-medium"),
                f" · Meets {node.cadence.lower()}",
            ],
            className="small text-secondary",
        ),
    ]
    if node.leads:
        detail.append(html.Div(f"Leads: {', '.join(node.leads)}", className="small"))
    if node.purpose:
        detail.append(html.Div(node.purpose, className="small text-secondary"))
    children = [html.Ul([_node(c) for c in node.children], className="gov-tree")] if node.children else []
    return html.Li([html.Div(detail, className="gov-node"), *children])


def _action_rows(lines: list[oversight.ActionLine], *, slipped: bool) -> list[list[object]]:
    rows = []
    for a in lines:
        row: list[object] = [
            a.ref,
            a.title,
            a.owner,
            a.lpa or "Force-wide",
            STATUS_LABEL.get(a.status, a.status),
        ]
        if slipped:
            row += [uk_date(a.original_due_date), uk_date(a.due_date), a.reason or "No reason recorded"]
        else:
            row.append(html.Span(uk_date(a.due_date), className="text-danger fw-semibold"))
        rows.append(row)
    return rows


def _update_text(u: oversight.UpdateLine) -> list[object]:
    parts: list[object] = []
    if u.status_to:
        parts.append(html.Div(f"Status → {STATUS_LABEL.get(u.status_to, u.status_to)}"))
    if u.due_to:
        parts.append(html.Div(f"Due date {uk_date(u.due_from)} → {uk_date(u.due_to)}: {u.reason or ''}"))
    if u.note:
        parts.append(html.Div(u.note))
    return parts


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("governance-summary", "children"),
        Output("governance-tree", "children"),
        Output("governance-scope-note", "children"),
        Input("url", "pathname"),
        permission=Permission.GOVERNANCE_READ,
    )
    @memoised
    def overview(_pathname: str | None) -> tuple[object, object, object]:
        principal = current_principal()
        today = clock.today(current_app.config["PORTAL"].today)
        tree = oversight.governance_tree(db.session(), principal=principal)
        tree_view = (
            html.Ul(
                [_node(n) for n in tree], className="gov-tree gov-root", **{"aria-label": "Governance tree"}
            )
            if tree
            else empty_state("No boards or groups are recorded yet.", "An administrator loads the programme.")
        )
        note = None
        if not principal.sees_all_detail:
            note = dbc.Alert(
                "Action lists on this page show the actions in your scope; "
                "the summary counts are force-wide.",
                color="info",
                className="small",
            )
        return _summary_table(principal, today), tree_view, note

    @guarded_callback(
        app,
        Output("governance-overdue", "children"),
        Output("governance-slipped", "children"),
        Output("governance-updates", "children"),
        Input("url", "pathname"),
        permission=Permission.GOVERNANCE_READ,
    )
    @memoised
    def actions(_pathname: str | None) -> tuple[object, object, object]:
        principal = current_principal()
        session = db.session()
        today = clock.today(current_app.config["PORTAL"].today)
        overdue = oversight.overdue_actions(session, principal=principal, today=today)
        slipped = oversight.slipped_actions(session, principal=principal)
        updates = oversight.recent_updates(session, principal=principal)
        base = ["Recommendation", "Action", "Owner", "LPA", "Status"]
        overdue_view = table_or_empty(
            base + ["Was due"],
            _action_rows(overdue, slipped=False),
            caption="Overdue actions",
            empty="No actions are overdue.",
            hint="Every open action is within its due date.",
        )
        slipped_view = table_or_empty(
            base + ["First agreed", "Now due", "Reason"],
            _action_rows(slipped, slipped=True),
            caption="Slipped actions",
            empty="No due dates have moved.",
            hint="Slippage appears here when an owner re-plans an action.",
        )
        updates_view = table_or_empty(
            ["When", "Recommendation", "Action", "By", "Update"],
            [[uk_datetime(u.at), u.ref, u.action, u.author, _update_text(u)] for u in updates],  # type: ignore[arg-type]
            caption="Recent updates",
            empty="No progress updates yet.",
            hint="Owners add updates in the action tracker.",
        )
        return overdue_view, slipped_view, updates_view
