"""Row-level demo extracts, one CSV per kind and as-of date, that reproduce the paper's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import crimes, dfu, investigations, manual, marac, ocset, outcome_changes, qatt, rso
from ._common import Snapshot

# The order extracts of the same as-of date are ingested in.
KINDS = (
    "crimes",
    "outcome_changes",
    "investigations",
    "qatt_reviews",
    "marac_referrals",
    "rso_caseload",
    "ocset_packages",
    "dfu_cases",
    "manual",
)


@dataclass(frozen=True)
class DemoExtract:
    kind: str  # DATA.md kind name, e.g. "crimes", "marac_referrals"
    as_of: date
    path: Path  # a CSV file (UTF-8, header row) written into out_dir
    description: str  # e.g. "MARAC referrals snapshot, 6 October 2023"


def demo_snapshots(*, seed: int = 2024) -> dict[str, list[Snapshot]]:
    """Every demo extract's rows, by kind."""
    history = crimes.crime_history(seed)
    reviews = qatt.snapshots(seed=seed + 3)
    return {
        "crimes": crimes.snapshots(history),
        "outcome_changes": outcome_changes.snapshots(history, seed=seed + 1),
        "investigations": investigations.snapshots(history, seed=seed + 2),
        "qatt_reviews": reviews,
        "marac_referrals": marac.snapshots(seed=seed),
        "rso_caseload": rso.snapshots(seed=seed),
        "ocset_packages": ocset.snapshots(seed=seed),
        "dfu_cases": dfu.snapshots(seed=seed),
        "manual": manual.snapshots(qatt_reviews=reviews[-1].frame.height),
    }


def write_demo_extracts(out_dir: Path, *, seed: int = 2024) -> list[DemoExtract]:
    """Write the demo extracts into out_dir, in the order they should be ingested."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, snapshots in demo_snapshots(seed=seed).items():
        for snapshot in snapshots:
            path = out_dir / f"{kind}_{snapshot.as_of.isoformat()}.csv"
            snapshot.frame.write_csv(path)
            written.append(DemoExtract(kind, snapshot.as_of, path, snapshot.description))
    return sorted(written, key=lambda e: (e.as_of, KINDS.index(e.kind)))
