"""Cause of Concern page (/causes/<code>): statement, recommendations, actions, figures."""

from __future__ import annotations

from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading
from portal.access.permissions import Permission


def layout(code: str | None = None, **_query: str) -> html.Div:
    return html.Div(
        [
            dcc.Store(id="cause-code", data=(code or "").strip()),
            html.Div(
                [
                    html.H1("Cause of Concern", className="h2 mb-1", id="cause-title"),
                    html.P(
                        "The HMICFRS statement, each recommendation with its actions, and the figures that "
                        "show whether things are getting better.",
                        className="text-secondary mb-0",
                    ),
                ],
                className="mb-4",
            ),
            loading("cause-body", label="the Cause of Concern", min_height="20rem"),
        ]
    )


PAGES = [
    PageSpec(
        "cause",
        "/causes",
        "Causes",
        "Cause of Concern",
        Permission.CAUSES_READ,
        layout,
        order=10,
        nav=False,
        path_template="/causes/<code>",
    )
]
