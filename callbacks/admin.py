"""Admin callbacks: user management and metric reference data, each change validated and audited."""

from __future__ import annotations

import secrets
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html
from flask import current_app

from layouts.components import empty_state, simple_table
from portal import clock, db
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import number, parse_date, uk_date, uk_datetime
from portal.models import ROLE_LABELS, User
from portal.models.metrics import MetricDefinition
from portal.passwords import PasswordRejected
from portal.services import metrics as metric_service
from portal.services import users as user_service

USER_BUTTONS = (
    "admin-create",
    "admin-save-role",
    "admin-deactivate",
    "admin-reactivate",
    "admin-reset-password",
)


def _id(raw: object) -> int | None:
    """A user id from the browser (a select's string value); re-checked by the service lookup."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def _scopes(raw: object) -> list[str]:
    return [s.strip() for s in str(raw or "").replace(";", ",").split(",") if s.strip()]


def _users_view(users: list[User]) -> tuple[object, list[dict[str, Any]]]:
    rows = [
        [
            html.Div(
                [html.Div(u.name, className="fw-medium"), html.Div(u.email, className="text-secondary")]
            ),
            ROLE_LABELS.get(u.role, str(u.role)),
            ", ".join(s.value for s in u.scopes) or "–",
            html.Span("Active", className="badge text-bg-success")
            if u.is_active
            else html.Span("Deactivated", className="badge text-bg-secondary"),
            uk_datetime(u.last_login_at) or "Never",
        ]
        for u in users
        if not u.is_service
    ]
    table = simple_table(["User", "Role", "Scopes", "Status", "Last sign-in"], rows, caption="Users")
    options = [{"label": f"{u.name} ({u.email})", "value": str(u.id)} for u in users if not u.is_service]
    return table, options


def _change_user(trigger: str, values: dict[str, Any]) -> object:
    """Make one change; returns the confirmation. Raises UserError/PasswordRejected on bad input."""
    principal, session = current_principal(), db.session()
    hasher = current_app.extensions["portal.hasher"]
    if trigger == "admin-create":
        password = values["new_password"] or None
        generated = None
        if password is None:
            generated = password = secrets.token_urlsafe(12)
        user = user_service.create(
            session,
            actor=principal,
            hasher=hasher,
            email=values["new_email"] or "",
            name=values["new_name"] or "",
            role=values["new_role"] or "",
            password=password,
            scopes=_scopes(values["new_scopes"]),
        )
        message = [f"Created {user.email} as {ROLE_LABELS[user.role]}."]
        if generated:
            message += [
                " One-time password (shown once): ",
                html.Code(generated, className="user-select-all"),
            ]
        return message
    user_id = _id(values["user_id"])
    user = user_service.get(session, user_id=user_id) if user_id is not None else None
    if user is None:
        raise user_service.UserError("Choose a user first.")
    if trigger == "admin-save-role":
        if not values["edit_role"]:
            raise user_service.UserError("Choose a role.")
        user_service.set_role(
            session,
            actor=principal,
            user=user,
            role=values["edit_role"],
            scopes=_scopes(values["edit_scopes"]),
        )
        scopes = ", ".join(s.value for s in user.scopes) or "none"
        return f"Saved {user.email}: {ROLE_LABELS[user.role]}, scopes {scopes}."
    if trigger == "admin-deactivate":
        user_service.deactivate(session, actor=principal, user=user)
        return f"Deactivated {user.email}; their sessions have ended."
    if trigger == "admin-reactivate":
        user_service.reactivate(session, actor=principal, user=user)
        return f"Reactivated {user.email}."
    password = user_service.reset_password(session, actor=principal, hasher=hasher, user=user)
    return [
        f"New one-time password for {user.email} (shown once): ",
        html.Code(password, className="user-select-all"),
    ]


def _float(raw: object, label: str) -> float | None:
    if raw is None or raw == "":
        return None
    try:
        return float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise metric_service.MetricError(f"The {label} must be a number.") from exc


def _fig(value: float | None) -> str:
    if value is None:
        return "–"
    return number(value) if float(value).is_integer() else number(value, 2)


def _metrics_view(definitions: list[MetricDefinition]) -> object:
    rows = [
        [
            html.Div([html.Div(d.name, className="fw-medium"), html.Code(d.key, className="small")]),
            d.cause.code if d.cause else "–",
            d.unit,
            f"{_fig(d.baseline_value)} ({d.baseline_label or uk_date(d.baseline_date) or 'no date'})"
            if d.baseline_value is not None
            else "–",
            _fig(d.target_value),
            _fig(d.amber_threshold),
            _fig(d.red_threshold),
            d.trigger_plan or "–",
        ]
        for d in definitions
    ]
    if not rows:
        return empty_state("The metric catalogue is empty.", "Run `portal refresh` to load it.")
    return simple_table(
        ["Metric", "Cause", "Unit", "Baseline", "Target", "Amber", "Red", "Trigger plan"],
        rows,
        caption="Metrics",
    )


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("admin-users-table", "children"),
        Output("admin-users-feedback", "children"),
        Output("admin-user-select", "options"),
        Input("url", "pathname"),
        *[Input(b, "n_clicks") for b in USER_BUTTONS],
        State("admin-new-email", "value"),
        State("admin-new-name", "value"),
        State("admin-new-role", "value"),
        State("admin-new-scopes", "value"),
        State("admin-new-password", "value"),
        State("admin-user-select", "value"),
        State("admin-edit-role", "value"),
        State("admin-edit-scopes", "value"),
        permission=Permission.USERS_MANAGE,
    )
    def users(_pathname: object, *args: Any) -> tuple[object, object, object]:
        names = (
            "new_email",
            "new_name",
            "new_role",
            "new_scopes",
            "new_password",
            "user_id",
            "edit_role",
            "edit_scopes",
        )
        values = dict(zip(names, args[len(USER_BUTTONS) :], strict=True))
        session = db.session()
        feedback: object = None
        if ctx.triggered_id in USER_BUTTONS:
            try:
                message = _change_user(str(ctx.triggered_id), values)
                session.commit()
                feedback = dbc.Alert(message, color="success", dismissable=True)
            except (user_service.UserError, PasswordRejected, ValueError) as exc:
                session.rollback()
                feedback = dbc.Alert(["Nothing was changed. ", str(exc)], color="danger", dismissable=True)
        table, options = _users_view(list(user_service.get_all(session, actor=current_principal())))
        return table, feedback, options

    @guarded_callback(
        app,
        Output("admin-edit-role", "value"),
        Output("admin-edit-scopes", "value"),
        Input("admin-user-select", "value"),
        prevent_initial_call=True,
        permission=Permission.USERS_MANAGE,
    )
    def pick_user(raw: object) -> tuple[object, object]:
        user_id = _id(raw)
        user = user_service.get(db.session(), user_id=user_id) if user_id is not None else None
        if user is None:
            return "", ""
        return str(user.role), ", ".join(s.value for s in user.scopes)

    @guarded_callback(
        app,
        Output("admin-metrics-table", "children"),
        Output("admin-metrics-feedback", "children"),
        Output("admin-metric-select", "options"),
        Input("url", "pathname"),
        Input("admin-metric-save", "n_clicks"),
        State("admin-metric-select", "value"),
        State("admin-baseline-value", "value"),
        State("admin-baseline-date", "value"),
        State("admin-baseline-label", "value"),
        State("admin-target", "value"),
        State("admin-amber", "value"),
        State("admin-red", "value"),
        State("admin-trigger-plan", "value"),
        permission=Permission.REFERENCE_MANAGE,
    )
    def metrics(
        _pathname: object, _clicks: object, key: object, *fields: Any
    ) -> tuple[object, object, object]:
        principal, session = current_principal(), db.session()
        feedback: object = None
        if ctx.triggered_id == "admin-metric-save":
            try:
                if not isinstance(key, str) or not key:
                    raise metric_service.MetricError("Choose a metric first.")
                baseline_value, baseline_date, label, target, amber, red, plan = fields
                try:
                    when = parse_date(baseline_date if isinstance(baseline_date, str) else None)
                except ValueError as exc:
                    raise metric_service.MetricError(
                        "The baseline date is not a date; write it as 30/06/2023."
                    ) from exc
                definition = metric_service.update_reference(
                    session,
                    principal=principal,
                    key=key,
                    today=clock.today(current_app.config["PORTAL"].today),
                    baseline_value=_float(baseline_value, "baseline"),
                    baseline_date=when,
                    baseline_label=label if isinstance(label, str) else None,
                    target_value=_float(target, "target"),
                    amber_threshold=_float(amber, "amber threshold"),
                    red_threshold=_float(red, "red threshold"),
                    trigger_plan=plan if isinstance(plan, str) else None,
                )
                session.commit()
                feedback = dbc.Alert(f"Saved {definition.name}.", color="success", dismissable=True)
            except metric_service.MetricError as exc:
                session.rollback()
                feedback = dbc.Alert(["Nothing was changed. ", str(exc)], color="danger", dismissable=True)
        definitions = list(metric_service.definitions(session, principal=principal))
        options = [{"label": f"{d.name} ({d.key})", "value": d.key} for d in definitions]
        return _metrics_view(definitions), feedback, options

    @guarded_callback(
        app,
        Output("admin-baseline-value", "value"),
        Output("admin-baseline-date", "date"),
        Output("admin-baseline-label", "value"),
        Output("admin-target", "value"),
        Output("admin-amber", "value"),
        Output("admin-red", "value"),
        Output("admin-trigger-plan", "value"),
        Input("admin-metric-select", "value"),
        prevent_initial_call=True,
        permission=Permission.REFERENCE_MANAGE,
    )
    def pick_metric(key: object) -> tuple[object, ...]:
        found = [
            d for d in metric_service.definitions(db.session(), principal=current_principal()) if d.key == key
        ]
        if not found:
            return None, "", "", None, None, None, ""
        d = found[0]
        return (
            d.baseline_value,
            f"{d.baseline_date:%d/%m/%Y}" if d.baseline_date else "",
            d.baseline_label or "",
            d.target_value,
            d.amber_threshold,
            d.red_threshold,
            d.trigger_plan or "",
        )
