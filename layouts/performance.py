"""Performance page (/performance): every figure grouped by cause, with the paper's tables."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from layouts import PageSpec
from layouts.components import loading, page_header
from portal.access.permissions import Permission

CAUSE_TABS = (
    ("INV", "Investigating crime"),
    ("MARAC", "MARAC"),
    ("RSO", "Sex offender managers"),
    ("OCSET", "OCSET"),
)


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            page_header(
                "Performance",
                "Every figure by Cause of Concern: the trend against its baseline and tolerance, and the "
                "breakdown by Local Policing Area.",
            ),
            html.Div(id="performance-scope-note"),
            html.Div(
                dbc.RadioItems(
                    id="performance-tab",
                    options=[{"label": f"{code} – {name}", "value": code} for code, name in CAUSE_TABS],
                    value="INV",
                    className="btn-group flex-wrap",
                    inputClassName="btn-check",
                    labelClassName="btn btn-outline-primary",
                    labelCheckedClassName="active",
                ),
                role="group",
                **{"aria-label": "Cause of Concern"},
                className="mb-3",
            ),
            loading("performance-body", label="the figures", min_height="24rem"),
        ]
    )


PAGES = [
    PageSpec(
        "performance", "/performance", "Performance", "Performance", Permission.METRICS_READ, layout, order=30
    )
]
