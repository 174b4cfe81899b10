"""Outcome reviews: the Outcome Review Team and the OOCR team re-filing crimes filed as NFA."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from ._common import Snapshot, pick, uk_date, uniform

AS_OF = date(2024, 2, 20)
WINDOW_START = AS_OF - timedelta(days=48)  # the paper's "in seven weeks"
OOCR_START = date(2023, 10, 2)
REVIEW_TEAM = "Outcome Review Team"
OOCR_TEAM = "CJ OOCR Team"

# Rows per team and kind of change; NFA-to-positive in the window are "over 500" (para 30a).
REVIEW_TEAM_POSITIVE = 412
OOCR_POSITIVE_IN_WINDOW = 131
OOCR_POSITIVE_EARLIER = 160
REVIEW_TEAM_NFA_TO_NFA = 38
OLD_NFA = {"14": 0.35, "15": 0.30, "16": 0.15, "18": 0.20}


def _chosen(frame: pl.DataFrame, n: int, seed: int, team: str, old: dict[str, float]) -> pl.DataFrame:
    rows = frame.sample(n, seed=seed)
    return rows.select(
        "crime_ref",
        change_date="outcome_date",
        old_outcome_code=pick(list(old), list(old.values()), uniform(n, seed + 1)),
        new_outcome_code="outcome_code",
        team=pl.lit(team),
    )


def snapshots(history: pl.DataFrame, *, seed: int) -> list[Snapshot]:
    base = pl.col("outcome_code").str.extract(r"^(\d+)")
    settled = (pl.col("outcome_date") - pl.col("recorded_date")).dt.total_days() >= 21
    in_window = pl.col("outcome_date").is_between(WINDOW_START, AS_OF)
    candidates = history.filter(settled & pl.col("outcome_date").is_between(OOCR_START, AS_OF))
    review = candidates.filter(in_window & base.is_in(["1", "2", "3", "4", "6", "7"]))
    oocr = candidates.filter(base == "8")
    nfa = candidates.filter(in_window & base.is_in(["14", "15"]))
    frame = pl.concat(
        [
            _chosen(review, REVIEW_TEAM_POSITIVE, seed, REVIEW_TEAM, OLD_NFA),
            _chosen(
                oocr.filter(in_window), OOCR_POSITIVE_IN_WINDOW, seed + 2, OOCR_TEAM, {"16": 0.7, "15": 0.3}
            ),
            _chosen(
                oocr.filter(~in_window), OOCR_POSITIVE_EARLIER, seed + 4, OOCR_TEAM, {"16": 0.7, "15": 0.3}
            ),
            _chosen(nfa, REVIEW_TEAM_NFA_TO_NFA, seed + 6, REVIEW_TEAM, {"18": 1.0}),
        ]
    ).sort("change_date", "crime_ref")
    return [Snapshot(AS_OF, frame, f"Outcome changes to {uk_date(AS_OF)}")]
