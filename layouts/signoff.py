"""Sign-off panel components: history of steps and the buttons for the step the user may take."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

STEP_NAMES = {
    "proposed": "Completion proposed",
    "validated": "Validated by silver lead",
    "approved": "Approved by gold lead",
    "verified": "Verified by the executive",
    "returned": "Sent back",
}
BUTTON = {
    "proposed": "Propose completion",
    "validated": "Validate",
    "approved": "Approve",
    "verified": "Verify",
    "returned": "Send back",
}


def history_list(rows: list[tuple[str, str, str, str | None]]) -> html.Div:
    """rows: (step, who, when, comment)."""
    if not rows:
        return html.P("No sign-off steps yet.", className="small text-secondary")
    return html.Ol(
        [
            html.Li(
                [
                    html.Strong(STEP_NAMES.get(step, step)),
                    f" – {who}, {when}",
                    html.Div(comment) if comment else None,
                ],
                className="small mb-1",
            )
            for step, who, when, comment in rows
        ],
        className="mb-2",
    )


def panel(pending: str | None, steps: list[str], history: html.Div, feedback: Any = None) -> html.Div:
    waiting = f"Waiting for: {BUTTON[pending].lower()}." if pending else "Sign-off is complete."
    controls: list[Any] = []
    if steps:
        controls = [
            html.Label(  # wraps its textarea: a pattern-matching id cannot be named by html_for
                [
                    html.Span("Comment (required to send back)", className="d-block mb-1"),
                    html.Textarea(
                        id={"type": "signoff-comment", "k": "c"},
                        rows=2,
                        maxLength=2000,
                        className="form-control mb-2",
                    ),
                ],
                className="form-label w-100",
            ),
            html.Div(
                [
                    dbc.Button(
                        BUTTON[s],
                        id={"type": "signoff-step", "step": s},
                        n_clicks=0,
                        color="outline-danger" if s == "returned" else "primary",
                        className="me-2",
                    )
                    for s in steps
                ]
            ),
        ]
    return html.Section(
        [
            html.H3("Sign-off", className="h6"),
            html.P(waiting, className="small"),
            history,
            *controls,
            feedback,
        ],
        className="border rounded p-3 bg-white",
    )
