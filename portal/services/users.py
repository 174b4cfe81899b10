"""Users: create, list, change role and scopes, deactivate, set passwords — each change audited."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.access import Permission, Principal, require
from portal.metrics.catalogue import LPAS
from portal.models import Cause, Recommendation, Role, ScopeKind, User, UserScope
from portal.passwords import Hasher, check_password_rules
from portal.services import audit

SCOPE_KIND_FOR_ROLE = {
    Role.GOLD: ScopeKind.CAUSE,
    Role.SILVER: ScopeKind.RECOMMENDATION,
    Role.LPA: ScopeKind.LPA,
}


class UserError(ValueError):
    """Bad input for a user change; the message is shown to the person who made it."""


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or len(email) > 254:
        raise UserError(f"{email!r} is not an email address.")
    return email


def get_by_email(session: Session, *, email: str) -> User | None:
    return session.scalar(
        select(User).options(selectinload(User.scopes)).where(User.email == email.strip().lower())
    )


def get(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id, options=[selectinload(User.scopes)])


def get_all(session: Session, *, actor: Principal | None) -> Sequence[User]:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    return session.scalars(select(User).options(selectinload(User.scopes)).order_by(User.email)).all()


def _validate_scopes(session: Session, role: Role, values: Iterable[str]) -> list[tuple[ScopeKind, str]]:
    values = [v.strip() for v in values if v and v.strip()]
    kind = SCOPE_KIND_FOR_ROLE.get(role)
    if kind is None:
        if values:
            raise UserError(f"The {role} role takes no scopes.")
        return []
    if not values:
        raise UserError(f"A {role} user needs at least one scope.")
    checked: list[tuple[ScopeKind, str]] = []
    for value in values:
        if kind == ScopeKind.CAUSE:
            code = value.upper()
            if session.scalar(select(Cause.id).where(Cause.code == code)) is None:
                raise UserError(f"There is no Cause of Concern {value!r}.")
            checked.append((kind, code))
        elif kind == ScopeKind.RECOMMENDATION:
            code, _, number = value.upper().rpartition("-")
            found = number.isdigit() and session.scalar(
                select(Recommendation.id)
                .join(Recommendation.cause)
                .where(Cause.code == code, Recommendation.number == int(number))
            )
            if not found:
                raise UserError(f"There is no recommendation {value!r} (write it as INV-4).")
            checked.append((kind, f"{code}-{int(number)}"))
        else:
            match = next((lpa for lpa in LPAS if lpa.lower() == value.lower()), None)
            if match is None:
                raise UserError(f"{value!r} is not an LPA; choose one of {', '.join(LPAS)}.")
            checked.append((kind, match))
    if kind == ScopeKind.LPA and len(set(checked)) > 1:
        raise UserError("An LPA lead has exactly one LPA.")
    return sorted(set(checked))


def _snapshot(user: User) -> dict[str, object]:
    return {
        "email": user.email,
        "name": user.name,
        "role": str(user.role),
        "active": user.is_active,
        "scopes": sorted(f"{s.kind}:{s.value}" for s in user.scopes),
    }


def create(
    session: Session,
    *,
    actor: Principal | None,
    hasher: Hasher,
    email: str,
    name: str,
    role: Role | str,
    password: str | None,
    scopes: Iterable[str] = (),
    job_title: str | None = None,
    is_demo: bool = False,
    check_rules: bool = True,
) -> User:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    email = normalise_email(email)
    try:
        role = Role(role)
    except ValueError as exc:
        raise UserError(f"{role!r} is not a role; choose one of {', '.join(r.value for r in Role)}.") from exc
    if not name.strip():
        raise UserError("Give the user's name.")
    if session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise UserError(f"There is already a user {email}.")
    checked = _validate_scopes(session, role, scopes)
    if password is not None and check_rules:
        check_password_rules(password, email=email)
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        job_title=job_title,
        password_hash=hasher.hash(password) if password is not None else None,
        is_demo=is_demo,
        scopes=[UserScope(kind=k, value=v) for k, v in checked],
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="user.create",
        entity_type="user",
        entity_id=user.id,
        after=_snapshot(user),
    )
    return user


def set_role(
    session: Session, *, actor: Principal | None, user: User, role: Role | str, scopes: Iterable[str]
) -> User:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    before = _snapshot(user)
    role = Role(role)
    checked = _validate_scopes(session, role, scopes)
    user.role = role
    user.scopes = [UserScope(kind=k, value=v) for k, v in checked]
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="user.role",
        entity_type="user",
        entity_id=user.id,
        before=before,
        after=_snapshot(user),
    )
    return user


def deactivate(session: Session, *, actor: Principal | None, user: User) -> User:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
        if actor.user_id == user.id:
            raise UserError("You cannot deactivate your own account.")
    before = _snapshot(user)
    user.is_active = False
    user.session_epoch += 1  # live sessions end on their next request
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="user.deactivate",
        entity_type="user",
        entity_id=user.id,
        before=before,
        after=_snapshot(user),
    )
    return user


def reactivate(session: Session, *, actor: Principal | None, user: User) -> User:
    if actor is not None:
        require(actor, Permission.USERS_MANAGE)
    before = _snapshot(user)
    user.is_active = True
    user.locked_until = None
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="user.reactivate",
        entity_type="user",
        entity_id=user.id,
        before=before,
        after=_snapshot(user),
    )
    return user


def set_password(
    session: Session, *, actor: Principal | None, hasher: Hasher, user: User, password: str
) -> User:
    if actor is not None and actor.user_id != user.id:
        require(actor, Permission.USERS_MANAGE)
    check_password_rules(password, email=user.email)
    user.password_hash = hasher.hash(password)
    user.session_epoch += 1
    user.locked_until = None
    session.flush()
    audit.record(session, actor=actor, event="user.password", entity_type="user", entity_id=user.id)
    return user


def reset_password(session: Session, *, actor: Principal, hasher: Hasher, user: User) -> str:
    """Give the user a new one-time password (shown once to the administrator); live sessions end."""
    require(actor, Permission.USERS_MANAGE)
    password = secrets.token_urlsafe(12)
    set_password(session, actor=actor, hasher=hasher, user=user, password=password)
    return password
