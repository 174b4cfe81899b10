"""Sign-off callbacks: fill the action tracker's `action-signoff-panel` and take the steps it offers."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html
from flask import current_app

from layouts.signoff import history_list, panel
from portal import clock, db
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import uk_datetime
from portal.services import actions as action_service
from portal.services import signoff


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("action-signoff-panel", "children"),
        Input("action-detail-id", "data"),
        Input({"type": "signoff-step", "step": ALL}, "n_clicks"),
        State({"type": "signoff-comment", "k": ALL}, "value"),
        permission=Permission.ACTIONS_READ,
    )
    def signoff_panel(action_id: object, _clicks: list | None, comments: list | None) -> object:
        if action_id is None:
            return None
        try:
            action_id = int(action_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return dbc.Alert("That is not an action.", color="danger")
        principal = current_principal()
        session = db.session()
        feedback = None
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and trigger.get("type") == "signoff-step" and any(_clicks or []):
            comment = next((c for c in comments or [] if c), None)
            try:
                signoff.take_step(
                    session,
                    principal=principal,
                    action_id=action_id,
                    step=str(trigger.get("step")),
                    today=clock.today(current_app.config["PORTAL"].today),
                    comment=comment,
                )
                session.commit()
                feedback = dbc.Alert("Sign-off recorded.", color="success", className="mt-2")
            except (signoff.SignOffError, ValueError) as exc:
                session.rollback()
                feedback = dbc.Alert(str(exc), color="danger", className="mt-2")
            except Exception:
                session.rollback()
                raise
        try:
            action = action_service.get(session, principal=principal, action_id=action_id)
        except action_service.NotFound:
            return dbc.Alert("There is no such action.", color="danger")
        rows = [
            (str(s.step), s.actor.name if s.actor else "Unknown", uk_datetime(s.at), s.comment)
            for s in signoff.history(session, principal=principal, action_id=action.id)
        ]
        pending = signoff.pending_step(session, action)
        steps = [str(s) for s in signoff.allowed_steps(session, principal=principal, action=action)]
        return panel(str(pending) if pending else None, steps, history_list(rows), feedback or html.Div())
