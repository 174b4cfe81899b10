"""Loads the demo's figures: writes the row-level demo extracts and ingests them through the pipeline."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from portal import pipeline
from portal.config import Config
from portal.db import Database
from portal.demo.extracts import write_demo_extracts
from portal.services.extracts import DuplicateExtract


def load_demo_figures(
    database: Database, *, settings: Config, today: date, report: Callable[[str], None] = lambda _m: None
) -> dict[str, int]:
    """Ingest every demo extract; ones already ingested (same file) are skipped, so this is idempotent."""
    counts = {"ingested": 0, "already_loaded": 0, "rejected": 0}
    with tempfile.TemporaryDirectory(prefix="engage-demo-") as folder:
        for extract in write_demo_extracts(Path(folder)):
            try:
                summary = pipeline.ingest_file(
                    database,
                    kind=extract.kind,
                    source=extract.path,
                    as_of=extract.as_of,
                    settings=settings,
                    today=max(today, extract.as_of),
                )
            except DuplicateExtract:
                counts["already_loaded"] += 1
                continue
            if summary.status == "succeeded":
                counts["ingested"] += 1
                report(f"  {extract.description}: {summary.rows:,} rows, {summary.values:,} figures")
            else:
                counts["rejected"] += 1
                report(f"  {extract.description}: REJECTED – {summary.message}")
    return counts
