"""ViSOR caseload snapshots: sex offender management demand at inspection and now (Op Rosaria)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from ._common import (
    LPA_CODES,
    LPA_WEIGHTS,
    Snapshot,
    add_years,
    choose,
    interpolate,
    random_day,
    rng_for,
    uk_date,
)

INSPECTION = date(2023, 6, 15)
LATEST = date(2024, 2, 20)
# Outstanding initial ARMS, 12-month ARMS, RMP reviews, visits (paragraph 40d).
OUTSTANDING = {INSPECTION: (52, 219, 178, 236), LATEST: (4, 36, 33, 65)}
SNAPSHOT_DAYS = (INSPECTION, date(2023, 9, 1), date(2023, 12, 1), LATEST)
# Offender managers carrying cases; the uplift added 12 constables (paragraph 38c).
MANAGERS = {INSPECTION: 56, date(2023, 9, 1): 58, date(2023, 12, 1): 64, LATEST: 68}
RISKS = ("low", "medium", "high", "very_high")
RMP_CYCLE = {"low": 365, "medium": 365, "high": 182, "very_high": 91}
VISIT_CYCLE = {"low": 365, "medium": 182, "high": 91, "very_high": 30}
INITIAL_ARMS_DAYS = 42
SCHEMA = {
    "visor_ref": pl.String,
    "lpa": pl.String,
    "offender_manager": pl.String,
    "risk_level": pl.String,
    "management": pl.String,
    "in_custody": pl.Boolean,
    **dict.fromkeys(
        ("initial_arms_due", "initial_arms_completed", "last_arms_date", "rmp_review_due", "next_visit_due"),
        pl.Date,
    ),
}


@dataclass
class Offender:
    ref: str
    lpa: str
    risk: str
    active: bool
    custody: bool
    registered: date
    left: date | None
    new: bool
    arms_base: date | None  # first ARMS of an established offender
    rmp_start: date
    visit_start: date
    manager_slot: float
    first_arms: date  # when a new registrant's initial ARMS would be done
    done: dict[object, date] = field(default_factory=dict)
    overdue_at: dict[str, tuple[date, object]] = field(default_factory=dict)


def _offenders(rng: random.Random) -> list[Offender]:
    established, new = 3450, 800
    refs = rng.sample(range(100_000, 1_000_000), established + new)
    people = []
    for k, ref in enumerate(refs):
        is_new = k >= established
        if is_new:
            registered = random_day(rng, date(2022, 6, 15), LATEST)
            risk = rng.choices(RISKS, weights=(30, 42, 23, 5))[0]
        else:
            registered = random_day(rng, date(2006, 1, 1), date(2022, 6, 14))
            risk = rng.choices(RISKS, weights=(42, 37, 17, 4))[0]
        leaves = rng.random() < (0.02 if is_new else 0.07)
        people.append(
            Offender(
                ref=f"VSR-{ref}",
                lpa=rng.choices(list(LPA_WEIGHTS), weights=list(LPA_WEIGHTS.values()))[0],
                risk=risk,
                active=not (risk == "low" and rng.random() < 0.55),
                custody=rng.random() < (0.35 if is_new else 0.18),
                registered=registered,
                left=random_day(rng, INSPECTION + timedelta(days=1), LATEST) if leaves else None,
                new=is_new,
                arms_base=None
                if is_new
                else _not_leap(
                    max(
                        random_day(rng, date(2021, 6, 15), date(2022, 6, 14)),
                        registered + timedelta(days=INITIAL_ARMS_DAYS),
                    )
                ),
                rmp_start=date(2022, 1, 1) + timedelta(days=rng.randrange(RMP_CYCLE[risk])),
                visit_start=date(2022, 1, 1) + timedelta(days=rng.randrange(VISIT_CYCLE[risk])),
                manager_slot=rng.random(),
                first_arms=_not_leap(registered + timedelta(days=rng.randint(10, 56))),
            )
        )
    return people


def _not_leap(day: date) -> date:
    return day - timedelta(days=1) if (day.month, day.day) == (2, 29) else day


def _schedule(start: date, cycle: int, as_of: date) -> tuple[date, date]:
    """The scheduled dates either side of as_of: (last before it, next on or after it)."""
    periods = -(-(as_of - start).days // cycle)
    following = start + timedelta(days=periods * cycle)
    return following - timedelta(days=cycle), following


def _anniversary(base: date, as_of: date) -> tuple[int, date]:
    years = as_of.year - base.year
    if add_years(base, years) > as_of:
        years -= 1
    return years, add_years(base, years)


Rng = random.Random
People = list["Offender"]


def _initial(rng: Rng, people: People, as_of: date, count: int) -> dict[str, tuple[date, date | None]]:
    """New registrants' initial ARMS: `count` overdue in the community, the rest done or not due."""
    due = {p.ref: p.registered + timedelta(days=INITIAL_ARMS_DAYS) for p in people if p.new}
    candidates = [
        k
        for k, p in enumerate(people)
        if p.new and not p.custody and due[p.ref] < as_of and "initial" not in p.done
    ]
    late = set(choose(rng, candidates, count, lambda k: due[people[k].ref].toordinal(), 60))
    fields = {}
    for k, p in enumerate(people):
        if not p.new:
            continue
        if k in late:
            p.overdue_at["initial"] = (as_of, None)
        elif not p.custody and "initial" not in p.done and (due[p.ref] < as_of or p.first_arms <= as_of):
            if "initial" in p.overdue_at:  # overdue at an earlier snapshot, done since
                since = p.overdue_at["initial"][0] + timedelta(days=1)
                p.done["initial"] = random_day(rng, since, as_of)
            else:
                p.done["initial"] = min(p.first_arms, as_of)
        fields[p.ref] = (due[p.ref], p.done.get("initial"))
    return fields


