"""Alerts: a metric outside its tolerance or an action overdue, and their acknowledgement."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base
from portal.models._types import UTCDateTime, str_enum
from portal.models.programme import Action
from portal.models.users import User


class AlertKind(enum.StrEnum):
    METRIC_BREACH = "metric_breach"
    ACTION_OVERDUE = "action_overdue"


class AlertStatus(enum.StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AlertKind] = mapped_column(str_enum(AlertKind, "alert_kind"))
    status: Mapped[AlertStatus] = mapped_column(
        str_enum(AlertStatus, "alert_status"), default=AlertStatus.OPEN, index=True
    )
    metric_key: Mapped[str | None] = mapped_column(String(64), index=True)
    lpa: Mapped[str | None] = mapped_column(String(40))
    dims: Mapped[str | None] = mapped_column(String(400))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    since: Mapped[date | None] = mapped_column(Date)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    message: Mapped[str] = mapped_column(Text)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    comment: Mapped[str | None] = mapped_column(Text)

    action: Mapped[Action | None] = relationship()
    acknowledged_by: Mapped[User | None] = relationship()
