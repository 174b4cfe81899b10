"""Ingest bench: 1,000,000 crimes through `portal ingest` as a whole process beside a bare polars
script reading and grouping the same file; then 100,000 rows of every other kind."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import measure, verdict, write_results
from bench.generate import CRIMES_AS_OF, write_crimes, write_other_kinds
from bench.served import BIN, ServedPortal

BARE = """
import sys, polars as pl
frame = (pl.scan_csv(sys.argv[1], try_parse_dates=True)
    .group_by("lpa", "crime_class", pl.col("recorded_date").dt.month_start().alias("month"))
    .agg(pl.len().alias("crimes"), pl.col("outcome_code").is_not_null().sum().alias("outcomes"))
    .collect())
print(frame.height)
"""
GOAL_RATIO, GOAL_SECONDS, GOAL_MB = 3.0, 5.0, 1500.0


def _fresh(folder: Path) -> ServedPortal:
    """A migrated, empty database (the catalogue arrives with the first ingest)."""
    portal = ServedPortal(folder)
    folder.mkdir(parents=True, exist_ok=True)
    portal.portal("db", "upgrade")
    return portal


def _ingest(portal: ServedPortal, kind: str, path: Path, as_of: str) -> tuple[Any, dict[str, Any]]:
    run = measure([str(BIN / "portal"), "ingest", kind, str(path), "--as-of", as_of], env=portal.env())
    try:
        summary = json.loads(run.stdout[run.stdout.index("{") :])
    except ValueError:
        summary = {"status": f"exit {run.returncode}", "stderr": run.stderr[-2000:]}
    return run, summary


def run(rows: int = 1_000_000, other_rows: int = 100_000, repeat: int = 2) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        crimes = write_crimes(folder / "crimes.csv", rows)
        size_mb = crimes.stat().st_size / 1e6
        print(f"crimes: {rows:,} rows, {size_mb:.1f} MB, as of {CRIMES_AS_OF:%d %B %Y}")
        trials = []
        for n in range(repeat):
            bare = measure([sys.executable, "-c", BARE, str(crimes)])
            portal = _fresh(folder / f"db-{n}")
            ingest, summary = _ingest(portal, "crimes", crimes, CRIMES_AS_OF.isoformat())
            trial = {
                "bare_s": round(bare.seconds, 3),
                "bare_peak_mb": round(bare.peak_rss_mb, 1),
                "ingest_s": round(ingest.seconds, 3),
                "ingest_peak_mb": round(ingest.peak_rss_mb, 1),
                "ratio": round(ingest.seconds / bare.seconds, 2),
                "status": summary.get("status"),
                "exit": ingest.returncode,
            }
            trials.append(trial)
            t = trial
            print(
                f"  run {n + 1}: portal ingest {t['ingest_s']:.2f} s, peak {t['ingest_peak_mb']:,.0f} MB"
                f" ({t['status']}) | bare polars {t['bare_s']:.2f} s, peak {t['bare_peak_mb']:,.0f} MB"
                f" | ratio {t['ratio']:.2f}x"
            )
            if ingest.returncode != 0:
                print(f"    ingest failed: {summary}")
        best = min(trials, key=lambda t: t["ingest_s"])
        ok = (
            best["exit"] == 0
            and best["ratio"] <= GOAL_RATIO
            and best["ingest_s"] < GOAL_SECONDS
            and best["ingest_peak_mb"] < GOAL_MB
        )
        print(
            f"  best: {best['ingest_s']:.2f} s, {best['ratio']:.2f}x bare, {best['ingest_peak_mb']:,.0f} MB"
            f" — goal within {GOAL_RATIO:.0f}x, under {GOAL_SECONDS:.0f} s, under {GOAL_MB:,.0f} MB:"
            f" {verdict(ok)}"
        )
        others = []
        portal = _fresh(folder / "db-others")
        print(f"other kinds, {other_rows:,} rows each, one database:")
        for kind, as_of, path, height in write_other_kinds(folder / "others", other_rows):
            result, summary = _ingest(portal, kind, path, as_of.isoformat())
            entry = {
                "kind": kind,
                "rows": height,
                "seconds": round(result.seconds, 3),
                "rows_per_s": round(height / result.seconds),
                "peak_mb": round(result.peak_rss_mb, 1),
                "status": summary.get("status"),
                "exit": result.returncode,
            }
            others.append(entry)
            print(
                f"  {kind:16} {height:>9,} rows {entry['seconds']:6.2f} s {entry['rows_per_s']:>9,} rows/s"
                f" peak {entry['peak_mb']:,.0f} MB  {entry['status']}"
            )
            if result.returncode != 0:
                print(f"    {json.dumps(summary)[:600]}")
    data = {
        "crimes": {
            "rows": rows,
            "file_mb": round(size_mb, 1),
            "trials": trials,
            "best": best,
            "goal_met": ok,
        },
        "other_kinds": others,
    }
    print(f"  results: {write_results('ingest', data)}")
    return data
