"""Writes audit events in the caller's transaction; the log is append-only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.access.permissions import Permission
from portal.access.principal import Principal, require
from portal.clock import LONDON
from portal.logging_setup import current_request_id
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
    ip = None
    # The web request's id, or inside a Celery task the id of the request that enqueued it.
    request_id = current_request_id()
    if has_request_context():
        ip = request.remote_addr
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


PAGE_SIZE = 25


def search(
    session: Session,
    *,
    principal: Principal,
    actor: str | None = None,
    event_prefix: str | None = None,
    entity_type: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> tuple[list[AuditEvent], int]:
    """One page of the log, newest first, filtered by who, what and when; and the total matching."""
    require(principal, Permission.AUDIT_READ)
    query = select(AuditEvent)
    if actor and actor.strip():
        query = query.where(
            func.lower(AuditEvent.actor_email).contains(actor.strip().lower(), autoescape=True)
        )
    if event_prefix and event_prefix.strip():
        query = query.where(AuditEvent.event.startswith(event_prefix.strip(), autoescape=True))
    if entity_type and entity_type.strip():
        query = query.where(AuditEvent.entity_type == entity_type.strip())
    if date_from:
        query = query.where(AuditEvent.at >= datetime.combine(date_from, time.min, tzinfo=LONDON))
    if date_to:
        query = query.where(
            AuditEvent.at < datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=LONDON)
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, page)
    rows = session.scalars(
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(rows), total


def facets(session: Session, *, principal: Principal) -> tuple[list[str], list[str]]:
    """The event families ("user", "action") and entity types present in the log, for filter choices."""
    require(principal, Permission.AUDIT_READ)
    events = session.scalars(select(AuditEvent.event).distinct()).all()
    types = session.scalars(
        select(AuditEvent.entity_type).where(AuditEvent.entity_type.is_not(None)).distinct()
    )
    return sorted({e.split(".")[0] for e in events}), sorted(set(types))
