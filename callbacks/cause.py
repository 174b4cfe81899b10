"""Cause page callbacks: statement, recommendations with scoped actions and linked figures as charts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html
from flask import current_app

from callbacks.cause_parts import RECOMMENDATION_STATUS, RECOMMENDATION_TONE, actions_table
from callbacks.performance_views import MetricInfo, by_key, info_from, metric_card
from layouts.components import empty_state
from portal import clock, db
from portal.access import Permission, Principal, current_principal, guarded_callback
from portal.formatting import uk_date
from portal.models import Action, Cause, Recommendation
from portal.pagecache import memoised
from portal.services import actions as action_service
from portal.services import metrics as metric_service
from portal.services.programme import cause_summaries, get_cause


def _not_found(code: str) -> tuple[str, Any]:
    return "Cause of Concern not found", dbc.Alert(
        [
            html.P(f"There is no Cause of Concern with the code “{code[:40]}”.", className="mb-1"),
            dcc.Link("See the four Causes of Concern on the overview", href="/"),
        ],
        color="warning",
    )


def _index(principal: Principal, today: date) -> tuple[str, Any]:
    summaries = cause_summaries(db.session(), principal=principal, today=today)
    links = [
        html.Li(dcc.Link(f"{s.code} – {s.title}", href=f"/causes/{s.code}"), className="mb-2")
        for s in summaries
    ]
    return "Causes of Concern", html.Ul(links) if links else empty_state("No Causes of Concern are recorded.")


def _statement(cause: Cause) -> dbc.Card:
    gold = cause.gold_group.name if cause.gold_group else "No gold group yet"
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("HMICFRS statement", className="h5"),
                html.Blockquote(
                    html.P(f"“{cause.statement}”", className="mb-0 fst-italic"), className="mb-2"
                ),
                html.P(
                    [
                        f"Raised {uk_date(cause.raised_on)} · status {cause.status.value} · owned by ",
                        html.Strong(gold),
                        f" · {len(cause.recommendations)} recommendations",
                    ],
                    className="small text-secondary mb-0",
                ),
            ]
        ),
        className="mb-4 shadow-sm cause-card",
    )


def _recommendation(
    rec: Recommendation,
    actions: Sequence[Action] | None,
    infos: list[MetricInfo],
    rows: dict[str, list[dict[str, Any]]],
    today: date,
) -> html.Section:
    status = str(rec.status)
    deadline = rec.deadline_text + (f" ({uk_date(rec.deadline)})" if rec.deadline else "")
    owner = rec.silver_group.name if rec.silver_group else "No silver group yet"
    heading_id = f"rec-{rec.cause.code}-{rec.number}".lower()
    body: list[Any] = [
        html.H2(f"Recommendation {rec.number}", className="h4 mb-1", id=heading_id),
        html.Div(
            [
                html.Span(
                    RECOMMENDATION_STATUS.get(status, status),
                    className=f"badge text-bg-{RECOMMENDATION_TONE.get(status, 'secondary')} me-2",
                ),
                html.Span(["Deadline: ", html.Strong(deadline)], className="small me-3"),
                html.Span(["Owning group: ", html.Strong(owner)], className="small me-3"),
                html.Span(f"Theme: {rec.theme}", className="small text-secondary") if rec.theme else None,
            ],
            className="mb-2",
        ),
        html.P(rec.text, className="mb-3"),
        html.H3("Actions", className="h6 text-uppercase small text-secondary"),
        actions_table(actions, today)
        if actions is not None
        else html.P("Your role sees the figures, not the actions.", className="small text-secondary"),
    ]
    linked = [i for i in infos if rec.number in i.recommendations]
    if infos or linked:
        body.append(html.H3("Linked figures", className="h6 text-uppercase small text-secondary mt-3"))
        body.append(
            dbc.Row([dbc.Col(metric_card(i, rows.get(i.key, [])), lg=6, className="mb-3") for i in linked])
            if linked
            else html.P("No figures are linked to this recommendation.", className="small text-secondary")
        )
    return html.Section(body, className="bg-white border rounded p-3 mb-4", **{"aria-labelledby": heading_id})


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("cause-title", "children"),
        Output("cause-body", "children"),
        Input("cause-code", "data"),
        permission=Permission.CAUSES_READ,
    )
    @memoised
    def cause_page(code: str | None) -> tuple[str, Any]:
        principal = current_principal()
        session = db.session()
        today = clock.today(current_app.config["PORTAL"].today)
        if not code:
            return _index(principal, today)
        cause = get_cause(session, principal=principal, code=str(code))
        if cause is None:
            return _not_found(str(code))
        by_rec: dict[int, list[Action]] | None = None
        if principal.can(Permission.ACTIONS_READ):
            found = action_service.get_all(
                session, principal=principal, today=today, filters=action_service.Filters(cause=cause.code)
            )
            by_rec = {}
            for action in found:
                by_rec.setdefault(action.recommendation_id, []).append(action)
        infos: list[MetricInfo] = []
        rows: dict[str, list[dict[str, Any]]] = {}
        if principal.can(Permission.METRICS_READ):
            infos = [
                info_from(d)
                for d in metric_service.cause_definitions(session, principal=principal, cause=cause.code)
            ]
            rows = by_key(metric_service.values(session, principal=principal, keys=[i.key for i in infos]))
        sections = [
            _recommendation(rec, None if by_rec is None else by_rec.get(rec.id, []), infos, rows, today)
            for rec in cause.recommendations
        ]
        return f"{cause.code}: {cause.title}", [_statement(cause), *sections]
