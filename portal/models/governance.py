"""The governance tree (gold and silver groups, boards) and the Engage timeline."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models._types import str_enum


class GroupKind(enum.StrEnum):
    BOARD = "board"
    GOLD = "gold"
    SILVER = "silver"
    OPERATIONAL = "operational"
    FORUM = "forum"


class GovernanceGroup(Base):
    __tablename__ = "governance_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[GroupKind] = mapped_column(str_enum(GroupKind, "group_kind"))
    chair: Mapped[str] = mapped_column(String(160))
    cadence: Mapped[str] = mapped_column(String(60))
    purpose: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_groups.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[GovernanceGroup | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[GovernanceGroup]] = relationship(
        back_populates="parent", order_by="GovernanceGroup.position"
    )


class MilestoneKind(enum.StrEnum):
    NOTICE = "notice"
    INSPECTION = "inspection"
    LETTER = "letter"
    SUBMISSION = "submission"
    MEETING = "meeting"
    REPORT = "report"


class Milestone(Base):
    """A dated event of the Engage timeline: notice, inspection, Engage letter, HMICFRS meetings."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[MilestoneKind] = mapped_column(str_enum(MilestoneKind, "milestone_kind"))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
