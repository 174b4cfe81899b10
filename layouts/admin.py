"""Admin page (/admin): users, roles and scopes; metric baselines, targets, tolerances and trigger plans."""

from __future__ import annotations

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


def _field(label: str, control: object, control_id: str, md: int = 4, hint: str | None = None) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, html_for=control_id), control, dbc.FormText(hint) if hint else None], md=md
    )


def _create_form() -> html.Div:
    return html.Div(
        [
            dbc.Row(
                [
                    _field("Email", dbc.Input(id="admin-new-email", type="email"), "admin-new-email"),
                    _field("Name", dbc.Input(id="admin-new-name", type="text"), "admin-new-name"),
                    _field(
                        "Role",
                        dbc.Select(
                            id="admin-new-role", options=ROLE_CHOICES, value="", placeholder="Choose a role…"
                        ),
                        "admin-new-role",
                        4,
                    ),
                    _field(
                        "Scopes",
                        dbc.Input(id="admin-new-scopes", type="text"),
                        "admin-new-scopes",
                        6,
                        SCOPE_HINT,
                    ),
                    _field(
                        "Initial password",
                        dbc.Input(id="admin-new-password", type="password", autocomplete="new-password"),
                        "admin-new-password",
                        6,
                        "Leave blank to generate a one-time password, shown once.",
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Button("Create user", id="admin-create", color="primary"),
        ]
    )


def _edit_form() -> html.Div:
    return html.Div(
        [
            dbc.Row(
                [
                    _field(
                        "User",
                        dbc.Select(
                            id="admin-user-select", options=[], value="", placeholder="Choose a user…"
                        ),
                        "admin-user-select",
                        4,
                    ),
                    _field(
                        "Role",
                        dbc.Select(
                            id="admin-edit-role", options=ROLE_CHOICES, value="", placeholder="Choose a role…"
                        ),
                        "admin-edit-role",
                        3,
                    ),
                    _field(
                        "Scopes",
                        dbc.Input(id="admin-edit-scopes", type="text"),
                        "admin-edit-scopes",
                        5,
                        SCOPE_HINT,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.Div(
                [
                    dbc.Button("Save role and scopes", id="admin-save-role", color="primary"),
                    dbc.Button("Reset password", id="admin-reset-password", color="secondary", outline=True),
                    dbc.Button("Reactivate", id="admin-reactivate", color="success", outline=True),
                    dbc.Button("Deactivate", id="admin-deactivate", color="danger", outline=True),
                ],
                className="d-flex flex-wrap gap-2",
            ),
        ]
    )


def _metric_form() -> html.Div:
    number = {"type": "number", "step": "any"}
    return html.Div(
        [
            dbc.Row(
                [
                    _field(
                        "Metric",
                        dbc.Select(
                            id="admin-metric-select", options=[], value="", placeholder="Choose a metric…"
                        ),
                        "admin-metric-select",
                        12,
                    ),
                    _field(
                        "Baseline value",
                        dbc.Input(id="admin-baseline-value", **number),
                        "admin-baseline-value",
                        3,
                    ),
                    _field(
                        "Baseline date",
                        dbc.Input(id="admin-baseline-date", type="text", placeholder="dd/mm/yyyy"),
                        "admin-baseline-date",
                        3,
                        "For example 30/06/2023.",
                    ),
                    _field(
                        "Baseline label",
                        dbc.Input(id="admin-baseline-label", type="text"),
                        "admin-baseline-label",
                        6,
                        "As the paper says it, e.g. “at inspection”.",
                    ),
                    _field("Target", dbc.Input(id="admin-target", **number), "admin-target", 4),
                    _field(
                        "Amber threshold",
                        dbc.Input(id="admin-amber", **number),
                        "admin-amber",
                        4,
                        "Amber from this value.",
                    ),
                    _field(
                        "Red threshold",
                        dbc.Input(id="admin-red", **number),
                        "admin-red",
                        4,
                        "Red from this value (beyond amber).",
                    ),
                    _field(
                        "Trigger plan",
                        dbc.Textarea(id="admin-trigger-plan", rows=3),
                        "admin-trigger-plan",
                        12,
                        "What happens when the figure goes amber or red, and who acts.",
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Button("Save metric", id="admin-metric-save", color="primary"),
        ]
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
