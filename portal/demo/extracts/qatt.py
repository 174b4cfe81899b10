"""Quality Assurance Thematic Tool reviews since November 2023, with the paper's average grades."""

from __future__ import annotations

from datetime import date
from math import comb

import polars as pl

from ._common import (
    DEPARTMENTS,
    LPA_WEIGHTS,
    Snapshot,
    pick,
    rng_for,
    shuffled_rank,
    spread_days,
    uk_date,
    uniform,
    weekday_weight,
)

AS_OF = date(2024, 2, 20)
# Reviews per month: "over 3,700 QATT have been completed" by the paper (paragraph 27c).
MONTHS: dict[date, int] = {
    date(2023, 11, 1): 1046,
    date(2023, 12, 1): 912,
    date(2024, 1, 1): 1163,
    date(2024, 2, 1): 641,
}
# section: (mean grade, share of reviews where the section does not apply). The paper's
# averages (paragraph 27f) are 2.5, 2.5, 2.8, 2.7 and 2.1.
SECTIONS: dict[str, tuple[float, float]] = {
    "victim_focus": (2.47, 0.05),
    "suspect_management": (2.81, 0.25),
    "investigation_standards": (2.68, 0.0),
    "supervisor_review": (2.12, 0.03),
    "overall": (2.52, 0.0),
}


def grade_counts(n: int, mean: float) -> list[int]:
    """How many of n grades are 1..5 so that they average `mean` (to within 0.5 / n)."""
    p = (mean - 1) / 4
    counts = [round(n * comb(4, k) * p**k * (1 - p) ** (4 - k)) for k in range(5)]
    counts[2] += n - sum(counts)
    target = round(mean * n)
    total = sum((k + 1) * c for k, c in enumerate(counts))
    while total != target:
        step = 1 if total < target else -1
        # Move one review up (or down) a grade from the fullest grade that can move.
        movable = [k for k in range(5) if counts[k] and 0 <= k + step <= 4]
        k = max(movable, key=lambda i: counts[i])
        counts[k] -= 1
        counts[k + step] += 1
        total += step
    return counts


def _month_end(month: date) -> date:
    nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return min(AS_OF, date.fromordinal(nxt.toordinal() - 1))


def snapshots(*, seed: int) -> list[Snapshot]:
    rng = rng_for(seed, "qatt")
    days = [
        d
        for month, n in MONTHS.items()
        for d in spread_days(rng, month, _month_end(month), n, weekday_weight(0.15))
    ]
    n = len(days)
    # A review's quality shows in every section: one latent score, improving month by month.
    months = pl.Series(days).dt.month().replace_strict({11: 0, 12: 1, 1: 2, 2: 3}, default=0)
    latent = uniform(n, seed + 1) + uniform(n, seed + 2) + months.cast(pl.Float64) * 0.08
    frame = pl.DataFrame(
        {
            "review_id": [f"QATT-{i + 1:05d}" for i in range(n)],
            "review_date": days,
            "lpa": pick(list(LPA_WEIGHTS), list(LPA_WEIGHTS.values()), uniform(n, seed + 3)),
            "department": pick(list(DEPARTMENTS), list(DEPARTMENTS.values()), uniform(n, seed + 4)),
        }
    )
    for k, (section, (mean, blank_share)) in enumerate(SECTIONS.items()):
        score = latent + uniform(n, seed + 10 + k) * 1.2 + shuffled_rank(n, seed + 30 + k) * 1e-9
        applies = uniform(n, seed + 20 + k) >= blank_share
        graded = applies.sum()
        bounds = pl.Series(grade_counts(graded, mean)).cum_sum()
        rank = (
            pl.DataFrame({"s": score, "a": applies})
            .select(pl.col("s").rank("ordinal").over("a") - 1)
            .to_series()
        )
        grade = (bounds.search_sorted(rank, side="right") + 1).cast(pl.Int8)
        frame = frame.with_columns(pl.when(applies).then(grade).otherwise(None).alias(section))
    return [Snapshot(AS_OF, frame, f"QATT reviews, 1 November 2023 to {uk_date(AS_OF)}")]
