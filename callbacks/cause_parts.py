"""Pieces the cause and LPA pages share: an actions table and the register vocabulary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dash import dcc, html

from layouts.components import empty_state
from portal.formatting import uk_date
from portal.models import Action
from portal.services.programme import action_rag

RECOMMENDATION_STATUS = {
    "awaiting_review": "Awaiting review",
    "being_progressed": "Being progressed",
    "complete": "Complete",
    "no_further_action": "No further action needed",
}
RECOMMENDATION_TONE = {
    "awaiting_review": "secondary",
    "being_progressed": "primary",
    "complete": "success",
    "no_further_action": "dark",
}
ACTION_STATUS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "blocked": "Blocked",
    "complete_proposed": "Completion proposed",
    "complete": "Complete",
    "verified": "Verified",
}
RAG_WORD = {"red": "Red", "amber": "Amber", "green": "Green"}


def actions_table(actions: Sequence[Action], today: date, *, show_recommendation: bool = False) -> html.Div:
    """The actions in the reader's scope: title, owner and group, LPA, due date, status and RAG (in words)."""
    if not actions:
        return empty_state(
            "No actions you can see in detail.",
            "Actions outside your scope are counted on the overview; the action tracker lists yours.",
        )
    head = ["Action", "Owner", "LPA", "Due", "Status", "RAG"]
    if show_recommendation:
        head.insert(0, "Recommendation")
    rows = []
    for action in actions:
        rag = action_rag(action.status, action.due_date, today)
        owner = action.owner.name if action.owner else "Unassigned"
        group = action.group.name if action.group else None
        cells = [
            html.Td(action.title),
            html.Td([owner, html.Div(group, className="small text-secondary") if group else None]),
            html.Td(action.lpa or "Force-wide"),
            html.Td(uk_date(action.due_date, short=True), className="text-nowrap"),
            html.Td(ACTION_STATUS.get(str(action.status), str(action.status))),
            html.Td(html.Span(RAG_WORD[rag], className=f"rag rag-{rag}")),
        ]
        if show_recommendation:
            rec = action.recommendation
            cells.insert(0, html.Td(dcc.Link(rec.ref, href=f"/causes/{rec.cause.code}")))
        rows.append(html.Tr(cells))
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
            className="table table-sm align-middle mb-0",
        ),
        className="table-responsive",
    )
