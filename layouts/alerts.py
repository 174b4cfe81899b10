"""Alerts page (/alerts): figures outside tolerance and overdue actions, with acknowledgement."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission


def layout(**_query: str) -> html.Div:
    form = html.Div(
        [
            dbc.Label("Alert", html_for="alerts-ack-id"),
            dbc.Select(id="alerts-ack-id", options=[], placeholder="Choose an open alert", className="mb-2"),
            dbc.Label("Comment (what is being done)", html_for="alerts-ack-comment"),
            dbc.Textarea(id="alerts-ack-comment", rows=3, maxLength=2000, className="mb-2"),
            dbc.Button("Acknowledge", id="alerts-ack-submit", color="primary", n_clicks=0),
            html.Div(id="alerts-ack-feedback", className="mt-2"),
        ],
        id="alerts-ack-form",
        hidden=True,  # shown by the server only to those who may acknowledge
    )
    return html.Div(
        [
            page_header(
                "Alerts",
                "Figures outside their tolerance and overdue actions, with the trigger plan for each.",
            ),
            section(
                "Open and acknowledged alerts", loading("alerts-list", label="alerts", min_height="8rem")
            ),
            section(
                "Acknowledge an alert",
                form,
                lead="Owners acknowledge an alert with a comment; it stays in the history until resolved.",
            ),
        ]
    )


PAGES = [PageSpec("alerts", "/alerts", "Alerts", "Alerts", Permission.METRICS_READ, layout, order=55)]
