"""Matching a file's header cells to the canonical columns of an extract kind."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from workers.readers.kinds import KindSpec

Problem = tuple[int | None, str | None, str | None, str]  # line, column, value, message


@dataclass
class HeaderMatch:
    positions: dict[str, int] = field(default_factory=dict)  # canonical name -> cell position
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def match_header(header: tuple[str, ...], spec: KindSpec, cells: pl.DataFrame, *, line: int) -> HeaderMatch:
    """Names matched case-insensitively after trimming; order free; unknown names warned about."""
    known = {column.name for column in spec.columns}
    match = HeaderMatch()
    for position, cell in enumerate(header):
        name = cell.strip().lower()
        if not name:
            if cells.get_column(str(position)).null_count() < cells.height:
                match.warnings.append(f"column {position + 1} has no header; its values were ignored")
        elif name in match.positions:
            match.problems.append((line, name, cell, "this column appears more than once"))
        elif name in known:
            match.positions[name] = position
        else:
            match.warnings.append(f"unknown column '{cell.strip()}' ignored")
    for column in spec.columns:
        if column.required and column.name not in match.positions:
            match.problems.append((None, column.name, None, "required column is missing"))
    return match
