"""Board packs page (/governance/packs): generate a pack and list the frozen snapshots the board saw."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission

LPAS = ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"]


def layout(**_query: str) -> html.Div:
    form = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label("As-of date", html_for="packs-as-of"),
                    dbc.Input(id="packs-as-of", type="date", value="2024-02-25"),
                ],
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label("LPA (optional)", html_for="packs-lpa"),
                    dbc.Select(
                        id="packs-lpa",
                        options=[{"label": "Force-wide pack", "value": ""}]
                        + [{"label": name, "value": name} for name in LPAS],
                        value="",
                    ),
                ],
                md=4,
            ),
            dbc.Col(
                dbc.Button("Generate board pack", id="packs-generate", color="primary"),
                md=3,
                className="d-flex align-items-end",
            ),
        ],
        className="g-3 mb-3",
    )
    return html.Div(
        [
            page_header(
                "Board packs",
                "The HMICFRS Engage board paper written by the portal. Each pack is kept exactly as "
                "generated, with the figures it used.",
                actions=dcc.Link(
                    "Back to governance", href="/governance", className="btn btn-outline-secondary"
                ),
            ),
            section(
                "Generate a pack",
                form,
                html.Div(id="packs-generate-result", **{"aria-live": "polite"}),
                lead="Only administrators and the executive may generate packs.",
            ),
            section("Packs generated", loading("packs-list", label="board packs")),
            dcc.Interval(id="packs-interval", interval=2000),
        ]
    )


PAGES = [
    PageSpec(
        "boardpacks",
        "/governance/packs",
        "Board packs",
        "Board packs",
        Permission.BOARDPACKS_READ,
        layout,
        order=61,
        nav=False,
    )
]
