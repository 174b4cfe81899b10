"""Financial years, year-to-date windows and England and Wales working days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
import polars as pl


def financial_year_start(day: date) -> date:
    """1 April of the financial year (1 April to 31 March) that contains day."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def one_year_earlier(day: date) -> date:
    """The same day a year before; 29 February maps to 28 February."""
    if (day.month, day.day) == (2, 29):
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def ytd_window(as_of: date) -> tuple[date, date]:
    """From 1 April of the financial year containing as_of, to as_of inclusive."""
    return financial_year_start(as_of), as_of


def previous_year_window(as_of: date) -> tuple[date, date]:
    """The year-to-date window's days one year earlier."""
    start, end = ytd_window(as_of)
    return one_year_earlier(start), one_year_earlier(end)


@lru_cache(maxsize=32)
def bank_holidays(first_year: int, last_year: int) -> tuple[date, ...]:
    """England and Wales bank holidays (substitute days included) in the years given."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return tuple(sorted(calendar))


def working_days_after(start: pl.Expr, end: date, *, earliest: date) -> pl.Expr:
    """Working days after each start date up to and including end.

    earliest bounds the start dates, so that only the bank holidays needed are generated.
    """
    return pl.business_day_count(
        start + timedelta(days=1),
        pl.lit(end + timedelta(days=1)),
        holidays=bank_holidays(min(earliest, end).year, end.year + 1),
    )
