"""Alerts callbacks: the scoped alert list with trigger plans, and acknowledgement with a comment."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html

from layouts.components import empty_state, simple_table
from portal import db
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import uk_date, uk_datetime
from portal.models import Alert, AlertKind, AlertStatus
from portal.services import tolerances

STATUS = {
    AlertStatus.OPEN: "Open",
    AlertStatus.ACKNOWLEDGED: "Acknowledged",
    AlertStatus.RESOLVED: "Resolved",
}


def _what(alert: Alert, names: dict[str, tuple[str, str]]) -> str:
    if alert.kind == AlertKind.ACTION_OVERDUE:
        return "Overdue action"
    return names.get(alert.metric_key or "", (alert.metric_key or "", ""))[0]


def _table(alerts: list[Alert], names: dict[str, tuple[str, str]]) -> object:
    if not alerts:
        return empty_state("No open alerts.", "Alerts appear here when a figure breaches its tolerance.")
    rows = []
    for a in alerts:
        plan = names.get(a.metric_key or "", ("", ""))[1]
        ack = (
            html.Div(
                [
                    html.Div(a.comment),
                    html.Small(
                        f"{a.acknowledged_by.name if a.acknowledged_by else ''}, "
                        f"{uk_datetime(a.acknowledged_at)}",
                        className="text-secondary",
                    ),
                ]
            )
            if a.status == AlertStatus.ACKNOWLEDGED
            else "Not yet acknowledged"
        )
        rows.append(
            [
                html.Span(
                    STATUS[a.status],
                    className="badge text-bg-danger"
                    if a.status == AlertStatus.OPEN
                    else "badge text-bg-secondary",
                ),
                _what(a, names),
                a.lpa if a.lpa and a.lpa != "ALL" else "Force-wide",
                a.message,
                uk_date(a.since),
                plan or "No trigger plan recorded",
                ack,
            ]
        )
    headers = ["Status", "What", "Where", "Detail", "Since", "Trigger plan", "Acknowledgement"]
    return simple_table(headers, rows, caption="Alerts")


def _option(a: Alert, names: dict[str, tuple[str, str]]) -> dict[str, object]:
    where = a.lpa if a.lpa and a.lpa != "ALL" else "force-wide"
    return {"label": f"{_what(a, names)} – {where} (since {uk_date(a.since)})", "value": a.id}


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("alerts-list", "children"),
        Output("alerts-ack-id", "options"),
        Output("alerts-ack-feedback", "children"),
        Output("alerts-ack-form", "hidden"),
        Input("url", "pathname"),
        Input("alerts-ack-submit", "n_clicks"),
        State("alerts-ack-id", "value"),
        State("alerts-ack-comment", "value"),
        permission=Permission.METRICS_READ,
    )
    def alerts(_path: str | None, _clicks: int | None, alert_id: object, comment: str | None) -> tuple:
        principal = current_principal()
        session = db.session()
        feedback = None
        if ctx.triggered_id == "alerts-ack-submit":
            try:
                tolerances.acknowledge(
                    session, principal=principal, alert_id=int(alert_id), comment=comment or ""
                )
                session.commit()
                feedback = dbc.Alert("Alert acknowledged.", color="success")
            except (TypeError, ValueError) as exc:
                session.rollback()
                message = str(exc) if isinstance(exc, tolerances.AlertError) else "Choose an alert first."
                feedback = dbc.Alert(message, color="danger")
            except Exception:
                session.rollback()
                raise
        listed = tolerances.list_alerts(session, principal=principal)
        names = tolerances.trigger_plans(
            session, principal=principal, keys=[a.metric_key for a in listed if a.metric_key]
        )
        options = [_option(a, names) for a in listed if tolerances.may_acknowledge(session, principal, a)]
        return _table(listed, names), options, feedback, not principal.can(Permission.ALERTS_ACKNOWLEDGE)
