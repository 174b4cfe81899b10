"""Readiness callback: per Cause of Concern, what stands between the force and leaving Engage."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html
from flask import current_app

from layouts.components import section, simple_table
from portal import clock, db
from portal.access import Permission, current_principal, guarded_callback
from portal.pagecache import memoised
from portal.services import readiness as readiness_service


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("overview-readiness", "children"),
        Input("url", "pathname"),
        permission=Permission.PORTAL_VIEW,
    )
    @memoised
    def readiness(_path: str | None) -> object:
        settings = current_app.config["PORTAL"]
        found = readiness_service.readiness(
            db.session(),
            principal=current_principal(),
            today=clock.today(settings.today),
            snapshots=settings.readiness_snapshots,
        )
        rows = [
            [
                f"{r.code} – {r.title}",
                f"{r.verified_share:.1f}% ({r.verified:,} of {r.recommendations:,})",
                f"{r.evidence:,}",
                f"{r.metrics_steady:,} of {r.metrics_banded:,}",
                f"{r.overdue:,}",
                html.Span("Ready", className="badge text-bg-success")
                if r.ready
                else html.Ul([html.Li(b) for b in r.blockers], className="small mb-0 ps-3"),
            ]
            for r in found
        ]
        headers = [
            "Cause of Concern",
            "Recommendations verified",
            "Evidence",
            f"Figures in tolerance ({found[0].snapshots if found else 3} snapshots)",
            "Actions overdue",
            "Still in the way",
        ]
        return section(
            "Readiness to leave Engage",
            simple_table(headers, rows, caption="Readiness to leave Engage by Cause of Concern")
            if rows
            else dbc.Alert("No Causes of Concern are recorded yet.", color="info"),
        )