def _last_arms(rng: Rng, people: People, as_of: date, count: int) -> dict[str, date | None]:
    """Last ARMS dates: `count` in the community more than 12 months ago, the rest on time."""
    bases = {p.ref: p.arms_base or p.done.get("initial") for p in people}
    cycle = {p.ref: _anniversary(bases[p.ref], as_of) for p in people if bases[p.ref]}
    candidates = [
        k
        for k, p in enumerate(people)
        if not p.custody and p.ref in cycle and cycle[p.ref][0] >= 1 and cycle[p.ref][1] < as_of
    ]
    late = set(choose(rng, candidates, count, lambda k: cycle[people[k].ref][1].toordinal(), 120))
    last = {}
    for k, p in enumerate(people):
        if p.ref not in cycle:
            last[p.ref] = None
            continue
        years, due = cycle[p.ref]
        if years == 0:
            last[p.ref] = bases[p.ref]
        elif k in late or (p.custody and p.manager_slot < 0.3):
            last[p.ref] = add_years(due, -1)
            p.overdue_at["arms"] = (as_of, due)
        else:
            if due not in p.done:
                since, late_due = p.overdue_at.get("arms", (None, None))
                low = since + timedelta(days=1) if late_due == due else due
                p.done[due] = random_day(rng, low, min(as_of, low + timedelta(days=25)))
            last[p.ref] = p.done[due]
    return last


def _overdue_dates(
    rng: Rng,
    people: People,
    as_of: date,
    count: int,
    eligible: Callable[[Offender], bool],
    start: Callable[[Offender], date],
    cycle: dict[str, int],
) -> dict[str, date]:
    """Due dates on a risk-based cycle: `count` eligible offenders' already passed."""
    candidates = [k for k, p in enumerate(people) if eligible(p)]
    spans = {p.ref: _schedule(start(p), cycle[p.risk], as_of) for p in people}
    late = set(choose(rng, candidates, count, lambda k: spans[people[k].ref][0].toordinal(), 90))
    return {p.ref: spans[p.ref][0 if k in late else 1] for k, p in enumerate(people)}


def _snapshot(rng: random.Random, everyone: list[Offender], as_of: date) -> pl.DataFrame:
    people = [p for p in everyone if p.registered <= as_of and (p.left is None or p.left > as_of)]
    if as_of in OUTSTANDING:
        initial, arms, rmp, visits = OUTSTANDING[as_of]
    else:
        ends = [(day, OUTSTANDING[day]) for day in (INSPECTION, LATEST)]
        initial, arms, rmp, visits = (
            interpolate(as_of, (ends[0][0], ends[0][1][i]), (ends[1][0], ends[1][1][i])) for i in range(4)
        )
    initial_fields = _initial(rng, people, as_of, initial)
    last = _last_arms(rng, people, as_of, arms)
    rmp_due = _overdue_dates(
        rng, people, as_of, rmp, lambda p: not p.custody, lambda p: p.rmp_start, RMP_CYCLE
    )
    visit_due = _overdue_dates(
        rng, people, as_of, visits, lambda p: p.active and not p.custody, lambda p: p.visit_start, VISIT_CYCLE
    )
    in_community = [p for p in people if not p.custody and p.active]
    managers = {
        lpa: max(1, round(MANAGERS[as_of] * sum(p.lpa == lpa for p in in_community) / len(in_community)))
        for lpa in LPA_WEIGHTS
    }
    rows = []
    for p in people:
        due, done = initial_fields.get(p.ref, (None, None))
        visit = visit_due[p.ref]
        if p.custody or (not p.active and p.manager_slot < 0.5):
            visit = None
        elif not p.active and p.manager_slot < 0.58:  # reactive: a lapsed date is no backlog
            visit = _schedule(p.visit_start, VISIT_CYCLE[p.risk], as_of)[0]
        manager = int(p.manager_slot * managers[p.lpa]) + 1
        rows.append(
            {
                "visor_ref": p.ref,
                "lpa": p.lpa,
                "offender_manager": f"SOM-{LPA_CODES[p.lpa]}-{manager:02d}",
                "risk_level": p.risk,
                "management": "active" if p.active else "reactive",
                "in_custody": p.custody,
                "initial_arms_due": due,
                "initial_arms_completed": done,
                "last_arms_date": last[p.ref],
                "rmp_review_due": rmp_due[p.ref],
                "next_visit_due": visit,
            }
        )
    return pl.DataFrame(rows, schema=SCHEMA).sort("visor_ref")


def snapshots(*, seed: int) -> list[Snapshot]:
    rng = rng_for(seed, "rso")
    everyone = _offenders(rng)
    return [
        Snapshot(day, _snapshot(rng, everyone, day), f"ViSOR caseload snapshot, {uk_date(day)}")
        for day in SNAPSHOT_DAYS
    ]
