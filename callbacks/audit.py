"""Audit page callbacks: filter choices and one page of the log, before and after shown side by side."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, ctx, html

from layouts.components import empty_state, simple_table
from portal import db
from portal.access import Permission, current_principal, guarded_callback
from portal.formatting import parse_date, uk_datetime
from portal.models import AuditEvent
from portal.services import audit as audit_service

MAX_VALUE = 200


def _value(value: object) -> str:
    if value is None:
        return "–"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _diff(event: AuditEvent) -> object:
    before, after = event.before or {}, event.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    if not keys:
        return html.Span("–", className="text-secondary")
    items: list[object] = []
    for key in keys:
        items.append(html.Dt(key.replace("_", " ")))
        if key in before and key in after:
            items.append(html.Dd([html.Del(_value(before[key])), " → ", html.Ins(_value(after[key]))]))
        elif key in before:
            items.append(html.Dd([html.Span("was "), html.Del(_value(before[key]))]))
        else:
            items.append(html.Dd(html.Ins(_value(after[key]))))
    return html.Dl(items, className="audit-diff")


def _date(raw: object) -> date | None:
    """Raises ValueError for text that is not a date."""
    return parse_date(raw) if isinstance(raw, str) else None


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("audit-event", "options"),
        Output("audit-entity", "options"),
        Input("url", "pathname"),
        permission=Permission.AUDIT_READ,
    )
    def facets(_pathname: str | None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        families, types = audit_service.facets(db.session(), principal=current_principal())
        return (
            [{"label": "Any event", "value": ""}] + [{"label": f"{f}.*", "value": f"{f}."} for f in families],
            [{"label": "Any entity", "value": ""}]
            + [{"label": t.replace("_", " ").capitalize(), "value": t} for t in types],
        )

    @guarded_callback(
        app,
        Output("audit-table", "children"),
        Output("audit-count", "children"),
        Output("audit-page", "max_value"),
        Output("audit-page", "active_page"),
        Input("audit-actor", "value"),
        Input("audit-event", "value"),
        Input("audit-entity", "value"),
        Input("audit-from", "value"),
        Input("audit-to", "value"),
        Input("audit-page", "active_page"),
        permission=Permission.AUDIT_READ,
    )
    def events(
        actor: str | None, event: str | None, entity: str | None, start: Any, end: Any, page: Any
    ) -> tuple[object, str, int, int]:
        try:
            date_from, date_to = _date(start), _date(end)
        except ValueError:
            return dbc.Alert("Write dates as 27/02/2024.", color="warning"), "", 1, 1
        page = page if isinstance(page, int) and page > 0 and ctx.triggered_id == "audit-page" else 1
        if date_from and date_to and date_from > date_to:
            alert = dbc.Alert("The “from” date is after the “to” date.", color="warning")
            return alert, "", 1, 1
        rows, total = audit_service.search(
            db.session(),
            principal=current_principal(),
            actor=actor if isinstance(actor, str) else None,
            event_prefix=event if isinstance(event, str) else None,
            entity_type=entity if isinstance(entity, str) else None,
            date_from=date_from,
            date_to=date_to,
            page=page,
        )
        pages = max(1, -(-total // audit_service.PAGE_SIZE))
        if not rows:
            return (
                empty_state("No audit events match.", "Clear a filter or widen the dates."),
                "0 events",
                1,
                1,
            )
        first = (page - 1) * audit_service.PAGE_SIZE + 1
        count = f"{total:,} events · showing {first:,}–{first + len(rows) - 1:,}, newest first"
        table = simple_table(
            ["When", "Who", "Event", "Entity", "Before → after"],
            [
                [
                    uk_datetime(e.at),
                    e.actor_email or "Portal (system)",
                    html.Code(e.event),
                    f"{e.entity_type} {e.entity_id}"
                    if e.entity_type and e.entity_id
                    else e.entity_type or "–",
                    _diff(e),
                ]
                for e in rows
            ],
            caption="Audit events",
        )
        return table, count, pages, page
