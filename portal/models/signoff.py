"""Sign-off of an action: propose -> validate (silver) -> approve (gold) -> verify (executive), or return."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base
from portal.models._types import UTCDateTime, str_enum
from portal.models.programme import Action
from portal.models.users import User


class SignOffStep(enum.StrEnum):
    PROPOSED = "proposed"
    VALIDATED = "validated"
    APPROVED = "approved"
    VERIFIED = "verified"
    RETURNED = "returned"


class SignOff(Base):
    __tablename__ = "action_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    step: Mapped[SignOffStep] = mapped_column(str_enum(SignOffStep, "signoff_step"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    action: Mapped[Action] = relationship()
    actor: Mapped[User | None] = relationship()
