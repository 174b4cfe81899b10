"""Recorded crime and positive outcomes, year to date, by LPA and crime class."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.calendar import previous_year_window, ytd_window
from portal.metrics.catalogue import CRIME_CLASSES, LPAS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import change, count, emit, ratio, rollup

DIMS = {"lpa": LPAS, "crime_class": CRIME_CLASSES}


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    start, end = ytd_window(as_of)
    previous_start, previous_end = previous_year_window(as_of)
    recorded = pl.col("recorded_date")
    positive = pl.col("outcome_type").is_in(sorted(config.positive_set))
    table = rollup(
        frame,
        DIMS,
        [
            recorded.is_between(start, end).sum().alias("ytd"),
            recorded.is_between(previous_start, previous_end).sum().alias("previous"),
            (pl.col("outcome_date").is_between(start, end) & positive).sum().alias("positive"),
        ],
    )
    values = [
        count("recorded_crime_ytd", "ytd"),
        count("positive_outcomes_ytd", "positive"),
        ratio("positive_outcome_rate_ytd", "positive", "ytd"),
    ]
    # A change on last year needs a file that reaches back to the start of last year's window.
    earliest = frame.get_column("recorded_date").min()
    if earliest is not None and earliest <= previous_start:
        values.insert(1, change("recorded_crime_ytd_change_pct", "ytd", "previous"))
    return emit(table, list(DIMS), values)
