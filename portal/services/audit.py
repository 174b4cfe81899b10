"""Writes audit events in the caller's transaction; the log is append-only."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, request
from sqlalchemy.orm import Session

from portal.access.principal import Principal
from portal.models import AuditEvent


def record(
    session: Session,
    *,
    actor: Principal | None,
    event: str,
    entity_type: str | None = None,
    entity_id: object = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_email: str | None = None,
) -> AuditEvent:
    ip = request_id = None
    if has_request_context():
        ip = request.remote_addr
        request_id = g.get("request_id")
    entry = AuditEvent(
        actor_id=actor.user_id if actor else None,
        actor_email=actor.email if actor else actor_email,
        event=event,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
        ip=ip,
        request_id=request_id,
    )
    session.add(entry)
    return entry
