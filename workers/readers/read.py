"""The extract reader's entry point: one file of one kind in, a typed frame or its errors out."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from portal.metrics.catalogue import MANUAL_KEYS
from workers.readers.columns import RAW
from workers.readers.header import Problem, match_header
from workers.readers.kinds import KINDS, SPECS
from workers.readers.parse import blank_to_null
from workers.readers.source import LINE, OVERFLOW, SourceError, read_raw
from workers.readers.validate import VALUE_CHARS, validate

__all__ = ["KINDS", "MAX_ERRORS", "ReadResult", "RowError", "read_extract"]

MAX_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    line: int | None  # file line (CSV header is line 1) or sheet row; None for the whole file
    column: str | None  # canonical column name
    value: str | None  # the offending text, at most 200 characters
    message: str


@dataclass
class ReadResult:
    kind: str
    frame: pl.DataFrame | None  # None when rejected
    errors: list[RowError] = field(default_factory=list)  # at most MAX_ERRORS, by line
    error_count: int = 0  # every error, listed or not
    warnings: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read (wholly blank rows are skipped)

    @property
    def ok(self) -> bool:
        return self.frame is not None and self.error_count == 0


def read_extract(
    path: Path,
    kind: str,
    *,
    as_of: date,
    manual_keys: Collection[str] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ReadResult:
    """Read and validate an extract; a file with any error is rejected whole (frame None)."""
    if kind not in SPECS:
        raise ValueError(f"unknown extract kind {kind!r}; expected one of {', '.join(KINDS)}")
    spec = SPECS[kind]
    keys = MANUAL_KEYS if manual_keys is None else manual_keys

    def report(stage: str, rows: int) -> None:
        if progress is not None:
            progress(stage, rows)

    report("reading", 0)
    try:
        table = read_raw(Path(path).read_bytes())
    except SourceError as exc:
        return _rejected(kind, [(None, None, None, str(exc))])
    header = match_header(table.header, spec, table.cells, line=table.header_line)
    if header.problems:
        return _rejected(kind, header.problems, warnings=header.warnings)

    frame = table.cells.select(
        LINE,
        blank_to_null(pl.col(OVERFLOW)).alias(OVERFLOW),
        *(
            (
                pl.col(str(header.positions[column.name]))
                if column.name in header.positions
                else pl.lit(None, pl.String)
            ).alias(column.name + RAW)
            for column in spec.columns
        ),
    )
    report("validating", frame.height)
    checked = validate(frame, spec, as_of=as_of, manual_keys=keys, limit=MAX_ERRORS)
    if checked.rows == 0:
        return _rejected(kind, [(None, None, None, "the file has no data rows")], header.warnings)
    report("done", checked.rows)
    errors = [RowError(**row) for row in checked.errors.iter_rows(named=True)]
    return ReadResult(
        kind=kind,
        frame=None if checked.error_count else checked.frame,
        errors=errors,
        error_count=checked.error_count,
        warnings=header.warnings,
        rows=checked.rows,
    )


def _rejected(kind: str, problems: list[Problem], warnings: list[str] | None = None) -> ReadResult:
    errors = [
        RowError(line, column, None if value is None else value[:VALUE_CHARS], message)
        for line, column, value, message in problems
    ]
    return ReadResult(kind, None, errors, len(errors), warnings or [])
