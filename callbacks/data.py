"""Data page callbacks: who may upload, the live progress of an upload, history, errors, refresh runs."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html, no_update

from layouts.components import empty_state, simple_table, table_or_empty
from layouts.data import KIND_LABELS
from portal import db, queue
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import number, uk_date, uk_datetime
from portal.models import Extract, ExtractStatus
from portal.services import extracts as extract_service
from portal.services import refresh as refresh_service

STAGE_PERCENT = {"queued": 5, "reading": 25, "validating": 55, "computing": 80, "done": 100, "rejected": 100}
STATUS_TONE = {
    "queued": "secondary",
    "processing": "primary",
    "succeeded": "success",
    "failed": "danger",
    "superseded": "light",
}
STATUS_LABEL = {
    "queued": "Queued",
    "processing": "Processing",
    "succeeded": "Succeeded",
    "failed": "Rejected",
    "superseded": "Superseded",
}
FINISHED = {ExtractStatus.SUCCEEDED, ExtractStatus.FAILED, ExtractStatus.SUPERSEDED}


def _status(status: str) -> html.Span:
    tone = STATUS_TONE.get(status, "secondary")
    text = "text-dark border" if tone == "light" else ""
    return html.Span(STATUS_LABEL.get(status, status), className=f"badge text-bg-{tone} {text}")


def _describe(extract: Extract) -> str:
    kind = KIND_LABELS.get(extract.kind, extract.kind)
    return f"{kind} · {extract.file_name} · as of {uk_date(extract.as_of)}"


def _history_row(extract: Extract, names: dict[int, str]) -> list[object]:
    superseded = names.get(extract.superseded_by_id or 0)
    return [
        html.Div(
            [
                html.Div(KIND_LABELS.get(extract.kind, extract.kind)),
                html.Div(extract.kind, className="text-secondary"),
            ]
        ),
        uk_date(extract.as_of),
        _status(str(extract.status)),
        number(extract.rows_total) if extract.rows_total is not None else "–",
        number(extract.values_written),
        html.Span(
            number(extract.error_count), className="text-danger fw-bold" if extract.error_count else ""
        ),
        html.Div(
            [
                html.Div(extract.file_name, className="fw-medium"),
                html.Code(extract.sha256[:16] + "…", title=extract.sha256, className="small"),
                html.Div(f"{number(extract.size_bytes)} bytes", className="text-secondary"),
            ]
        ),
        html.Div(
            [
                html.Div(extract.uploaded_by.name if extract.uploaded_by else "Command line"),
                html.Div(uk_datetime(extract.uploaded_at), className="text-secondary"),
            ]
        ),
        html.Div(
            [html.Div(extract.message or ""), html.Div(f"Superseded by {superseded}") if superseded else None]
        ),
    ]


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("data-upload-panel", "hidden"),
        Output("data-upload-denied", "children"),
        Output("data-refresh-button", "hidden"),
        Input("url", "pathname"),
        permission=Permission.EXTRACTS_READ,
    )
    def permissions(_pathname: str | None) -> tuple[bool, object, bool]:
        principal = current_principal()
        may_upload = principal.can(Permission.EXTRACTS_UPLOAD)
        denied = (
            None
            if may_upload
            else dbc.Alert(
                "Your role can see the extract history but not upload. "
                "Analysts and administrators upload extracts.",
                color="secondary",
                className="mb-0",
            )
        )
        return not may_upload, denied, not principal.can(Permission.REFRESH_RUN)

    @guarded_callback(
        app,
        Output("data-watch-id", "data"),
        Input("data-upload-result", "data"),
        prevent_initial_call=True,
        permission=Permission.EXTRACTS_UPLOAD,
    )
    def watch(result: dict[str, Any] | None) -> object:
        if not isinstance(result, dict) or result.get("http") != 202:
            return no_update
        raw = result.get("extract_id")
        if not isinstance(raw, int):
            return no_update
        extract = extract_service.get(db.session(), actor=current_principal(), extract_id=raw)
        return extract.id if extract is not None else None

    @guarded_callback(
        app,
        Output("data-interval", "disabled"),
        Output("data-progress-panel", "hidden"),
        Output("data-progress", "value"),
        Output("data-progress", "label"),
        Output("data-progress-label", "children"),
        Output("data-progress-result", "children"),
        Input("data-interval", "n_intervals"),
        Input("data-watch-id", "data"),
        prevent_initial_call=True,
        permission=Permission.EXTRACTS_READ,
    )
    def progress(_n: int | None, extract_id: object) -> tuple[object, ...]:
        if not isinstance(extract_id, int):
            return True, True, 0, "", "", None
        extract = extract_service.get(db.session(), actor=current_principal(), extract_id=extract_id)
        if extract is None:
            return True, True, 0, "", "", dbc.Alert("That extract no longer exists.", color="warning")
        stage = extract.stage or "queued"
        percent = STAGE_PERCENT.get(stage, 50)
        rows = f" – {extract.rows_done:,} rows read" if extract.rows_done else ""
        label = [html.Strong(_describe(extract)), f": {stage.capitalize()}{rows}"]
        if extract.status not in FINISHED:
            return False, False, percent, f"{percent}%", label, None
        if extract.status == ExtractStatus.FAILED:
            result = dbc.Alert(
                [
                    extract.message or "Rejected.",
                    " Choose it under “Row-level errors” below to see each problem.",
                ],
                color="danger",
            )
        else:
            result = dbc.Alert([html.Strong("Done. "), extract.message or ""], color="success")
        return True, False, 100, "100%", label, result

    @guarded_callback(
        app,
        Output("data-history", "children"),
        Output("data-errors-extract", "options"),
        Input("url", "pathname"),
        Input("data-interval", "disabled"),
        permission=Permission.EXTRACTS_READ,
    )
    def history(_pathname: str | None, _polling_stopped: bool | None) -> tuple[object, list[dict[str, Any]]]:
        extracts = extract_service.history(db.session(), actor=current_principal())
        if not extracts:
            return empty_state(
                "No extracts have been uploaded yet.", "Upload one above, or run `portal ingest KIND FILE`."
            ), []
        names = {e.id: f"{e.file_name} ({uk_datetime(e.uploaded_at)})" for e in extracts}
        headers = ["Kind", "As of", "Status", "Rows", "Figures", "Errors", "File", "Uploaded", "Outcome"]
        table = simple_table(headers, [_history_row(e, names) for e in extracts], caption="Extract history")
        options = [{"label": _describe(e), "value": str(e.id)} for e in extracts if e.error_count]
        return table, options

    @guarded_callback(
        app,
        Output("data-errors", "children"),
        Input("data-errors-extract", "value"),
        permission=Permission.EXTRACTS_READ,
    )
    def errors(extract_id: object) -> object:
        if isinstance(extract_id, str) and extract_id.isdigit():
            extract_id = int(extract_id)
        if extract_id in (None, ""):
            return html.P(
                "Choose a rejected extract to see each problem by line and column.",
                className="text-secondary",
            )
        if not isinstance(extract_id, int):
            return dbc.Alert("That is not an extract.", color="warning")
        extract = extract_service.get(db.session(), actor=current_principal(), extract_id=extract_id)
        if extract is None:
            return dbc.Alert("That extract no longer exists.", color="warning")
        rows = [
            [
                number(e.get("line")) if e.get("line") is not None else "–",
                e.get("column") or "–",
                html.Code(str(e.get("value"))) if e.get("value") not in (None, "") else "–",
                e.get("message") or "",
            ]
            for e in extract.errors or []
        ]
        listed = (
            f"{len(rows):,} of {extract.error_count:,} problems listed" if rows else "No problems recorded."
        )
        return [
            html.P([html.Strong(_describe(extract)), f" – {listed}."], className="small"),
            simple_table(["Line", "Column", "Value", "Problem"], rows, caption="Row-level errors")
            if rows
            else None,
        ]

    @guarded_callback(
        app,
        Output("data-refresh-feedback", "children"),
        Output("data-runs-interval", "disabled"),
        Output("data-runs-interval", "n_intervals"),
        Input("data-refresh-button", "n_clicks"),
        prevent_initial_call=True,
        permission=Permission.REFRESH_RUN,
    )
    def refresh_now(_clicks: int | None) -> tuple[object, bool, int]:
        principal = current_principal()
        session = db.session()
        sent = queue.send(queue.REFRESH_TASK, "manual", principal.user_id)
        try:
            refresh_service.request_run(session, principal=principal, queued=sent)
            session.commit()
        except Exception:
            session.rollback()
            raise
        if sent:  # the runs table re-reads a few times while the worker picks the task up
            return (
                dbc.Alert(
                    "Refresh requested: a worker is running it now. The run appears below.",
                    color="success",
                    dismissable=True,
                ),
                False,
                0,
            )
        return (
            dbc.Alert(
                "The task queue is unreachable just now, so the refresh was not started. "
                "The nightly run will catch up; try again shortly.",
                color="warning",
                dismissable=True,
            ),
            True,
            0,
        )

    @guarded_callback(
        app,
        Output("data-schedule", "children"),
        Output("data-runs", "children"),
        Input("url", "pathname"),
        Input("data-refresh-feedback", "children"),
        Input("data-runs-interval", "n_intervals"),
        permission=Permission.EXTRACTS_READ,
    )
    def runs(_pathname: str | None, _feedback: object, _ticks: object) -> tuple[object, object]:
        principal = current_principal()
        schedule = refresh_service.beat_schedule(principal=principal)
        schedule_view = table_or_empty(
            ["Job", "Task", "When"],
            [[s.name, html.Code(s.task), s.when] for s in schedule],
            caption="Beat schedule",
            empty="No scheduled jobs are declared.",
        )
        found = refresh_service.recent_runs(db.session(), principal=principal)
        runs_view = table_or_empty(
            ["Started", "Trigger", "Outcome", "Duration", "Detail"],
            [
                [
                    uk_datetime(r.started_at),
                    r.trigger.capitalize(),
                    _run_outcome(r.outcome),
                    f"{number(r.duration_ms)} ms" if r.duration_ms is not None else "–",
                    r.detail or "",
                ]
                for r in found
            ],
            caption="Last refresh runs",
            empty="No refresh has run yet.",
            hint="It runs nightly; “Refresh now” runs it straight away.",
        )
        return schedule_view, runs_view


def _run_outcome(outcome: str) -> html.Span:
    tone = {"succeeded": "success", "failed": "danger"}.get(outcome, "secondary")
    return html.Span(outcome.capitalize(), className=f"badge text-bg-{tone}")
