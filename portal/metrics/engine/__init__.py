"""The metric engine: metric values of DATA.md from a validated extract frame, all columnar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from portal.metrics.config import EngineConfig
from portal.metrics.engine import (
    crimes,
    dfu_cases,
    investigations,
    manual,
    marac_referrals,
    ocset_packages,
    outcome_changes,
    qatt_reviews,
    rso_caseload,
)
from portal.metrics.engine.rollup import OUTPUT_SCHEMA

__all__ = ["OUTPUT_SCHEMA", "compute"]

_COMPUTE: dict[str, Callable[[pl.DataFrame, date, EngineConfig], pl.DataFrame]] = {
    "crimes": crimes.compute,
    "outcome_changes": outcome_changes.compute,
    "investigations": investigations.compute,
    "qatt_reviews": qatt_reviews.compute,
    "marac_referrals": marac_referrals.compute,
    "rso_caseload": rso_caseload.compute,
    "ocset_packages": ocset_packages.compute,
    "dfu_cases": dfu_cases.compute,
    "manual": manual.compute,
}


def compute(
    kind: str, frame: pl.DataFrame, *, as_of: date, config: EngineConfig | None = None
) -> pl.DataFrame:
    """One row per metric value (key, dims, value, numerator, denominator); absent values left out.

    frame is a ReadResult.frame of the same kind: typed canonical columns.
    """
    if kind not in _COMPUTE:
        raise ValueError(f"unknown extract kind {kind!r}")
    values = _COMPUTE[kind](frame, as_of, config or EngineConfig())
    return values.select(pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items())
