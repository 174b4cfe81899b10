"""Data page (/data): upload an extract and watch it, the extract history, refresh runs and schedule."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import PageSpec
from layouts.components import loading, page_header, section
from portal.access.permissions import Permission
from workers.readers import KINDS

KIND_LABELS = {
    "crimes": "Recorded crimes",
    "outcome_changes": "Outcome changes (reviews)",
    "investigations": "Investigations snapshot",
    "qatt_reviews": "QATT reviews",
    "marac_referrals": "MARAC referrals",
    "rso_caseload": "RSO caseload (ViSOR)",
    "ocset_packages": "OCSET packages",
    "dfu_cases": "Digital forensics queue",
    "manual": "Manual figures",
}


def _upload_form() -> html.Form:
    """A plain form; assets/extract-upload.js adds the file and date inputs and posts it."""
    return html.Form(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label("Extract kind", htmlFor="upload-kind", className="form-label"),
                            html.Select(
                                [html.Option("Choose a kind…", value="")]
                                + [html.Option(f"{KIND_LABELS.get(k, k)} ({k})", value=k) for k in KINDS],
                                id="upload-kind",
                                name="kind",
                                className="form-select",
                                required=True,
                            ),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            html.Label("As-of date", htmlFor="upload-as-of", className="form-label"),
                            html.Div(id="upload-as-of-slot", **{"data-input": "date"}),
                            html.Div("Leave blank for today.", className="form-text"),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            html.Label(
                                "File (CSV UTF-8 or .xlsx)", htmlFor="upload-file", className="form-label"
                            ),
                            html.Div(id="upload-file-slot", **{"data-input": "file"}),
                        ],
                        md=5,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.Button(
                "Upload and validate", type="submit", id="upload-submit", className="btn btn-primary"
            ),
        ],
        id="extract-upload-form",
        action="/extracts/upload",
        method="POST",
        encType="multipart/form-data",
    )


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            page_header(
                "Data",
                "Upload extracts from force systems, follow their validation "
                "and see where every figure came from.",
                actions=html.Button(
                    "Refresh now",
                    id="data-refresh-button",
                    className="btn btn-primary",
                    hidden=True,
                    type="button",
                ),
            ),
            html.Div(id="data-refresh-feedback", **{"aria-live": "polite"}),
            section(
                "Upload an extract",
                html.Div(_upload_form(), id="data-upload-panel"),
                html.Div(id="data-upload-denied"),
                html.Div(id="upload-client-message", className="mt-3", **{"aria-live": "polite"}),
                html.Div(
                    [
                        html.Div(id="data-progress-label", className="small mb-1"),
                        dbc.Progress(
                            id="data-progress",
                            value=0,
                            striped=True,
                            animated=True,
                            style={"height": "1.25rem"},
                        ),
                    ],
                    id="data-progress-panel",
                    hidden=True,
                    className="mt-3",
                ),
                html.Div(id="data-progress-result", className="mt-3", **{"aria-live": "polite"}),
                dcc.Store(id="data-upload-result"),
                dcc.Store(id="data-watch-id"),
                dcc.Interval(id="data-interval", interval=1000, disabled=True),
                dcc.Interval(id="data-runs-interval", interval=2000, max_intervals=5, disabled=True),
                lead="A file with any error is rejected whole and changes nothing; "
                "the same file is never ingested twice.",
                id="data-upload-card",
            ),
            section(
                "Extract history",
                loading("data-history", label="extract history", min_height="10rem"),
                lead="Newest first. Lineage: the file, its SHA-256 fingerprint, who uploaded it and when.",
            ),
            section(
                "Row-level errors",
                html.Div(
                    [
                        dbc.Label("Rejected extract", html_for="data-errors-extract"),
                        dbc.Select(
                            id="data-errors-extract",
                            options=[],
                            value="",
                            placeholder="Choose a rejected extract…",
                        ),
                    ],
                    className="mb-3",
                ),
                loading("data-errors", label="row-level errors"),
            ),
            dbc.Row(
                [
                    dbc.Col(section("Schedule", loading("data-schedule", label="schedule")), lg=5),
                    dbc.Col(section("Last refresh runs", loading("data-runs", label="refresh runs")), lg=7),
                ]
            ),
        ],
        className="data-page",
    )


PAGES = [PageSpec("data", "/data", "Data", "Data", Permission.EXTRACTS_READ, layout, order=70)]
