"""Figures entered by hand: one value per row, for an LPA or (lpa blank) the force."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.catalogue import ALL
from portal.metrics.config import EngineConfig


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    return frame.select(
        pl.col("metric_key").alias("key"),
        pl.struct(pl.col("lpa").fill_null(ALL)).struct.json_encode().alias("dims"),
        pl.col("value").cast(pl.Float64),
        pl.lit(None, pl.Float64).alias("numerator"),
        pl.lit(None, pl.Float64).alias("denominator"),
    )
