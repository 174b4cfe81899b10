"""Overview callbacks: a card per Cause of Concern (counts, headline figures) and the Engage timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html
from flask import current_app

from callbacks.performance_views import ALL, MetricInfo, by_key, headline, info_from, label, totals
from layouts.charts import describe, sparkline
from layouts.components import empty_state, stat
from portal import clock, db
from portal.access import Permission, Principal, current_principal, guarded_callback
from portal.formatting import uk_date
from portal.models import Milestone, Role
from portal.pagecache import memoised
from portal.services import metrics as metric_service
from portal.services.programme import ActionCounts, CauseSummary, cause_summaries, milestones

# The paper's headline figures for each cause: (metric key, dimensions other than lpa).
HEADLINES: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "INV": (("supervisor_review_pct", {}), ("investigation_plan_pct", {}), ("positive_outcome_rate_ytd", {})),
    "MARAC": (
        ("marac_cases_awaiting", {}),
        ("marac_max_wait_working_days", {}),
        ("marac_awaiting_over_28_days", {}),
    ),
    "RSO": (
        ("som_outstanding_initial_arms", {}),
        ("som_outstanding_12m_arms", {}),
        ("som_outstanding_visits", {}),
    ),
    "OCSET": (
        ("ocset_packages", {"stage": "awaiting_enforcement"}),
        ("ocset_packages", {"stage": "intelligence_development"}),
        ("dfu_unallocated", {}),
    ),
}
Headline = tuple[str, str, html.Img | None]  # name, "4 (52 at inspection)", sparkline

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


def _headlines(principal: Principal) -> dict[str, list[Headline]]:
    """Force totals of the headline figures (every reader may see force totals)."""
    if not principal.can(Permission.METRICS_READ):
        return {}
    session = db.session()
    keys = sorted({key for figures in HEADLINES.values() for key, _ in figures})
    infos = {
        d.key: info_from(d) for d in metric_service.definitions(session, principal=principal) if d.key in keys
    }
    rows = by_key(metric_service.values(session, principal=principal, keys=keys))
    found: dict[str, list[Headline]] = {}
    for code, figures in HEADLINES.items():
        for key, dims in figures:
            info = infos.get(key)
            text = headline(info, rows[key], ALL, **dims) if info else None
            if info is None or text is None:
                continue
            found.setdefault(code, []).append(_headline(info, rows[key], dims, text))
    return found


def _headline(info: MetricInfo, rows: list[dict[str, object]], dims: dict[str, str], text: str) -> Headline:
    name = info.name + "".join(f": {label(v).lower()}" for v in dims.values())
    points = totals(rows, ALL, **dims)  # type: ignore[arg-type]
    spark = (
        sparkline(points, label=f"Trend of {name}: {describe({name: points}, info.unit)}")
        if len(points) > 1
        else None
    )
    return name, text, spark


def _headline_list(figures: list[Headline]) -> html.Div:
    items = [
        html.Li(
            [
                html.Div(
                    [html.Span(name, className="me-1"), html.Strong(text)], className="small flex-grow-1"
                ),
                spark,
            ],
            className="d-flex align-items-center justify-content-between gap-2 py-1 border-bottom",
        )
        for name, text, spark in figures
    ]
    return html.Div(
        [
            html.H3("Headline figures", className="h6 text-uppercase small text-secondary mt-3"),
            html.Ul(items, className="list-unstyled mb-0"),
        ]
    )


def _card(summary: CauseSummary, scope_label: str, figures: list[Headline] | None = None) -> dbc.Col:
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
    if figures:
        body.append(_headline_list(figures))
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
    @memoised
    def causes(_pathname: str | None) -> object:
        principal = current_principal()
        today = clock.today(current_app.config["PORTAL"].today)
        summaries = cause_summaries(db.session(), principal=principal, today=today)
        if not summaries:
            return empty_state(
                "No Causes of Concern are recorded yet.",
                "An administrator loads the programme with `portal demo` or adds it in Admin.",
            )
        scope = _scope_label(principal.role, principal.lpa)
        figures = _headlines(principal)
        return dbc.Row([_card(s, scope, figures.get(s.code)) for s in summaries])

    @guarded_callback(
        app,
        Output("overview-timeline", "children"),
        Input("url", "pathname"),
        permission=Permission.PORTAL_VIEW,
    )
    def timeline(_pathname: str | None) -> object:
        events = milestones(db.session(), principal=current_principal())
        if not events:
            return empty_state(
                "No milestones are recorded yet.", "An administrator adds the Engage timeline."
            )
        today = clock.today(current_app.config["PORTAL"].today)
        return _timeline(events, today)


def _timeline(events: Sequence[Milestone], today: date) -> html.Ol:
    upcoming = next((e for e in events if e.on_date >= today), None)
    items = []
    for event in events:
        is_next = event is upcoming
        badge = html.Span("Next", className="badge text-bg-warning ms-2") if is_next else None
        past = event.on_date < today
        items.append(
            html.Li(
                [
                    html.Div(uk_date(event.on_date), className="small fw-semibold text-secondary"),
                    html.Div([html.Span(event.title, className="fw-semibold"), badge]),
                    html.Div(event.detail, className="small text-secondary") if event.detail else None,
                ],
                className="timeline-item border-start border-3 ps-3 pb-3 "
                + ("border-warning" if is_next else "border-primary" if past else "border-secondary"),
            )
        )
    return html.Ol(
        [html.Li(item.children, className=f"col {item.className}") for item in items],
        className="list-unstyled row row-cols-1 row-cols-md-2 row-cols-lg-4 g-3 mb-0 "
        "bg-white border rounded p-3 mx-0",
    )
