"""Outcome reviews that turned an NFA outcome into a positive one, by team."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import count, emit, rollup


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    window_start = as_of - timedelta(days=config.outcome_change_window_days - 1)
    nfa_to_positive = pl.col("old_outcome_type").is_in(sorted(config.nfa_set)) & pl.col(
        "new_outcome_type"
    ).is_in(sorted(config.positive_set))
    teams = frame.get_column("team").unique().sort().to_list()
    table = rollup(
        frame,
        {"team": teams},
        [
            (nfa_to_positive & pl.col("change_date").is_between(window_start, as_of)).sum().alias("window"),
            nfa_to_positive.sum().alias("total"),
        ],
    )
    values = [count("outcomes_nfa_to_positive", "window"), count("outcomes_nfa_to_positive_total", "total")]
    return emit(table, ["team"], values)
