"""Financial years, year-to-date windows and working days."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from portal.metrics.calendar import (
    bank_holidays,
    financial_year_start,
    one_year_earlier,
    previous_year_window,
    working_days_after,
    ytd_window,
)


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2024, 3, 31), date(2023, 4, 1)),
        (date(2024, 4, 1), date(2024, 4, 1)),
        (date(2024, 1, 1), date(2023, 4, 1)),
        (date(2023, 12, 31), date(2023, 4, 1)),
        (date(2024, 2, 29), date(2023, 4, 1)),
    ],
)
def test_financial_year_starts_on_1_april(day: date, start: date) -> None:
    assert financial_year_start(day) == start


def test_ytd_window_runs_from_1_april_to_the_as_of_date() -> None:
    assert ytd_window(date(2024, 2, 25)) == (date(2023, 4, 1), date(2024, 2, 25))
    assert ytd_window(date(2024, 4, 1)) == (date(2024, 4, 1), date(2024, 4, 1))


def test_previous_year_window_is_the_same_days_a_year_earlier() -> None:
    assert previous_year_window(date(2024, 2, 25)) == (date(2022, 4, 1), date(2023, 2, 25))


def test_29_february_maps_to_28_february() -> None:
    assert one_year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)
    assert previous_year_window(date(2024, 2, 29)) == (date(2022, 4, 1), date(2023, 2, 28))
    assert one_year_earlier(date(2024, 3, 1)) == date(2023, 3, 1)


def _working_days(start: date, end: date) -> int:
    frame = pl.DataFrame({"start": [start]})
    return frame.select(working_days_after(pl.col("start"), end, earliest=start)).item()


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2024, 2, 1), date(2024, 2, 1), 0),  # the same day: nothing after it yet
        (date(2024, 2, 1), date(2024, 2, 2), 1),  # Thursday to Friday
        (date(2024, 2, 2), date(2024, 2, 5), 1),  # over a weekend
        (date(2024, 2, 3), date(2024, 2, 4), 0),  # Saturday to Sunday
        (date(2023, 5, 5), date(2023, 5, 9), 1),  # Coronation bank holiday, Monday 8 May 2023
        (date(2023, 12, 22), date(2024, 1, 2), 4),  # Christmas, Boxing Day, New Year's Day
        (date(2022, 12, 23), date(2022, 12, 28), 1),  # substitute days 26 and 27 December 2022
        (date(2022, 9, 16), date(2022, 9, 20), 1),  # State Funeral, Monday 19 September 2022
        (date(2024, 3, 28), date(2024, 4, 2), 1),  # Good Friday and Easter Monday
    ],
)
def test_working_days_after_exclude_weekends_and_bank_holidays(start: date, end: date, days: int) -> None:
    assert _working_days(start, end) == days


def test_bank_holidays_are_england_and_wales() -> None:
    days = bank_holidays(2023, 2023)
    assert date(2023, 5, 8) in days  # Coronation
    assert date(2023, 3, 17) not in days  # St Patrick's Day is Northern Ireland only
    assert date(2023, 1, 2) in days  # New Year's Day substitute
