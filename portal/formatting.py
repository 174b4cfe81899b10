"""UK formats for figures and dates, shared by pages, exports and the board pack."""

from __future__ import annotations

from datetime import date, datetime

from portal.clock import LONDON


def uk_date(value: date | datetime | None, *, short: bool = False) -> str:
    """27 February 2024 (or 27 Feb 2024); an empty string for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date() if value.tzinfo else value.date()
    return f"{value.day} {value.strftime('%b' if short else '%B')} {value.year}"


def uk_datetime(value: datetime | None) -> str:
    """27 February 2024, 14:05 in Europe/London time."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    return f"{uk_date(local)}, {local:%H:%M}"


def number(value: float | int | None, decimals: int = 0) -> str:
    """282,151 / 8.15 — thousands separators, fixed decimals, an en dash for no value."""
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}"


def percent(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{value:,.{decimals}f}%"


def parse_date(text: str | None) -> date | None:
    """A typed date: 27/02/2024 (day first) or 2024-02-27; None when blank, ValueError when not."""
    text = (text or "").strip()
    if not text:
        return None
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year + 2000 if year < 100 else year, month, day)
    return date.fromisoformat(text[:10])
