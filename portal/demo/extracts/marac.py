"""MARAC referrals since April 2023: the Op Willowbay backlog and its reduction, LPA by LPA."""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl

from ._backlog import Checkpoint, resolve
from ._common import LPAS, Snapshot, is_working_day, rng_for, spread_days, uk_date, weekday_weight

FIRST_DAY = date(2023, 4, 1)
LAST_DAY = date(2024, 2, 20)
# Cases awaiting a MARAC by LPA (paragraph 33a), and the longest wait in working days on 1 Feb.
AWAITING: dict[date, dict[str, int]] = {
    date(2023, 10, 6): {
        "Birmingham": 285,
        "Coventry": 132,
        "Solihull": 26,
        "Sandwell": 90,
        "Dudley": 91,
        "Walsall": 28,
        "Wolverhampton": 116,
    },
    date(2024, 1, 4): {
        "Birmingham": 95,
        "Coventry": 20,
        "Solihull": 9,
        "Sandwell": 33,
        "Dudley": 4,
        "Walsall": 6,
        "Wolverhampton": 11,
    },
    date(2024, 2, 1): {
        "Birmingham": 65,
        "Coventry": 17,
        "Solihull": 3,
        "Sandwell": 30,
        "Dudley": 8,
        "Walsall": 13,
        "Wolverhampton": 8,
    },
}
MAX_WAIT_DAY = date(2024, 2, 1)
MAX_WAIT: dict[str, int] = {
    "Birmingham": 7,
    "Coventry": 13,
    "Solihull": 11,
    "Sandwell": 18,
    "Dudley": 13,
    "Walsall": 19,
    "Wolverhampton": 12,
}
REFERRALS_PER_DAY: dict[str, float] = {
    "Birmingham": 8.5,
    "Coventry": 2.6,
    "Dudley": 2.1,
    "Sandwell": 2.6,
    "Solihull": 1.1,
    "Walsall": 1.9,
    "Wolverhampton": 2.2,
}
# Interim checkpoints the paper does not state, as shares of the way from one stated date's
# figure to the next: the backlog builds up over the summer, Op Willowbay clears it from
# October, and the numbers then hold.
INTERIM: dict[date, tuple[date, date, float]] = {
    date(2023, 7, 3): (date(2023, 10, 6), date(2023, 10, 6), 0.40),
    date(2023, 8, 1): (date(2023, 10, 6), date(2023, 10, 6), 0.55),
    date(2023, 9, 1): (date(2023, 10, 6), date(2023, 10, 6), 0.75),
    date(2023, 11, 1): (date(2023, 10, 6), date(2024, 1, 4), 0.55),
    date(2023, 12, 1): (date(2023, 10, 6), date(2024, 1, 4), 0.85),
    LAST_DAY: (date(2024, 2, 1), date(2024, 2, 1), 0.95),
}
SNAPSHOT_DAYS = (
    date(2023, 7, 3),
    date(2023, 8, 1),
    date(2023, 9, 1),
    date(2023, 10, 6),
    date(2023, 11, 1),
    date(2023, 12, 1),
    date(2024, 1, 4),
    date(2024, 2, 1),
    LAST_DAY,
)


def referred_for_wait(as_of: date, working_days: int) -> date:
    """The working day from which exactly `working_days` working days have passed by as_of."""
    day, counted = as_of, 0
    while counted < working_days:
        counted += is_working_day(day)
        day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _awaiting(lpa: str) -> dict[date, int]:
    """The number awaiting a MARAC at each checkpoint: the paper's, and the interim ones."""
    waiting = {day: counts[lpa] for day, counts in AWAITING.items()}
    for day, (start, end, share) in INTERIM.items():
        if start == end:
            waiting[day] = round(waiting[start] * share)
        else:
            waiting[day] = round(waiting[start] + (waiting[end] - waiting[start]) * share)
    return dict(sorted(waiting.items()))


def _lpa_history(lpa: str, rng: random.Random) -> pl.DataFrame:
    total = round(REFERRALS_PER_DAY[lpa] * ((LAST_DAY - FIRST_DAY).days + 1))
    arrivals = spread_days(rng, FIRST_DAY, LAST_DAY, total, weekday_weight(0.3))
    anchor_day = referred_for_wait(MAX_WAIT_DAY, MAX_WAIT[lpa])
    arrivals.append(anchor_day)  # the referral that has waited longest on 1 February
    anchor = len(arrivals) - 1
    points = [
        Checkpoint(
            day,
            waiting,
            45.0 if day <= date(2023, 10, 6) else 4.0,
            floor=anchor_day if day == MAX_WAIT_DAY else None,
            forced=(anchor,) if anchor_day <= day <= MAX_WAIT_DAY else (),
        )
        for day, waiting in _awaiting(lpa).items()
    ]
    resolved = resolve(arrivals, points, rng=rng, settle_days=21, tail_days=18, weekdays=True)
    outcomes = []
    for arrived, done in zip(arrivals, resolved, strict=True):
        if (done - arrived).days <= 1:
            outcomes.append("rejected")  # screened out at triage
        else:
            outcomes.append("withdrawn" if rng.random() < 0.06 else "heard")
    n = len(arrivals)
    dash = [rng.randint(14, 27) if rng.random() < 0.88 else rng.randint(6, 13) for _ in range(n)]
    return pl.DataFrame(
        {
            "lpa": [lpa] * n,
            "referral_date": arrivals,
            "resolved": resolved,
            "outcome": outcomes,
            "dash_score": [None if rng.random() < 0.04 else d for d in dash],
            "repeat": [None if (r := rng.random()) < 0.05 else r < 0.33 for _ in range(n)],
        },
        schema_overrides={"dash_score": pl.Int32, "repeat": pl.Boolean},
    )


def history(*, seed: int) -> pl.DataFrame:
    rng = rng_for(seed, "marac")
    frame = pl.concat([_lpa_history(lpa, rng) for lpa in LPAS]).sort(
        "referral_date", "lpa", maintain_order=True
    )
    return frame.with_columns(
        referral_id=pl.format("MR-{}", pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(6))
    )


def snapshot_at(referrals: pl.DataFrame, as_of: date) -> pl.DataFrame:
    waiting = pl.col("resolved") > as_of
    return referrals.filter(pl.col("referral_date") <= as_of).select(
        "referral_id",
        "lpa",
        "referral_date",
        status=pl.when(waiting).then(pl.lit("awaiting")).otherwise("outcome"),
        marac_date=pl.when(~waiting & (pl.col("outcome") == "heard")).then("resolved"),
        dash_score="dash_score",
        repeat="repeat",
    )


def snapshots(*, seed: int) -> list[Snapshot]:
    referrals = history(seed=seed)
    return [
        Snapshot(day, snapshot_at(referrals, day), f"MARAC referrals snapshot, {uk_date(day)}")
        for day in SNAPSHOT_DAYS
    ]
