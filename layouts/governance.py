"""Governance page (/governance): the board tree, per-cause summaries, overdue and slipped actions."""

from __future__ import annotations

from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            page_header(
                "Governance",
                "Who oversees the Engage programme, how each Cause of Concern stands, "
                "and where actions are late or have slipped.",
                actions=dcc.Link("Board packs", href="/governance/packs", className="btn btn-primary"),
            ),
            html.Div(id="governance-scope-note"),
            section(
                "Summary by Cause of Concern",
                loading("governance-summary", label="cause summaries", min_height="8rem"),
            ),
            section(
                "Governance structure",
                loading("governance-tree", label="governance structure", min_height="10rem"),
                lead="Boards and groups, who chairs them, how often they meet and who reports to whom.",
            ),
            section("Overdue actions", loading("governance-overdue", label="overdue actions")),
            section(
                "Slipped actions",
                loading("governance-slipped", label="slipped actions"),
                lead="Actions whose due date has moved from the date first agreed, with the reason given.",
            ),
            section("Recent updates", loading("governance-updates", label="recent updates")),
        ]
    )


PAGES = [
    PageSpec(
        "governance", "/governance", "Governance", "Governance", Permission.GOVERNANCE_READ, layout, order=60
    )
]
