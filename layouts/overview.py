"""Overview page (/): a card per Cause of Concern, filled by a guarded callback."""

from __future__ import annotations

from dash import html

from layouts.components import loading, page_header


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            page_header(
                "Overview",
                "The four Causes of Concern HMICFRS raised, their recommendations "
                "and the actions that answer them.",
            ),
            html.Div(id="overview-scope-note", className="mb-3"),
            loading("overview-causes", label="Causes of Concern", min_height="16rem"),
        ]
    )
