"""Action tracker detail panel: fields, update timeline (slippage history), progress updates and evidence."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from flask import current_app

from callbacks.actions import today
from layouts.actions import STATUS_LABELS
from layouts.components import simple_table
from portal import db
from portal.access import AccessDenied, Permission, current_principal, guarded_callback, may_edit_action
from portal.formatting import uk_date, uk_datetime
from portal.models import Action, ActionUpdate
from portal.services import actions as action_service
from portal.services import evidence as evidence_service
from portal.services.programme import action_rag


def _size(n: int) -> str:
    if n < 1024:
        return f"{n:,} bytes"
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):,.1f} MB"


def _update_text(u: ActionUpdate) -> list[Any]:
    parts: list[Any] = []
    if u.status_to:
        parts.append(
            html.Div(
                f"Status: {STATUS_LABELS.get(str(u.status_from), '')} → {STATUS_LABELS[str(u.status_to)]}"
            )
        )
    if u.due_to:
        parts.append(
            html.Div(
                [html.Strong("Due date changed: "), f"{uk_date(u.due_from)} → {uk_date(u.due_to)}"],
                className="text-danger-emphasis",
            )
        )
        parts.append(html.Div(f"Reason: {u.reason}", className="fst-italic"))
    if u.note:
        parts.append(html.Div(u.note, style={"whiteSpace": "pre-wrap"}))
    return parts


def _timeline(action: Action) -> html.Div:
    if not action.updates:
        return html.P(
            "No updates yet. Add the first progress update below.", className="small text-secondary"
        )
    items = [
        html.Li(
            [
                html.Div(
                    f"{uk_datetime(u.created_at)} – {u.author.name if u.author else 'Unknown'}",
                    className="small fw-semibold text-secondary",
                ),
                html.Div(_update_text(u), className="small"),
            ],
            className="border-start border-3 ps-3 pb-2 "
            + ("border-danger" if u.due_to else "border-primary"),
        )
        for u in action.updates
    ]
    return html.Ol(items, className="list-unstyled mb-0")


def _names(changed: Any, current: Any) -> bool:
    """Whether the grid's latest saves (`{"ids": [...]}`) include the action shown in the panel."""
    ids = changed.get("ids", [changed.get("id")]) if isinstance(changed, dict) else []
    return current is not None and current in (ids if isinstance(ids, list) else [])


def _slippage(action: Action) -> Any:
    """Every due-date change with the dates, the reason and who made it (newest first)."""
    moves = [u for u in action.updates if u.due_to]
    if not moves:
        return html.P(
            f"The due date has not moved from {uk_date(action.original_due_date)}, as first agreed.",
            className="small text-secondary",
        )
    rows = [
        [
            uk_datetime(u.created_at),
            uk_date(u.due_from),
            uk_date(u.due_to),
            u.reason or "No reason recorded",
            u.author.name if u.author else "Unknown",
        ]
        for u in moves
    ]
    return simple_table(["When", "From", "To", "Reason", "Changed by"], rows, caption="Slippage history")


def _evidence(action: Action) -> html.Div:
    if not action.evidence:
        return html.P("No evidence attached yet.", className="small text-secondary")
    rows = [
        [
            html.A(e.file_name, href=f"/evidence/{e.id}/download", download=""),
            _size(e.size_bytes),
            e.uploaded_by.name if e.uploaded_by else "Unknown",
            uk_datetime(e.uploaded_at),
            html.Code(e.sha256[:12] + "…", title=f"SHA-256 {e.sha256}"),
        ]
        for e in action.evidence
    ]
    return simple_table(["File", "Size", "Uploaded by", "When", "SHA-256"], rows, caption="Evidence files")


