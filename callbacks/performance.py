"""Performance callbacks: the figures of one cause (scoped to the reader) with the paper's tables."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html

from callbacks.performance_paper import SOM, crime_table, marac_table, ocset_table, som_section
from callbacks.performance_views import by_key, cards_grid, info_from, metric_card
from layouts.components import empty_state
from portal import db
from portal.access import Permission, current_principal, guarded_callback
from portal.metrics.config import EngineConfig
from portal.models import Role
from portal.pagecache import memoised
from portal.services import metrics as metric_service

CAUSES = ("INV", "MARAC", "RSO", "OCSET")


def _paper(
    code: str, rows: dict[str, list[dict[str, Any]]], baselines: dict[str, tuple[float, str]]
) -> list[Any]:
    if code == "INV":
        return [crime_table(rows)]
    if code == "MARAC":
        return [marac_table(rows)]
    if code == "RSO":
        return [som_section(rows, baselines)]
    if code == "OCSET":
        return [ocset_table(rows, EngineConfig().ocset_timescales)]
    return []


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("performance-body", "children"),
        Input("performance-tab", "value"),
        permission=Permission.METRICS_READ,
    )
    @memoised
    def performance(tab: str | None) -> Any:
        principal = current_principal()
        session = db.session()
        code = tab if tab in CAUSES else "INV"
        definitions = metric_service.cause_definitions(session, principal=principal, cause=code)
        if not definitions:
            return empty_state(
                "No figures are defined for this cause.", "An administrator adds them in Admin."
            )
        infos = [info_from(d) for d in definitions]
        rows = by_key(metric_service.values(session, principal=principal, keys=[i.key for i in infos]))
        if not rows:
            return empty_state(
                "No figures have been loaded yet.", "An analyst uploads the extracts on the Data page."
            )
        baselines = {
            i.key: (i.baseline.value, i.baseline.label) for i in infos if i.baseline and i.key in dict(SOM)
        }
        note = None
        if principal.role == Role.LPA:
            note = dbc.Alert(
                f"Breakdowns show {principal.lpa or 'your LPA'} only; other LPAs' figures are not shown.",
                color="info",
                className="small",
            )
        cards = [metric_card(i, rows.get(i.key, []), highlight=principal.lpa or "") for i in infos]
        return [
            note,
            html.H2("As the board paper shows them", className="h4 mb-3"),
            *_paper(code, rows, baselines),
            html.H2("All figures", className="h4 mb-3"),
            cards_grid(cards),
        ]
