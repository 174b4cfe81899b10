"""Registered sex offenders managed in the community, workload and outstanding SOM demand, by LPA."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.catalogue import LPAS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import count, emit, ratio, rollup


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    active = pl.col("management") == "active"
    # 12 months after 29 February is 28 February (offsets by calendar month clamp to month end).
    arms_anniversary = pl.col("last_arms_date").dt.offset_by("12mo")
    table = rollup(
        frame.filter(~pl.col("in_custody")),
        {"lpa": LPAS},
        [
            pl.len().alias("caseload"),
            active.sum().alias("active"),
            pl.col("offender_manager").n_unique().alias("managers"),
            ((pl.col("initial_arms_due") < as_of) & pl.col("initial_arms_completed").is_null())
            .sum()
            .alias("initial_arms"),
            (arms_anniversary < as_of).sum().alias("arms_12m"),
            (pl.col("rmp_review_due") < as_of).sum().alias("rmp_reviews"),
            (active & (pl.col("next_visit_due") < as_of)).sum().alias("visits"),
        ],
    )
    values = [
        count("rso_caseload", "caseload"),
        ratio("rso_cases_per_manager", "active", "managers", scale=1.0),
        count("som_outstanding_initial_arms", "initial_arms"),
        count("som_outstanding_12m_arms", "arms_12m"),
        count("som_outstanding_rmp_reviews", "rmp_reviews"),
        count("som_outstanding_visits", "visits"),
    ]
    return emit(table, ["lpa"], values)
