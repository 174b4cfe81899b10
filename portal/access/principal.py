"""The signed-in person as access decisions see them, rebuilt from the database on every request."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context
from flask_login import current_user

from portal.access.permissions import Permission, permissions_for
from portal.models.users import ROLE_LABELS, Role, ScopeKind, User


class AccessDenied(Exception):
    """The principal may not do this; surfaces as HTTP 403."""


class NotSignedIn(Exception):
    """No principal; surfaces as HTTP 401 or a redirect to the login page."""


@dataclass(frozen=True)
class Principal:
    user_id: int
    email: str
    name: str
    role: Role
    permissions: frozenset[Permission]
    causes: frozenset[str]  # cause codes (gold)
    recommendations: frozenset[str]  # "INV-4" (silver)
    lpa: str | None  # own LPA (lpa role)
    session_epoch: int = 0
    via_token: bool = False

    # Flask-Login's user protocol.
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.user_id}:{self.session_epoch}"

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def sees_all_detail(self) -> bool:
        """Roles whose detail view is force-wide (DESIGN.md: admin, executive, OPCC)."""
        return self.role in {Role.ADMIN, Role.EXECUTIVE, Role.OPCC}

    @classmethod
    def from_user(cls, user: User, *, via_token: bool = False) -> Principal:
        scopes = {(s.kind, s.value) for s in user.scopes}
        lpas = sorted(v for k, v in scopes if k == ScopeKind.LPA)
        return cls(
            user_id=user.id,
            email=user.email,
            name=user.name,
            role=user.role,
            permissions=permissions_for(user.role),
            causes=frozenset(v for k, v in scopes if k == ScopeKind.CAUSE),
            recommendations=frozenset(v for k, v in scopes if k == ScopeKind.RECOMMENDATION),
            lpa=lpas[0] if lpas and user.role == Role.LPA else None,
            session_epoch=user.session_epoch,
            via_token=via_token,
        )


def current_principal_or_none() -> Principal | None:
    if not has_request_context():
        return None
    token_principal = g.get("token_principal")
    if token_principal is not None:
        return token_principal
    user = current_user
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user  # type: ignore[return-value]


def current_principal() -> Principal:
    principal = current_principal_or_none()
    if principal is None:
        raise NotSignedIn()
    return principal


def require(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise AccessDenied(f"{principal.role} may not {permission}")
