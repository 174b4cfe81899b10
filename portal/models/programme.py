"""The improvement programme: Causes of Concern, recommendations, actions, updates and evidence."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base
from portal.models._types import UTCDateTime, str_enum
from portal.models.governance import GovernanceGroup
from portal.models.users import User


class CauseStatus(enum.StrEnum):
    OPEN = "open"
    DISCHARGED = "discharged"


class RecommendationStatus(enum.StrEnum):
    """HMICFRS's own register vocabulary."""

    AWAITING_REVIEW = "awaiting_review"
    BEING_PROGRESSED = "being_progressed"
    COMPLETE = "complete"
    NO_FURTHER_ACTION = "no_further_action"


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    COMPLETE_PROPOSED = "complete_proposed"
    COMPLETE = "complete"
    VERIFIED = "verified"


DONE_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.VERIFIED})


class Cause(Base):
    __tablename__ = "causes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[date] = mapped_column(Date)
    status: Mapped[CauseStatus] = mapped_column(
        str_enum(CauseStatus, "cause_status"), default=CauseStatus.OPEN
    )
    gold_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_groups.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    gold_group: Mapped[GovernanceGroup | None] = relationship()
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="cause", order_by="Recommendation.number"
    )


class Recommendation(Base):
    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("cause_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cause_id: Mapped[int] = mapped_column(ForeignKey("causes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    deadline_text: Mapped[str] = mapped_column(String(60))
    deadline: Mapped[date | None] = mapped_column(Date)
    silver_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_groups.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[RecommendationStatus] = mapped_column(
        str_enum(RecommendationStatus, "recommendation_status"),
        default=RecommendationStatus.AWAITING_REVIEW,
    )
    theme: Mapped[str | None] = mapped_column(String(80))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cause: Mapped[Cause] = relationship(back_populates="recommendations")
    silver_group: Mapped[GovernanceGroup | None] = relationship()
    actions: Mapped[list[Action]] = relationship(back_populates="recommendation", order_by="Action.id")

    @property
    def ref(self) -> str:
        """The scope value naming this recommendation, e.g. "INV-4"."""
        return f"{self.cause.code}-{self.number}"


class Action(Base):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(240))
    description: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_groups.id", ondelete="SET NULL"), index=True
    )
    lpa: Mapped[str | None] = mapped_column(String(40), index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    original_due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED, index=True
    )
    completed_on: Mapped[date | None] = mapped_column(Date)
    last_reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    recommendation: Mapped[Recommendation] = relationship(back_populates="actions")
    owner: Mapped[User | None] = relationship()
    group: Mapped[GovernanceGroup | None] = relationship()
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", order_by="ActionUpdate.created_at.desc()"
    )
    evidence: Mapped[list[Evidence]] = relationship(back_populates="action", order_by="Evidence.uploaded_at")


class ActionUpdate(Base):
    """A dated progress note; carries the status change and any due-date change with its reason."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    status_from: Mapped[ActionStatus | None] = mapped_column(str_enum(ActionStatus, "action_status"))
    status_to: Mapped[ActionStatus | None] = mapped_column(str_enum(ActionStatus, "action_status"))
    due_from: Mapped[date | None] = mapped_column(Date)
    due_to: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()


class Evidence(Base):
    """A file attached to an action; stored on disk under a generated name with its SHA-256."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(ForeignKey("action_updates.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    action: Mapped[Action] = relationship(back_populates="evidence")
    uploaded_by: Mapped[User | None] = relationship()