def _fields(action: Action, ref: str) -> html.Div:
    rec = action.recommendation
    rag = action_rag(action.status, action.due_date, today())
    slipped = action.due_date != action.original_due_date
    facts = [
        ("Recommendation", f"{rec.ref}: {rec.text}"),
        ("Owner", action.owner.name if action.owner else "Unassigned"),
        ("Group", action.group.name if action.group else "–"),
        ("LPA", action.lpa or "Force-wide"),
        (
            "Due date",
            uk_date(action.due_date)
            + (f" (originally {uk_date(action.original_due_date)})" if slipped else ""),
        ),
        ("Status", STATUS_LABELS.get(str(action.status), str(action.status))),
    ]
    return html.Div(
        [
            html.H3(
                [
                    html.Span(ref, className="badge text-bg-secondary me-2"),
                    action.title,
                    html.Span(rag.title(), className=f"rag rag-{rag} ms-2"),
                ],
                className="h6",
            ),
            html.P(action.description, className="small") if action.description else None,
            html.Dl(
                [
                    item
                    for k, v in facts
                    for item in (html.Dt(k, className="col-sm-3"), html.Dd(v, className="col-sm-9"))
                ],
                className="row small mb-3",
            ),
        ]
    )


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("action-detail-id", "data"),
        Output("action-detail-body", "children"),
        Output("action-note-form", "hidden"),
        Output("action-note-heading", "children"),
        Output("action-evidence-form", "hidden"),
        Output("action-note-feedback", "children"),
        Output("action-note-text", "value"),
        Output("action-evidence-feedback", "children"),
        Input("actions-grid", "selectedRows"),
        Input("actions-changed", "data"),
        Input("action-note-save", "n_clicks"),
        Input("action-evidence-upload", "contents"),
        State("action-note-text", "value"),
        State("action-evidence-upload", "filename"),
        State("action-detail-id", "data"),
        permission=Permission.ACTIONS_READ,
    )
    def detail(
        selected: Any, changed: Any, _save: Any, contents: Any, note: Any, filename: Any, current: Any
    ) -> Any:
        principal = current_principal()
        session = db.session()
        trigger = ctx.triggered_id
        note_feedback: Any = no_update
        note_value: Any = no_update
        evidence_feedback: Any = no_update
        if trigger == "actions-grid":
            chosen = (selected or [None])[0]
            current = chosen.get("id") if isinstance(chosen, dict) else None
            note_feedback = evidence_feedback = None
        elif trigger == "actions-changed" and not _names(changed, current):
            return (no_update,) * 8
        if current is None:
            hint = "Select an action in the grid to see its details, update timeline and evidence."
            return None, html.P(hint, className="text-secondary mb-0"), True, no_update, True, None, "", None
        try:
            action_id = int(current)
            if trigger == "action-note-save":
                action_service.add_note(session, principal=principal, action_id=action_id, note=note or "")
                session.commit()
                note_feedback = dbc.Alert("Update added.", color="success", className="mb-0", duration=5000)
                note_value = ""
            elif trigger == "action-evidence-upload" and contents:
                evidence_feedback = _upload(session, principal, action_id, contents, filename)
            action = action_service.get(session, principal=principal, action_id=action_id)
        except (AccessDenied, action_service.NotFound) as exc:
            session.rollback()
            return None, dbc.Alert(str(exc), color="danger"), True, no_update, True, None, no_update, None
        except (action_service.ActionError, ValueError, TypeError) as exc:
            session.rollback()
            note_feedback = dbc.Alert(str(exc), color="danger", className="mb-0")
            action = action_service.get(session, principal=principal, action_id=int(current))
        ref = action_service.action_refs(session, [action])[action.id]
        editor = may_edit_action(principal, action)
        may_note = editor or principal.can(Permission.ACTIONS_COMMENT)
        body = html.Div(
            [
                _fields(action, ref),
                html.Div(
                    [html.H3("Slippage history", className="h6"), _slippage(action)],
                    id="action-slippage",
                    className="mb-3",
                ),
                dbc.Row(
                    [
                        dbc.Col([html.H3("Update timeline", className="h6"), _timeline(action)], lg=6),
                        dbc.Col([html.H3("Evidence", className="h6"), _evidence(action)], lg=6),
                    ],
                    className="g-4",
                ),
            ]
        )
        heading = "Add a progress update" if editor else "Add a comment"
        return (
            action.id,
            body,
            not may_note,
            heading,
            not editor,
            note_feedback,
            note_value,
            evidence_feedback,
        )


def _upload(session: Any, principal: Any, action_id: int, contents: str, filename: Any) -> dbc.Alert:
    config = current_app.config["PORTAL"]
    try:
        _, _, encoded = str(contents).partition(",")
        data = base64.b64decode(encoded, validate=True)
        evidence = evidence_service.add(
            session,
            principal=principal,
            action_id=action_id,
            file_name=str(filename or ""),
            data=data,
            upload_dir=config.upload_dir,
            limit_bytes=evidence_service.max_bytes(config.max_upload_mb),
        )
        session.commit()
    except (binascii.Error, evidence_service.EvidenceError) as exc:
        session.rollback()
        message = (
            str(exc) if isinstance(exc, evidence_service.EvidenceError) else "The file could not be read."
        )
        return dbc.Alert(f"Not attached: {message}", color="danger", className="mb-0")
    return dbc.Alert(
        f"Attached {evidence.file_name} ({_size(evidence.size_bytes)}).", color="success", className="mb-0"
    )
