"""The portal's notion of "today" and "now", pinned by PORTAL_TODAY for the demo and tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """Timezone-aware current instant (audit times, sessions and lockouts use real time)."""
    return datetime.now(UTC)


def today(pinned: date | None = None) -> date:
    """The working date in Europe/London, or the pinned date when configured."""
    if pinned is not None:
        return pinned
    return datetime.now(LONDON).date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)
