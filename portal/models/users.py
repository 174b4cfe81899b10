"""People who sign in, their role, the scopes that narrow it, API tokens and failed sign-ins."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base
from portal.models._types import UTCDateTime, str_enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    EXECUTIVE = "executive"
    GOLD = "gold"
    SILVER = "silver"
    LPA = "lpa"
    OPCC = "opcc"
    ANALYST = "analyst"


ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.EXECUTIVE: "Executive",
    Role.GOLD: "Gold group lead",
    Role.SILVER: "Silver group lead",
    Role.LPA: "LPA lead",
    Role.OPCC: "OPCC",
    Role.ANALYST: "Analyst",
}


class ScopeKind(enum.StrEnum):
    CAUSE = "cause"  # a Cause of Concern code, for gold leads
    RECOMMENDATION = "recommendation"  # "INV-4": cause code and number, for silver leads
    LPA = "lpa"  # one Local Policing Area, for LPA leads


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    is_service: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # weekly gold digest
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Bumped when the password changes or the user is deactivated: older sessions stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)

    scopes: Mapped[list[UserScope]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserScope.id"
    )

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class UserScope(Base):
    __tablename__ = "user_scopes"
    __table_args__ = (UniqueConstraint("user_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ScopeKind] = mapped_column(str_enum(ScopeKind, "scope_kind"))
    value: Mapped[str] = mapped_column(String(64))

    user: Mapped[User] = relationship(back_populates="scopes")


class LoginFailure(Base):
    """One refused sign-in against an existing account; the lockout counts these."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiToken(Base):
    """A bearer token for BI tools; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
