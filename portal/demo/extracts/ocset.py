"""OCSET packages since July 2022: the development and enforcement backlogs, then their reduction."""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl

from ._backlog import Checkpoint, resolve
from ._common import (
    LPA_WEIGHTS,
    Snapshot,
    random_day,
    rng_for,
    spread_days,
    uk_date,
    weekday_weight,
)

FIRST_DAY = date(2022, 7, 1)
LAST_DAY = date(2024, 2, 20)
RISKS = {"very_high": 0.04, "high": 0.18, "medium": 0.40, "standard": 0.38}
URGENCY = {"very_high": 30.0, "high": 10.0, "medium": 0.0, "standard": -5.0}  # days
ENFORCED_SHARE = 0.72  # the rest close at development (no offence, suspect not traced)
# day: (packages in intelligence development, awaiting enforcement). Paper paragraph 47:
# over 100 and over 80 at inspection, 32 and 13 now; interim months are the demo's.
BACKLOG: dict[date, tuple[int, int]] = {
    date(2022, 9, 1): (40, 24),
    date(2022, 10, 1): (46, 30),
    date(2022, 11, 1): (52, 36),
    date(2022, 12, 1): (60, 42),
    date(2023, 1, 1): (68, 48),
    date(2023, 2, 1): (76, 55),
    date(2023, 3, 1): (85, 62),
    date(2023, 4, 1): (93, 69),
    date(2023, 5, 1): (101, 76),
    date(2023, 6, 1): (108, 83),
    date(2023, 6, 15): (112, 87),
    date(2023, 7, 1): (105, 84),
    date(2023, 8, 1): (92, 71),
    date(2023, 9, 1): (79, 58),
    date(2023, 10, 1): (67, 45),
    date(2023, 11, 1): (56, 34),
    date(2023, 12, 1): (46, 25),
    date(2024, 1, 1): (38, 18),
    date(2024, 2, 1): (32, 13),
    LAST_DAY: (29, 10),
}
# On 20 February: no very high or high risk packages awaiting enforcement, 5 medium (oldest
# 7 days) and 5 standard (oldest 35 days), paragraph 48b.
AWAITING_NOW = {"medium": (5, 7), "standard": (5, 35)}
SNAPSHOT_DAYS = (
    date(2023, 6, 15),
    date(2023, 8, 1),
    date(2023, 10, 1),
    date(2023, 12, 1),
    date(2024, 1, 1),
    date(2024, 2, 1),
    LAST_DAY,
)


def _jitter(day: date) -> float:
    return 40.0 if day <= date(2023, 9, 1) else 10.0


def _now_awaiting(rng: random.Random) -> list[tuple[date, str]]:
    packages = []
    for risk, (count, oldest) in AWAITING_NOW.items():
        first = LAST_DAY - timedelta(days=oldest)
        packages.append((first, risk))
        packages += [(random_day(rng, first, LAST_DAY), risk) for _ in range(count - 1)]
    return packages


def history(*, seed: int) -> pl.DataFrame:
    rng = rng_for(seed, "ocset")
    received = spread_days(rng, FIRST_DAY, LAST_DAY, 1680, weekday_weight(0.2))
    risks = rng.choices(list(RISKS), weights=list(RISKS.values()), k=len(received))
    forced_start = len(received)
    for day, risk in _now_awaiting(rng):
        received.append(day)
        risks.append(risk)
    forced = tuple(range(forced_start, len(received)))
    forced_feb = tuple(i for i in forced if received[i] <= date(2024, 2, 1))
    develop = [
        Checkpoint(
            day,
            counts[0],
            _jitter(day),
            forced=forced_feb if day == date(2024, 2, 1) else (),
            barred=forced if day == LAST_DAY else (),
        )
        for day, counts in BACKLOG.items()
    ]
    urgency = [URGENCY[risk] for risk in risks]
    developed = resolve(
        received,
        develop,
        rng=rng,
        settle_days=20,
        tail_days=30,
        weekdays=True,
        urgency=[u / 2 for u in urgency],
    )
    enforce_path = [i in forced or rng.random() < ENFORCED_SHARE for i in range(len(received))]
    queue = [i for i, on_path in enumerate(enforce_path) if on_path]
    position = {i: k for k, i in enumerate(queue)}
    enforce = [
        Checkpoint(
            day, counts[1], _jitter(day), forced=tuple(position[i] for i in forced) if day == LAST_DAY else ()
        )
        for day, counts in BACKLOG.items()
    ]
    enforced = resolve(
        [developed[i] for i in queue],
        enforce,
        rng=rng,
        settle_days=14,
        tail_days=25,
        weekdays=True,
        urgency=[urgency[i] for i in queue],
    )
    enforced_on = [enforced[position[i]] if i in position else None for i in range(len(received))]
    closed_on = [
        day + timedelta(days=rng.randint(20, 150)) if day else developed[i]
        for i, day in enumerate(enforced_on)
    ]
    lpas = rng.choices(list(LPA_WEIGHTS), weights=list(LPA_WEIGHTS.values()), k=len(received))
    frame = pl.DataFrame(
        {
            "received_date": received,
            "risk": risks,
            "developed": developed,
            "enforced": enforced_on,
            "closed": closed_on,
            "lpa": [None if rng.random() < 0.1 else lpa for lpa in lpas],
        }
    ).sort("received_date", "risk", maintain_order=True)
    seq = pl.int_range(1, pl.len() + 1).over(pl.col("received_date").dt.year())
    return frame.with_columns(
        package_id=pl.format(
            "OC{}-{}", pl.col("received_date").dt.strftime("%y"), seq.cast(pl.String).str.zfill(4)
        ),
    )


def snapshot_at(packages: pl.DataFrame, as_of: date) -> pl.DataFrame:
    stage = (
        pl.when(pl.col("developed") > as_of)
        .then(pl.lit("intelligence_development"))
        .when(pl.col("closed") <= as_of)
        .then(pl.lit("closed"))
        .when(pl.col("enforced") > as_of)
        .then(pl.lit("awaiting_enforcement"))
        .otherwise(pl.lit("enforced"))
    )
    return packages.filter(pl.col("received_date") <= as_of).select(
        "package_id",
        "received_date",
        stage=stage,
        risk="risk",
        lpa="lpa",
    )


def snapshots(*, seed: int) -> list[Snapshot]:
    packages = history(seed=seed)
    return [
        Snapshot(day, snapshot_at(packages, day), f"OCSET packages snapshot, {uk_date(day)}")
        for day in SNAPSHOT_DAYS
    ]
