"""Investigation snapshots drawn from the crime history: supervision and plans at two dates."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from ._common import Snapshot, pick_by, shuffled_rank, uk_date, uniform

# as-of date: (% of open over 28 days with a supervisor review, % of open with a plan).
# Baseline: "almost half not having a supervisor review" at the Victim Service Assessment;
# now 82% reviewed and 92% with a plan (paper, paragraphs 27i and 28c).
TARGETS: dict[date, tuple[float, float]] = {
    date(2023, 3, 31): (50.3, 71.4),
    date(2024, 2, 20): (82.2, 92.1),
}
CLOSED_SHOWN_DAYS = 14  # the snapshot also lists investigations closed in the last fortnight

DEPARTMENT_MIX: dict[str, dict[str, float]] = {
    "Violence against the person": {
        "LPA Investigation Team": 0.55,
        "Public Protection Unit": 0.30,
        "Initial Investigation Team": 0.15,
    },
    "Stalking and harassment": {
        "Public Protection Unit": 0.40,
        "LPA Investigation Team": 0.40,
        "Initial Investigation Team": 0.20,
    },
    "Sexual offences": {"Public Protection Unit": 0.90, "Force CID": 0.10},
    "Burglary": {"LPA Investigation Team": 0.70, "Initial Investigation Team": 0.30},
    "Theft offences": {"Initial Investigation Team": 0.60, "LPA Investigation Team": 0.40},
    "Vehicle offences": {"Initial Investigation Team": 0.80, "LPA Investigation Team": 0.20},
    "Criminal damage and arson": {"Initial Investigation Team": 0.70, "LPA Investigation Team": 0.30},
    "Robbery": {"LPA Investigation Team": 0.60, "Force CID": 0.40},
    "Public order offences": {"Initial Investigation Team": 0.50, "LPA Investigation Team": 0.50},
    "Drug offences": {"LPA Investigation Team": 0.60, "Force CID": 0.40},
    "Possession of weapons": {"LPA Investigation Team": 0.70, "Force CID": 0.30},
    "Miscellaneous crimes against society": {
        "LPA Investigation Team": 0.60,
        "Force CID": 0.20,
        "Initial Investigation Team": 0.20,
    },
}


def _first(flagged: pl.Expr, share_pct: float, key: str) -> pl.Expr:
    """True for exactly round(share × rows) of the flagged rows: those with the smallest key."""
    rank = pl.col(key).rank("ordinal").over(flagged)
    wanted = (flagged.sum() * share_pct / 100).round(0)
    return flagged & (rank <= wanted)


def _snapshot(history: pl.DataFrame, as_of: date, seed: int) -> Snapshot:
    review_pct, plan_pct = TARGETS[as_of]
    is_open = pl.col("outcome_date").is_null() | (pl.col("outcome_date") > as_of)
    shown_from = as_of - timedelta(days=CLOSED_SHOWN_DAYS)
    frame = history.filter(
        (pl.col("recorded_date") <= as_of) & (is_open | (pl.col("outcome_date") > shown_from))
    ).with_columns(
        status=pl.when(is_open).then(pl.lit("open")).otherwise(pl.lit("closed")),
    )
    n = frame.height
    frame = frame.with_columns(
        department=pick_by(frame["offence_group"], uniform(n, seed + 1), DEPARTMENT_MIX),
        u_review=shuffled_rank(n, seed + 2),
        u_plan=shuffled_rank(n, seed + 3),
        u_count=uniform(n, seed + 4),
    )
    is_open = pl.col("status") == "open"
    older = is_open & ((pl.lit(as_of) - pl.col("recorded_date")).dt.total_days() > 28)
    reviewed = _first(older, review_pct, "u_review")
    young_reviewed = is_open & ~older & (pl.col("u_review") < 0.15)
    closed_reviewed = ~is_open & (pl.col("u_review") < 0.6)
    reviews = (1 + (pl.col("u_count") ** 2 * 4).floor()).cast(pl.Int32)
    frame = frame.with_columns(
        supervisor_reviews=pl.when(reviewed | young_reviewed | closed_reviewed).then(reviews).otherwise(0),
        plan_completed=_first(is_open, plan_pct, "u_plan") | (~is_open & (pl.col("u_plan") < 0.85)),
    )
    frame = frame.select(
        "crime_ref",
        "lpa",
        "department",
        "recorded_date",
        "status",
        "plan_completed",
        "supervisor_reviews",
    ).sort("recorded_date", "crime_ref")
    return Snapshot(as_of, frame, f"Investigations snapshot, {uk_date(as_of)}")


def snapshots(history: pl.DataFrame, *, seed: int) -> list[Snapshot]:
    return [_snapshot(history, day, seed + 100 * k) for k, day in enumerate(TARGETS)]
