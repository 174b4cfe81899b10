"""Figures with no system extract: masterclass completion, QATT reviews completed, SOM uplift."""

from __future__ import annotations

from datetime import date

import polars as pl

from ._common import Snapshot, uk_date

AS_OF = date(2024, 2, 20)


def snapshots(*, qatt_reviews: int) -> list[Snapshot]:
    frame = pl.DataFrame(
        {
            "metric_key": ["masterclass_completion_pct", "qatt_reviews_completed", "som_uplift_posts"],
            "value": [92, qatt_reviews, 14],
            "lpa": [None, None, None],
            "note": [
                "Investigation masterclasses: share of eligible staff trained (paragraph 26a)",
                "QATT reviews completed since November 2023 (paragraph 27c)",
                "SOM uplift: 2 sergeants and 12 constables (paragraph 38c)",
            ],
        },
        schema_overrides={"lpa": pl.String},
    )
    return [Snapshot(AS_OF, frame, f"Manual figures, {uk_date(AS_OF)}")]
