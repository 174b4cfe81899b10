"""Overview page (/): a card per Cause of Concern, filled by a guarded callback."""

from __future__ import annotations

from dash import html

from layouts import PageSpec
from layouts.components import loading, page_header
from portal.access.permissions import Permission


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
            html.Div(id="overview-readiness", className="mb-4"),
            html.Section(
                [
                    html.H2("Engage timeline", className="h4 mb-3", id="overview-timeline-heading"),
                    loading("overview-timeline", label="the Engage timeline", min_height="6rem"),
                ],
                className="mb-4",
                **{"aria-labelledby": "overview-timeline-heading"},
            ),
        ]
    )


PAGES = [PageSpec("overview", "/", "Overview", "Overview", Permission.PORTAL_VIEW, layout, order=0)]
