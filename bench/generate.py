"""Extract files for the bench: a crimes CSV of any size to DATA.md, and N rows of every other kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from portal.metrics.catalogue import LPAS
from workers.readers.kinds import SPECS

CRIMES_AS_OF = date(2024, 2, 25)
GROUPS = [
    "Violence against the person",
    "Theft offences",
    "Criminal damage and arson",
    "Public order offences",
    "Sexual offences",
    "Robbery",
]


def write_crimes(path: Path, rows: int, *, seed: int = 0) -> Path:
    """Two financial years of crimes over the seven LPAs up to 25 February 2024: about 60% with an
    outcome (types 1-22, a tenth with a letter suffix), outcome dates never before the recorded date."""
    index = pl.int_range(rows, dtype=pl.Int64)

    def pick(salt: int, choices: int) -> pl.Expr:
        return (index.hash(seed * 100 + salt) % choices).cast(pl.Int64)

    recorded = pl.lit(date(2022, 3, 1)) + pl.duration(days=pick(1, 725))
    has_outcome = pick(5, 10) < 6
    suffix = pl.when(pick(7, 10) == 0).then(pl.lit("A")).otherwise(pl.lit(""))
    outcome_date = pl.min_horizontal(recorded + pl.duration(days=pick(8, 60)), pl.lit(CRIMES_AS_OF))
    pl.select(
        crime_ref=pl.format("CR{}-{}", pl.lit(seed), index.cast(pl.String).str.zfill(8)),
        recorded_date=recorded,
        lpa=pl.lit(pl.Series(list(LPAS))).gather(pick(2, len(LPAS))),
        offence_group=pl.lit(pl.Series(GROUPS)).gather(pick(3, len(GROUPS))),
        crime_class=pl.when(pick(4, 100) < 87)
        .then(pl.lit("victim_based"))
        .otherwise(pl.lit("other_society")),
        outcome_code=pl.when(has_outcome).then((pick(6, 22) + 1).cast(pl.String) + suffix),
        outcome_date=pl.when(has_outcome).then(outcome_date),
    ).write_csv(path)
    return path


def write_other_kinds(folder: Path, rows: int) -> list[tuple[str, date, Path, int]]:
    """(kind, as_of, path, rows) for every kind but crimes: the demo's latest snapshot of each kind,
    resampled to `rows` rows with fresh unique keys. A kind keyed on reference values (manual: one
    row per metric and LPA) keeps its demo size, since more rows would be duplicates by definition."""
    from portal.demo.extracts import demo_snapshots

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, snapshots in demo_snapshots().items():
        if kind == "crimes":
            continue
        latest = snapshots[-1]
        frame = latest.frame
        key = SPECS[kind].key
        if len(key) == 1:
            frame = frame.sample(rows, with_replacement=True, seed=7).with_row_index("_n")
            frame = frame.with_columns(
                pl.format("{}-{}", pl.col(key[0]).cast(pl.String), pl.col("_n")).alias(key[0])
            ).drop("_n")
        elif not key:
            frame = frame.sample(rows, with_replacement=True, seed=7)
        path = folder / f"{kind}_{latest.as_of.isoformat()}.csv"
        frame.write_csv(path)
        written.append((kind, latest.as_of, path, frame.height))
    return written
