"""Open investigations, their age, supervisor reviews and investigation plans, by LPA."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.catalogue import LPAS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import age_days, count, emit, ratio, rollup


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    is_open = pl.col("status") == "open"
    over = is_open & (age_days(pl.col("recorded_date"), as_of) > config.investigation_over_days)
    table = rollup(
        frame,
        {"lpa": LPAS},
        [
            is_open.sum().alias("open"),
            over.sum().alias("over"),
            (over & (pl.col("supervisor_reviews") >= 1)).sum().alias("reviewed"),
            (is_open & pl.col("plan_completed")).sum().alias("planned"),
        ],
    )
    values = [
        count("investigations_open", "open"),
        count("investigations_open_over_28d", "over"),
        ratio("supervisor_review_pct", "reviewed", "over"),
        ratio("investigation_plan_pct", "planned", "open"),
    ]
    return emit(table, ["lpa"], values)
