"""QATT review counts and average grades, by LPA and month of review."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.catalogue import LPAS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import count, emit, month_of, months, present, rollup

GRADES = ("overall", "victim_focus", "suspect_management", "investigation_standards", "supervisor_review")


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    dims = {"lpa": LPAS, "month": months(frame, "review_date")}
    table = rollup(
        frame.with_columns(month_of(pl.col("review_date")).alias("month")),
        dims,
        [pl.len().alias("reviews"), *(pl.col(grade).mean().alias(grade) for grade in GRADES)],
    )
    values = [count("qatt_reviews", "reviews"), *(present(f"qatt_avg_{grade}", grade) for grade in GRADES)]
    return emit(table, list(dims), values)
