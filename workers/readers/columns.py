"""Typing an extract's text columns, once per distinct value where values repeat."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from workers.readers import parse
from workers.readers.kinds import Column, KindSpec

RAW = "__raw"  # suffix of a column's cells as read
TEXT = "__text"  # suffix of its trimmed text, null when blank
# A column whose values repeat this often on average is typed through a table of its distinct
# values (dates, LPAs, codes): parsing a few thousand values beats parsing a million.
_REPEATS = 4
_POSITION = "__position"


def add_typed(frame: pl.DataFrame, spec: KindSpec, manual_keys: Collection[str]) -> pl.DataFrame:
    """Replace each NAME__raw column by NAME__text and typed NAME (plus an outcome's type)."""
    raws = [column.name + RAW for column in spec.columns]
    distinct = frame.select(pl.col(raw).approx_n_unique() for raw in raws).row(0)
    repeated = [raw for raw, count in zip(raws, distinct, strict=True) if count * _REPEATS <= frame.height]
    lazy = frame.lazy()
    values = dict(
        zip(
            repeated,
            pl.collect_all(
                lazy.select(pl.col(raw).unique(maintain_order=True).drop_nulls()) for raw in repeated
            ),
            strict=True,
        )
    )
    # Each cell's position among its column's distinct values picks its row of the typed table.
    positions = {
        raw: pl.col(raw).cast(pl.Enum(table.get_column(raw))).to_physical().alias(raw + _POSITION)
        for raw, table in values.items()
        if not table.is_empty()
    }
    frame = frame.with_columns(positions.values())
    exprs: list[pl.Expr] = []
    for column, raw in zip(spec.columns, raws, strict=True):
        outputs = _outputs(column, manual_keys)
        if raw not in positions:
            exprs.extend(expr.alias(name) for name, expr in outputs.items())
            continue
        table = values[raw].select(expr.alias(name) for name, expr in outputs.items())
        position = pl.col(raw + _POSITION)
        exprs.extend(pl.lit(table.get_column(name)).gather(position).alias(name) for name in outputs)
    return frame.with_columns(exprs).drop(*raws, *(raw + _POSITION for raw in positions))


def _outputs(column: Column, manual_keys: Collection[str]) -> dict[str, pl.Expr]:
    text = parse.blank_to_null(pl.col(column.name + RAW))
    outputs = {column.name + TEXT: text, column.name: _typed(column, text, manual_keys)}
    if column.derived:
        outputs[column.derived] = parse.parse_outcome_type(text)
    return outputs


def _typed(column: Column, text: pl.Expr, manual_keys: Collection[str]) -> pl.Expr:
    match column.type:
        case "freetext":
            return parse.canonical_spelling(text)
        case "date":
            return parse.parse_date(text)
        case "bool":
            return parse.parse_bool(text)
        case "int":
            return parse.parse_int(text)
        case "number":
            return parse.parse_number(text)
        case "enum":
            return parse.parse_choice(text, column.choices)
        case "lpa":
            return parse.parse_lpa(text)
        case "metric_key":
            return parse.parse_choice(text, manual_keys)
    # Plain text, and outcome codes: kept as written (an outcome's base type is derived).
    return text
