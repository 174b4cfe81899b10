"""A work queue whose backlog at chosen dates is exact: when each waiting item is dealt with."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Checkpoint:
    """Exactly `waiting` items wait at the end of `day`."""

    day: date
    waiting: int
    # How far the waiting set strays from "the most recent arrivals" (first in, first out).
    jitter_days: float = 7.0
    # No waiting item arrived before this day (caps the longest wait).
    floor: date | None = None
    forced: tuple[int, ...] = ()
    barred: tuple[int, ...] = ()


def resolve(
    arrivals: Sequence[date],
    checkpoints: Sequence[Checkpoint],
    *,
    rng: random.Random,
    settle_days: int,
    tail_days: int,
    weekdays: bool = False,
    urgency: Sequence[float] | None = None,
) -> list[date]:
    """Each item's resolution day; item i waits on day D when arrivals[i] <= D < resolution[i].

    Items waiting at no checkpoint are dealt with within settle_days (and before the next
    checkpoint); items still waiting at the last checkpoint within tail_days after it. An
    item's urgency (in days) makes it that much less likely to be left waiting.
    """
    urgent = urgency or [0.0] * len(arrivals)
    points = sorted(checkpoints, key=lambda c: c.day)
    last_waiting: dict[int, int] = {}
    waiting: set[int] = set()
    previous = date.min
    for k, point in enumerate(points):
        barred = set(point.barred)
        eligible = [
            i
            for i, arrived in enumerate(arrivals)
            if arrived <= point.day
            and (arrived > previous or i in waiting)
            and (point.floor is None or arrived >= point.floor)
            and i not in barred
        ]
        forced = set(point.forced)
        if not forced <= set(eligible):
            raise ValueError(f"a forced item cannot be waiting on {point.day}")
        rest = [i for i in eligible if i not in forced]
        need = point.waiting - len(forced)
        if not 0 <= need <= len(rest):
            raise ValueError(f"{point.waiting} items cannot wait on {point.day}")
        rest.sort(
            key=lambda i: arrivals[i].toordinal() + rng.random() * point.jitter_days - urgent[i],
            reverse=True,
        )
        waiting = forced | set(rest[:need])
        for i in waiting:
            last_waiting[i] = k
        previous = point.day

    days = [p.day for p in points]
    resolved = []
    for i, arrived in enumerate(arrivals):
        k = last_waiting.get(i)
        if k is None:
            low, high = arrived, arrived + timedelta(days=settle_days)
            following = bisect_left(days, arrived)
            if following < len(days):
                high = min(high, days[following])
        elif k + 1 < len(days):
            low, high = days[k] + timedelta(days=1), days[k + 1]
        else:
            low, high = days[k] + timedelta(days=1), days[k] + timedelta(days=tail_days)
        resolved.append(_day_between(rng, low, high, weekdays))
    return resolved


def _day_between(rng: random.Random, low: date, high: date, weekdays: bool) -> date:
    day = low + timedelta(days=rng.randint(0, (high - low).days))
    if weekdays and day.weekday() >= 5:
        friday = day - timedelta(days=day.weekday() - 4)
        monday = day + timedelta(days=7 - day.weekday())
        if friday >= low:
            return friday
        if monday <= high:
            return monday
    return day
