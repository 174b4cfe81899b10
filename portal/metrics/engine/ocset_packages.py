"""OCSET packages in development or awaiting enforcement: counts, oldest, over timescale."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.catalogue import OCSET_COUNTED_STAGES, OCSET_RISKS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import age_days, count, emit, present, rollup

AWAITING_ENFORCEMENT = "awaiting_enforcement"


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    age = age_days(pl.col("received_date"), as_of)
    counted = frame.filter(pl.col("stage").is_in(OCSET_COUNTED_STAGES)).with_columns(age.alias("age"))
    packages = rollup(
        counted,
        {"stage": OCSET_COUNTED_STAGES, "risk": OCSET_RISKS},
        [pl.len().alias("packages"), pl.col("age").max().alias("oldest")],
    )
    timescale = pl.col("risk").replace_strict(dict(config.ocset_timescales), return_dtype=pl.Int64)
    overdue = rollup(
        counted.filter(pl.col("stage") == AWAITING_ENFORCEMENT),
        {"risk": OCSET_RISKS},
        [(pl.col("age") > timescale).sum().alias("over")],
    ).with_columns(pl.lit(AWAITING_ENFORCEMENT).alias("stage"))
    return pl.concat(
        [
            emit(
                packages,
                ["stage", "risk"],
                [count("ocset_packages", "packages"), present("ocset_oldest_days", "oldest")],
            ),
            emit(overdue, ["stage", "risk"], [count("ocset_over_timescale", "over")]),
        ]
    )
