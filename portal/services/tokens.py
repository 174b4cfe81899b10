"""API bearer tokens for BI tools: issued once, stored as SHA-256, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.access import Permission, Principal, require
from portal.models import ApiToken, User
from portal.services import audit

PREFIX = "eng_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(session: Session, *, actor: Principal | None, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the raw token, which is shown once and never stored."""
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip() or "API token", token_hash=_digest(raw))
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="token.create",
        entity_type="api_token",
        entity_id=token.id,
        after={"user": user.email, "name": token.name},
    )
    return token, raw


def revoke(session: Session, *, actor: Principal | None, token: ApiToken, now: datetime) -> None:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    token.revoked_at = now
    audit.record(session, actor=actor, event="token.revoke", entity_type="api_token", entity_id=token.id)


def resolve(session: Session, *, raw: str, now: datetime) -> User | None:
    """The active user behind a presented token, or None (unknown, revoked, or user deactivated)."""
    if not raw.startswith(PREFIX):
        return None
    token = session.scalar(
        select(ApiToken)
        .options(selectinload(ApiToken.user).selectinload(User.scopes))
        .where(ApiToken.token_hash == _digest(raw), ApiToken.revoked_at.is_(None))
    )
    if token is None or not token.user.is_active:
        return None
    token.last_used_at = now
    return token.user
