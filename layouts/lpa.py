"""LPA page (/lpa/<name>): one Local Policing Area's figures and actions, filled by guarded callbacks."""

from __future__ import annotations

from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading
from portal.access.permissions import Permission


def layout(name: str | None = None, **_query: str) -> html.Div:
    return html.Div(
        [
            dcc.Store(id="lpa-name", data=(name or "").strip()),
            html.Div(
                [
                    html.H1("Local Policing Area", className="h2 mb-1", id="lpa-title"),
                    html.P(
                        "One LPA's figures against the force, and the actions assigned to it.",
                        className="text-secondary mb-0",
                    ),
                ],
                className="mb-3",
            ),
            html.Div(id="lpa-message"),
            loading("lpa-body", label="the LPA's figures", min_height="20rem"),
        ]
    )


PAGES = [
    PageSpec(
        "lpa",
        "/lpa",
        "LPA",
        "Local Policing Area",
        Permission.METRICS_READ,
        layout,
        order=40,
        path_template="/lpa/<name>",
    )
]
