"""Board packs: each generated Word pack kept frozen with the figures it used (what the board saw)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base
from portal.models._types import UTCDateTime, str_enum
from portal.models.users import User


class BoardPackStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


class BoardPack(Base):
    __tablename__ = "board_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, index=True)
    lpa: Mapped[str | None] = mapped_column(String(40))  # None: the force-wide pack
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[BoardPackStatus] = mapped_column(
        str_enum(BoardPackStatus, "board_pack_status"), default=BoardPackStatus.QUEUED, index=True
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    stage: Mapped[str | None] = mapped_column(String(80))
    file_name: Mapped[str | None] = mapped_column(String(255))
    stored_name: Mapped[str | None] = mapped_column(String(80))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    figures: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # each figure with its lineage
    # Meeting, meeting date and presenter asked for (portal/boardpack/options.py); None: the defaults.
    title_block: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    message: Mapped[str | None] = mapped_column(Text)
    generated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    generated_by: Mapped[User | None] = relationship()
