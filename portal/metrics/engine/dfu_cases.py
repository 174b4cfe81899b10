"""The digital forensics unit's unallocated queue and cases received by month."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import age_days, count, emit, month_of, months, present, rollup


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    unallocated = pl.col("status") == "unallocated"
    queue = rollup(
        frame,
        {},
        [
            unallocated.sum().alias("unallocated"),
            age_days(pl.col("received_date"), as_of).filter(unallocated).max().alias("oldest"),
        ],
    )
    dims = {"month": months(frame, "received_date")}
    received = rollup(
        frame.with_columns(month_of(pl.col("received_date")).alias("month")),
        dims,
        [pl.len().alias("received")],
    )
    return pl.concat(
        [
            emit(
                queue,
                [],
                [count("dfu_unallocated", "unallocated"), present("dfu_oldest_unallocated_days", "oldest")],
            ),
            emit(received, ["month"], [count("dfu_cases_received", "received")]),
        ]
    )
