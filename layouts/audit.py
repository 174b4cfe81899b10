"""Audit page (/audit): the append-only log, filterable by who, what and when, newest first."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission


def _field(label: str, control: object, control_id: str, md: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=control_id), control], md=md)


def layout(**_query: str) -> html.Div:
    filters = dbc.Row(
        [
            _field(
                "Who (email contains)",
                dbc.Input(id="audit-actor", type="search", placeholder="e.g. admin@", debounce=True),
                "audit-actor",
                3,
            ),
            _field(
                "What (event)",
                dbc.Select(id="audit-event", options=[{"label": "Any event", "value": ""}], value=""),
                "audit-event",
                3,
            ),
            _field(
                "Entity",
                dbc.Select(id="audit-entity", options=[{"label": "Any entity", "value": ""}], value=""),
                "audit-entity",
                2,
            ),
            _field(
                "From",
                dbc.Input(id="audit-from", type="text", placeholder="dd/mm/yyyy", debounce=True),
                "audit-from",
                2,
            ),
            _field(
                "To",
                dbc.Input(id="audit-to", type="text", placeholder="dd/mm/yyyy", debounce=True),
                "audit-to",
                2,
            ),
        ],
        className="g-3 mb-3",
    )
    return html.Div(
        [
            page_header(
                "Audit log", "Every change made through the portal: who, when, what, before and after."
            ),
            section(
                "Filter",
                filters,
                html.Div(id="audit-count", className="small text-secondary", **{"aria-live": "polite"}),
            ),
            section(
                "Events",
                loading("audit-table", label="audit events", min_height="16rem"),
                html.Div(
                    dbc.Pagination(
                        id="audit-page",
                        max_value=1,
                        active_page=1,
                        fully_expanded=False,
                        first_last=True,
                        previous_next=True,
                    ),
                    className="d-flex justify-content-center mt-3",
                ),
            ),
        ],
        className="audit-page",
    )


PAGES = [PageSpec("audit", "/audit", "Audit", "Audit log", Permission.AUDIT_READ, layout, order=90)]
