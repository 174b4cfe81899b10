"""Shared pieces of the demo extracts: LPAs, seeded randomness, exact allocation, calendar."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays
import polars as pl

# Roughly each LPA's share of the force's demand: Birmingham largest, Solihull smallest.
LPA_WEIGHTS: dict[str, float] = {
    "Birmingham": 0.38,
    "Coventry": 0.12,
    "Dudley": 0.10,
    "Sandwell": 0.11,
    "Solihull": 0.07,
    "Walsall": 0.10,
    "Wolverhampton": 0.12,
}
LPAS: tuple[str, ...] = tuple(LPA_WEIGHTS)
LPA_CODES: dict[str, str] = {
    "Birmingham": "BM",
    "Coventry": "CV",
    "Dudley": "DY",
    "Sandwell": "SW",
    "Solihull": "SH",
    "Walsall": "WS",
    "Wolverhampton": "WV",
}

DEPARTMENTS: dict[str, float] = {
    "LPA Investigation Team": 0.42,
    "Initial Investigation Team": 0.26,
    "Public Protection Unit": 0.20,
    "Force CID": 0.12,
}

_UNIT = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    """One extract file's rows as at one date."""

    as_of: date
    frame: pl.DataFrame
    description: str


def uk_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def rng_for(seed: int, kind: str) -> random.Random:
    return random.Random(f"{seed}:{kind}")  # noqa: S311 - demo data, not security


def uniform(n: int, seed: int) -> pl.Series:
    """n floats in [0, 1), reproducible for a seed."""
    pool = pl.int_range(0, _UNIT, eager=True)
    return pool.sample(n, with_replacement=True, seed=seed) / _UNIT


def shuffled_rank(n: int, seed: int) -> pl.Series:
    """n distinct floats in [0, 1) in a random order: sort keys with no ties."""
    return pl.int_range(0, n, eager=True).shuffle(seed=seed) / n


def pick(labels: Sequence[str], weights: Sequence[float], u: pl.Series) -> pl.Series:
    """Weighted choice of a label for each uniform draw in u."""
    total = float(sum(weights))
    bounds, running = [], 0.0
    for weight in weights:
        running += weight / total
        bounds.append(running)
    index = pl.Series(bounds).search_sorted(u, side="right").clip(0, len(labels) - 1)
    return pl.Series(list(labels)).gather(index)


def pick_by(group: pl.Series, u: pl.Series, mixes: Mapping[str, Mapping[str, float]]) -> pl.Series:
    """For each row, a label drawn from the mix named by its group, using its uniform draw."""
    rows = []
    for name, mix in mixes.items():
        total, low = float(sum(mix.values())), 0.0
        for label, weight in mix.items():
            rows.append((name, low, label))
            low += weight / total
    table = pl.DataFrame(rows, schema=["group", "low", "label"], orient="row").sort("low")
    left = pl.DataFrame({"group": group, "u": u}).with_row_index("row").sort("u")
    joined = left.join_asof(
        table, left_on="u", right_on="low", by="group", strategy="backward", check_sortedness=False
    )
    return joined.sort("row")["label"]


def quota(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into whole parts proportional to weights (largest remainder)."""
    scale = total / float(sum(weights))
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def days_from(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def spread_days(
    rng: random.Random, start: date, end: date, total: int, weight: Callable[[date], float]
) -> list[date]:
    """total dates drawn between start and end (inclusive) with the given day weights, sorted."""
    days = days_from(start, end)
    return sorted(rng.choices(days, weights=[weight(d) for d in days], k=total))


def weekday_weight(weekend: float) -> Callable[[date], float]:
    return lambda day: weekend if day.weekday() >= 5 else 1.0


def random_day(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def choose(
    rng: random.Random,
    candidates: Sequence[int],
    k: int,
    recency: Callable[[int], float],
    jitter: float,
) -> list[int]:
    """k candidates, mostly those with the highest recency, loosened by a random jitter."""
    if k > len(candidates):
        raise ValueError(f"need {k} rows but only {len(candidates)} can take the value")
    ranked = sorted(candidates, key=lambda i: recency(i) + rng.random() * jitter, reverse=True)
    return sorted(ranked[:k])


def interpolate(day: date, start: tuple[date, float], end: tuple[date, float]) -> int:
    """The straight-line value between two dated values, rounded."""
    span = (end[0] - start[0]).days
    share = (day - start[0]).days / span
    return round(start[1] + (end[1] - start[1]) * share)
