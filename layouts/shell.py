"""The portal shell: protective marking, navigation (filled by a guarded callback), page area."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from layouts.components import marking_bar


def _logout_form() -> html.Form:
    token = generate_csrf() if has_request_context() else ""
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=token, id="logout-csrf"),
            html.Button(
                "Sign out", type="submit", className="btn btn-outline-light btn-sm", id="logout-button"
            ),
        ],
        action="/logout",
        method="POST",
        className="ms-lg-3 mb-0",
    )


def layout() -> html.Div:
    return html.Div(
        [
            html.A("Skip to main content", href="#main", className="visually-hidden-focusable skip-link"),
            marking_bar(),
            dcc.Location(id="url", refresh=False),
            html.Nav(
                dbc.Container(
                    [
                        dcc.Link(
                            [
                                html.Span("Engage Portal", className="fw-bold"),
                                html.Span(
                                    " HMICFRS enhanced monitoring",
                                    className="d-none d-xl-inline small ms-2 opacity-75",
                                ),
                            ],
                            href="/",
                            className="navbar-brand",
                        ),
                        html.Button(
                            html.Span(className="navbar-toggler-icon"),
                            id="nav-toggler",
                            className="navbar-toggler",
                            type="button",
                            **{"aria-label": "Show navigation", "aria-controls": "nav-collapse"},
                        ),
                        dbc.Collapse(
                            [
                                dbc.Nav(id="nav-links", className="me-auto", navbar=True),
                                html.Div(id="nav-user", className="navbar-text small text-light me-2"),
                                _logout_form(),
                            ],
                            id="nav-collapse",
                            navbar=True,
                        ),
                    ],
                    fluid=True,
                ),
                className="navbar navbar-expand-lg navbar-dark portal-navbar",
                **{"aria-label": "Main navigation"},
            ),
            html.Main(
                dbc.Container(dash.page_container, fluid="xl", className="py-4"), id="main", tabIndex="-1"
            ),
            html.Footer(
                [
                    dbc.Container(
                        html.P(
                            "Engage Portal – the force's HMICFRS Engage improvement programme. "
                            "Handle in line with the Government Security Classifications.",
                            className="small text-secondary mb-2",
                        ),
                        fluid="xl",
                    ),
                    marking_bar(),
                ],
                className="mt-5",
            ),
        ]
    )
