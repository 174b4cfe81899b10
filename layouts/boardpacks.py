"""Board packs page (/governance/packs): generate a pack and list the frozen snapshots the board saw."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission
from portal.boardpack.options import MAX_TEXT, MEETING, PRESENTER
from portal.metrics.catalogue import LPAS

FORCE_WIDE = "force-wide"


def _field(label: str, control: object, hint: str | None = None, **col: int) -> dbc.Col:
    control_id = control.id  # type: ignore[attr-defined]
    return dbc.Col(
        [
            dbc.Label(label, html_for=control_id),
            control,
            dbc.FormText(hint, id=f"{control_id}-hint") if hint else None,
        ],
        **col,
    )


def layout(**_query: str) -> html.Div:
    # The as-of date is filled on page load from the latest snapshot of the figures (callbacks/boardpacks.py).
    form = html.Div(
        [
            dbc.Row(
                [
                    _field(
                        "As-of date",
                        dbc.Input(id="packs-as-of", type="date", required=True),
                        "The figures are those of this date; it defaults to the latest snapshot.",
                        md=4,
                    ),
                    _field(
                        "LPA (optional)",
                        dbc.Select(
                            id="packs-lpa",
                            options=[{"label": "Force-wide pack", "value": FORCE_WIDE}]
                            + [{"label": name, "value": name} for name in LPAS],
                            value=FORCE_WIDE,
                        ),
                        md=4,
                    ),
                    _field(
                        "Meeting date (optional)",
                        dbc.Input(id="packs-meeting-date", type="date"),
                        "Blank: the as-of date. Not before the as-of date.",
                        md=4,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    _field(
                        "Meeting (optional)",
                        dbc.Input(id="packs-meeting", type="text", maxLength=MAX_TEXT, placeholder=MEETING),
                        md=4,
                    ),
                    _field(
                        "Presented by (optional)",
                        dbc.Input(
                            id="packs-presenter", type="text", maxLength=MAX_TEXT, placeholder=PRESENTER
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        dbc.Button("Generate board pack", id="packs-generate", color="primary"),
                        md=4,
                        className="d-flex align-items-end",
                    ),
                ],
                className="g-3 mb-3",
            ),
        ]
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
            # Hidden until the server says the reader may generate (callbacks/boardpacks.py).
            html.Div(
                section(
                    "Generate a pack",
                    form,
                    html.Div(id="packs-generate-result", **{"aria-live": "polite"}),
                    lead="The pack is written in the background; it appears below when it is ready.",
                ),
                id="packs-generate-panel",
                hidden=True,
            ),
            html.P(id="packs-readers-note", className="text-secondary"),
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
