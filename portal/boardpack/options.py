"""The pack's title block (meeting, meeting date, presenter): defaults and validation of what users type."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.formatting import parse_date

MEETING = "Strategic Policing and Crime Board"
PRESENTER = "DCC, chair of the HMICFRS Board"
MAX_TEXT = 150


@dataclass(frozen=True)
class TitleBlock:
    """What the title block says; no meeting date means the pack's as-of date (the default)."""

    meeting: str = MEETING
    presenter: str = PRESENTER
    meeting_date: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "presenter": self.presenter,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> TitleBlock:
        raw = raw or {}
        day = raw.get("meeting_date")
        return cls(
            raw.get("meeting") or MEETING,
            raw.get("presenter") or PRESENTER,
            date.fromisoformat(day) if day else None,
        )


def _text(value: object, label: str, default: str) -> str:
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        return default
    if len(text) > MAX_TEXT:
        raise ValueError(f"{label} must be at most {MAX_TEXT} characters ({len(text):,} given).")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise ValueError(f"{label} contains characters that cannot be printed.")
    return text


def title_block(
    *,
    as_of: date,
    meeting: str | None = None,
    meeting_date: str | date | None = None,
    presenter: str | None = None,
) -> TitleBlock:
    """Checked title block; ValueError with a message a user can act on when an entry is not acceptable."""
    day: date | None
    if isinstance(meeting_date, date):
        day = meeting_date
    else:
        try:
            day = parse_date(None if meeting_date is None else str(meeting_date))
        except ValueError:
            raise ValueError(
                f"Meeting date must be a date like 2024-02-27 or 27/02/2024, not {meeting_date!r}."
            ) from None
    if day is not None and day < as_of:
        raise ValueError(
            f"Meeting date {day:%d/%m/%Y} is before the figures' as-of date {as_of:%d/%m/%Y}: "
            "a board cannot meet before the figures it is shown."
        )
    return TitleBlock(_text(meeting, "Meeting", MEETING), _text(presenter, "Presenter", PRESENTER), day)
