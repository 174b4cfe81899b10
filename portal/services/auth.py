"""Sign-in decisions: password check, the per-account lockout, and their audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portal.models import LoginFailure, User
from portal.passwords import Hasher
from portal.services import audit
from portal.services.users import get_by_email

REFUSED = (
    "The email or password is not right, or the account cannot sign in just now. "
    "Try again, or wait 15 minutes if you have tried several times."
)


@dataclass(frozen=True)
class SignIn:
    user: User | None
    # Why it was refused, for the audit log only; the person signing in always sees REFUSED.
    reason: str | None = None


def authenticate(
    session: Session,
    *,
    hasher: Hasher,
    email: str,
    password: str,
    now: datetime,
    max_attempts: int = 5,
    window: timedelta = timedelta(minutes=15),
) -> SignIn:
    user = get_by_email(session, email=email)
    if user is None or user.is_service:
        hasher.verify(None, password)  # same cost whether or not the account exists
        audit.record(
            session,
            actor=None,
            actor_email=email.strip().lower()[:254],
            event="auth.failed",
            after={"reason": "unknown account"},
        )
        return SignIn(None, "unknown account")
    if user.locked_until is not None and user.locked_until > now:
        hasher.verify(None, password)
        audit.record(
            session,
            actor=None,
            actor_email=user.email,
            event="auth.refused_locked",
            entity_type="user",
            entity_id=user.id,
        )
        return SignIn(None, "locked")
    if not hasher.verify(user.password_hash, password):
        session.add(LoginFailure(user_id=user.id, at=now))
        session.flush()
        recent = session.scalar(
            select(func.count())
            .select_from(LoginFailure)
            .where(LoginFailure.user_id == user.id, LoginFailure.at > now - window)
        )
        audit.record(
            session,
            actor=None,
            actor_email=user.email,
            event="auth.failed",
            entity_type="user",
            entity_id=user.id,
            after={"recent_failures": recent},
        )
        if recent >= max_attempts:
            user.locked_until = now + window
            audit.record(
                session,
                actor=None,
                actor_email=user.email,
                event="auth.lockout",
                entity_type="user",
                entity_id=user.id,
                after={"locked_until": user.locked_until.isoformat()},
            )
        return SignIn(None, "wrong password")
    if not user.is_active:
        audit.record(
            session,
            actor=None,
            actor_email=user.email,
            event="auth.refused_inactive",
            entity_type="user",
            entity_id=user.id,
        )
        return SignIn(None, "inactive")
    session.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
    user.locked_until = None
    user.last_login_at = now
    audit.record(
        session, actor=None, actor_email=user.email, event="auth.login", entity_type="user", entity_id=user.id
    )
    return SignIn(user)
