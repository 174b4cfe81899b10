"""The action tracker's detail panel skeleton: fields, timeline, progress form, evidence, sign-off slot."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

EVIDENCE_TYPES = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt,.csv,.msg,.eml"
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def _note_form() -> html.Div:
    return html.Div(
        [
            html.H3("Add a progress update", className="h6", id="action-note-heading"),
            dbc.Label("Progress update", html_for="action-note-text", className="visually-hidden"),
            dbc.Textarea(
                id="action-note-text",
                rows=3,
                maxLength=4000,
                value="",
                placeholder="What has happened since the last update?",
                className="mb-2",
            ),
            dbc.Button("Add update", id="action-note-save", color="primary", n_clicks=0),
            html.Div(id="action-note-feedback", className="mt-2", **{"aria-live": "polite"}),
        ],
        id="action-note-form",
        hidden=True,
        className="mb-3",
    )


def _evidence_form() -> html.Div:
    return html.Div(
        [
            html.H3("Attach evidence", className="h6"),
            dcc.Upload(
                html.Div(
                    [
                        html.I(className="bi bi-paperclip me-1", **{"aria-hidden": "true"}),
                        "Drop a file here or ",
                        html.Span("choose a file", className="text-decoration-underline"),
                    ]
                ),
                id="action-evidence-upload",
                accept=EVIDENCE_TYPES,
                max_size=EVIDENCE_MAX_BYTES,
                multiple=False,
                className="border border-2 rounded p-3 text-center bg-light",
                style={"borderStyle": "dashed", "cursor": "pointer"},
            ),
            html.P(
                "PDF, Word, Excel, PNG, JPEG, text, CSV or Outlook message; up to 20 MB.",
                className="small text-secondary mt-1 mb-0",
            ),
            html.Div(id="action-evidence-feedback", className="mt-2", **{"aria-live": "polite"}),
        ],
        id="action-evidence-form",
        hidden=True,
    )


def detail_panel() -> html.Section:
    """Filled by callbacks/actions_detail.py; the sign-off team fills `action-signoff-panel`."""
    return html.Section(
        [
            dcc.Store(id="action-detail-id", data=None),
            html.H2("Action detail", className="h5", id="action-detail-heading"),
            dcc.Loading(
                html.Div(
                    html.P(
                        "Select an action in the grid to see its details, update timeline and evidence.",
                        className="text-secondary mb-0",
                    ),
                    id="action-detail-body",
                ),
                type="default",
                color="#1d2a4d",
                delay_show=300,
            ),
            dbc.Row([dbc.Col(_note_form(), lg=6), dbc.Col(_evidence_form(), lg=6)], className="g-4 mt-1"),
            html.Div(id="action-signoff-panel", className="mt-3"),
        ],
        className="bg-white border rounded shadow-sm p-3 mb-4",
        id="action-detail",
        **{"aria-labelledby": "action-detail-heading"},
    )
