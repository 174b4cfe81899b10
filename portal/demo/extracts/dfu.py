"""Digital forensics unit queue since April 2023: rising demand, a shrinking unallocated backlog."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from ._backlog import Checkpoint, resolve
from ._common import Snapshot, rng_for, spread_days, uk_date, weekday_weight

LAST_DAY = date(2024, 2, 20)
# Cases received per month; 251 in January 2024 (paragraph 50b).
RECEIVED: dict[date, int] = {
    date(2023, 4, 1): 188,
    date(2023, 5, 1): 201,
    date(2023, 6, 1): 195,
    date(2023, 7, 1): 206,
    date(2023, 8, 1): 199,
    date(2023, 9, 1): 212,
    date(2023, 10, 1): 224,
    date(2023, 11, 1): 231,
    date(2023, 12, 1): 208,
    date(2024, 1, 1): 251,
    date(2024, 2, 1): 170,
}
# Unallocated cases: 110 in December, 89 now (paragraph 50a); the earlier two are the demo's.
UNALLOCATED: dict[date, int] = {
    date(2023, 6, 30): 162,
    date(2023, 9, 30): 138,
    date(2023, 12, 31): 110,
    LAST_DAY: 89,
}
CANCELLED_SHARE = 0.04


def _month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return min(LAST_DAY, following - timedelta(days=1))


def history(*, seed: int) -> pl.DataFrame:
    rng = rng_for(seed, "dfu")
    received = [
        day
        for month, n in RECEIVED.items()
        for day in spread_days(rng, month, _month_end(month), n, weekday_weight(0.1))
    ]
    points = [Checkpoint(day, n, jitter_days=50.0) for day, n in UNALLOCATED.items()]
    allocated = resolve(received, points, rng=rng, settle_days=12, tail_days=30, weekdays=True)
    n = len(received)
    cancelled = [rng.random() < CANCELLED_SHARE for _ in range(n)]
    started = [day + timedelta(days=rng.randint(1, 10)) for day in allocated]
    completed = [day + timedelta(days=rng.randint(10, 75)) for day in started]
    frame = pl.DataFrame(
        {
            "received_date": received,
            "allocated": allocated,
            "cancelled": cancelled,
            "started": started,
            "completed": completed,
        }
    )
    seq = pl.int_range(1, pl.len() + 1).over(pl.col("received_date").dt.year())
    return frame.with_columns(
        dfu_ref=pl.format(
            "DFU-{}-{}", pl.col("received_date").dt.strftime("%y"), seq.cast(pl.String).str.zfill(5)
        ),
    )


def snapshot_at(cases: pl.DataFrame, as_of: date) -> pl.DataFrame:
    waiting = pl.col("allocated") > as_of
    status = (
        pl.when(waiting)
        .then(pl.lit("unallocated"))
        .when("cancelled")
        .then(pl.lit("cancelled"))
        .when(pl.col("started") > as_of)
        .then(pl.lit("allocated"))
        .when(pl.col("completed") > as_of)
        .then(pl.lit("in_progress"))
        .otherwise(pl.lit("complete"))
    )
    return cases.filter(pl.col("received_date") <= as_of).select(
        "dfu_ref",
        "received_date",
        status=status,
        allocated_date=pl.when(~waiting & ~pl.col("cancelled")).then("allocated"),
    )


def snapshots(*, seed: int) -> list[Snapshot]:
    cases = history(seed=seed)
    return [
        Snapshot(day, snapshot_at(cases, day), f"Digital forensics queue, {uk_date(day)}")
        for day in UNALLOCATED
    ]
