"""Admin page (/admin): users, roles and scopes; metric baselines, targets, tolerances and trigger plans."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission
from portal.models.users import ROLE_LABELS

ROLE_CHOICES = [{"label": label, "value": str(role)} for role, label in ROLE_LABELS.items()]
SCOPE_HINT = (
    "Gold: cause codes (INV, MARAC). Silver: recommendations (INV-4, INV-5). LPA lead: one LPA. Others: none."
)


def _field(label: str, control: Any, md: int = 4, hint: str | None = None) -> dbc.Col:
    """A labelled control in a form row; the label points at the control's own id."""
    return dbc.Col(
        [dbc.Label(label, html_for=control.id), control, dbc.FormText(hint) if hint else None], md=md
    )


def _form(fields: list[dbc.Col], actions: Any) -> html.Div:
    """A row of labelled fields, then the form's button(s)."""
    return html.Div([dbc.Row(fields, className="g-3 mb-3"), actions])


def _choose(ident: str, placeholder: str, options: list[dict[str, str]] | None = None) -> dbc.Select:
    return dbc.Select(id=ident, options=options or [], value="", placeholder=placeholder)


def _create_form() -> html.Div:
    return _form(
        [
            _field("Email", dbc.Input(id="admin-new-email", type="email")),
            _field("Name", dbc.Input(id="admin-new-name", type="text")),
            _field("Role", _choose("admin-new-role", "Choose a role…", ROLE_CHOICES), 4),
            _field("Scopes", dbc.Input(id="admin-new-scopes", type="text"), 6, SCOPE_HINT),
            _field(
                "Initial password",
                dbc.Input(id="admin-new-password", type="password", autocomplete="new-password"),
                6,
                "Leave blank to generate a one-time password, shown once.",
            ),
        ],
        dbc.Button("Create user", id="admin-create", color="primary"),
    )


def _edit_form() -> html.Div:
    return _form(
        [
            _field("User", _choose("admin-user-select", "Choose a user…"), 4),
            _field("Role", _choose("admin-edit-role", "Choose a role…", ROLE_CHOICES), 3),
            _field("Scopes", dbc.Input(id="admin-edit-scopes", type="text"), 5, SCOPE_HINT),
        ],
        html.Div(
            [
                dbc.Button("Save role and scopes", id="admin-save-role", color="primary"),
                dbc.Button("Reset password", id="admin-reset-password", color="secondary", outline=True),
                dbc.Button("Reactivate", id="admin-reactivate", color="success", outline=True),
                dbc.Button("Deactivate", id="admin-deactivate", color="danger", outline=True),
            ],
            className="d-flex flex-wrap gap-2",
        ),
    )


def _metric_form() -> html.Div:
    number = {"type": "number", "step": "any"}
    return _form(
        [
            _field("Metric", _choose("admin-metric-select", "Choose a metric…"), 12),
            _field("Baseline value", dbc.Input(id="admin-baseline-value", **number), 3),
            _field(
                "Baseline date",
                dbc.Input(id="admin-baseline-date", type="text", placeholder="dd/mm/yyyy"),
                3,
                "For example 30/06/2023.",
            ),
            _field(
                "Baseline label",
                dbc.Input(id="admin-baseline-label", type="text"),
                6,
                "As the paper says it, e.g. “at inspection”.",
            ),
            _field("Target", dbc.Input(id="admin-target", **number), 4),
            _field("Amber threshold", dbc.Input(id="admin-amber", **number), 4, "Amber from this value."),
            _field(
                "Red threshold", dbc.Input(id="admin-red", **number), 4, "Red from this value (beyond amber)."
            ),
            _field(
                "Trigger plan",
                dbc.Textarea(id="admin-trigger-plan", rows=3),
                12,
                "What happens when the figure goes amber or red, and who acts.",
            ),
        ],
        dbc.Button("Save metric", id="admin-metric-save", color="primary"),
    )


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            page_header(
                "Administration", "Who can sign in and what they see; the reference data behind the figures."
            ),
            section("Users", loading("admin-users-table", label="users", min_height="12rem")),
            html.Div(id="admin-users-feedback", **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col(section("Add a user", _create_form()), lg=6),
                    dbc.Col(section("Change a user", _edit_form()), lg=6),
                ]
            ),
            section(
                "Metric baselines, targets and tolerances",
                _metric_form(),
                html.Div(id="admin-metrics-feedback", className="mt-3", **{"aria-live": "polite"}),
                html.Hr(),
                loading("admin-metrics-table", label="metric catalogue", min_height="12rem"),
                lead="Each change is validated whole and recorded in the audit log.",
            ),
        ],
        className="admin-page",
    )


PAGES = [PageSpec("admin", "/admin", "Admin", "Administration", Permission.USERS_MANAGE, layout, order=80)]
