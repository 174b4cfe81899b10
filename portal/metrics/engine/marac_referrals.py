"""MARAC referrals awaiting a conference, their waits, and referrals received, by LPA."""

from __future__ import annotations

from datetime import date

import polars as pl

from portal.metrics.calendar import working_days_after
from portal.metrics.catalogue import LPAS
from portal.metrics.config import EngineConfig
from portal.metrics.engine.rollup import age_days, count, emit, month_of, months, present, rollup


def compute(frame: pl.DataFrame, as_of: date, config: EngineConfig) -> pl.DataFrame:
    referred = pl.col("referral_date")
    awaiting = pl.col("status") == "awaiting"
    earliest = frame.get_column("referral_date").min() or as_of
    waits = rollup(
        frame.with_columns(working_days_after(referred, as_of, earliest=earliest).alias("wait")),
        {"lpa": LPAS},
        [
            awaiting.sum().alias("awaiting"),
            pl.col("wait").filter(awaiting).max().alias("longest"),
            (awaiting & (age_days(referred, as_of) > config.marac_over_days)).sum().alias("over"),
        ],
    )
    received_dims = {"lpa": LPAS, "month": months(frame, "referral_date")}
    received = rollup(
        frame.with_columns(month_of(referred).alias("month")), received_dims, [pl.len().alias("received")]
    )
    return pl.concat(
        [
            emit(
                waits,
                ["lpa"],
                [
                    count("marac_cases_awaiting", "awaiting"),
                    present("marac_max_wait_working_days", "longest"),
                    count("marac_awaiting_over_28_days", "over"),
                ],
            ),
            emit(received, list(received_dims), [count("marac_referrals_received", "received")]),
        ]
    )
