"""Aggregating over every combination of dimension values and totals, and emitting metric values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations, product

import polars as pl

from portal.metrics.catalogue import ALL

OUTPUT_SCHEMA = {
    "key": pl.String,
    "dims": pl.String,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
}


def rollup(frame: pl.DataFrame, dims: Mapping[str, Sequence[str]], aggs: Sequence[pl.Expr]) -> pl.DataFrame:
    """One row per combination of each dimension's listed values and ALL, aggregated from frame.

    Rows whose value of a dimension is not listed count only towards its ALL. A combination
    with no rows gets null aggregates (a count of no rows is therefore null here, not 0).
    """
    names = list(dims)
    outputs = [agg.meta.output_name() for agg in aggs]
    parts = []
    for size in range(len(names) + 1):
        for grouped in combinations(names, size):
            table = frame.group_by(list(grouped)).agg(aggs) if grouped else frame.select(aggs)
            totals = [pl.lit(ALL, pl.String).alias(name) for name in names if name not in grouped]
            parts.append(table.with_columns(totals).select(*names, *outputs))
    combined = pl.concat(parts, how="vertical_relaxed")
    if not names:
        return combined
    grid = pl.DataFrame(
        list(product(*((*dims[name], ALL) for name in names))),
        schema={name: pl.String for name in names},
        orient="row",
    )
    return grid.join(combined, on=names, how="left", maintain_order="left")


def months(frame: pl.DataFrame, column: str) -> list[str]:
    """The months (YYYY-MM) that occur in a date column, in order."""
    return frame.select(month_of(pl.col(column)).unique().drop_nulls().sort()).to_series().to_list()


def month_of(day: pl.Expr) -> pl.Expr:
    return day.dt.strftime("%Y-%m")


def age_days(day: pl.Expr, as_of: date) -> pl.Expr:
    """Whole days from day to the as-of date."""
    return (pl.lit(as_of) - day).dt.total_days()


@dataclass(frozen=True)
class Value:
    """How one metric's value (and, for a ratio, its parts) is read from a rollup row."""

    key: str
    value: pl.Expr
    numerator: pl.Expr | None = None
    denominator: pl.Expr | None = None


def count(key: str, column: str) -> Value:
    """A count: 0 where the combination has no rows."""
    return Value(key, pl.col(column).fill_null(0))


def present(key: str, column: str) -> Value:
    """A largest-of or an average: absent where there is nothing to take it over."""
    return Value(key, pl.col(column))


def ratio(key: str, numerator: str, denominator: str, *, scale: float = 100.0) -> Value:
    """scale x numerator / denominator, absent when the denominator is 0; never capped."""
    top = pl.col(numerator).fill_null(0).cast(pl.Float64)
    bottom = pl.col(denominator).fill_null(0).cast(pl.Float64)
    return Value(key, pl.when(bottom > 0).then(scale * top / bottom), top, bottom)


def change(key: str, current: str, previous: str) -> Value:
    """100 x (current - previous) / previous, absent when previous is 0."""
    now = pl.col(current).fill_null(0).cast(pl.Float64)
    before = pl.col(previous).fill_null(0).cast(pl.Float64)
    return Value(key, pl.when(before > 0).then(100.0 * (now - before) / before), now - before, before)


def emit(table: pl.DataFrame, dims: Sequence[str], values: Sequence[Value]) -> pl.DataFrame:
    """The metric values of a rollup table, absent ones left out, dims as canonical JSON."""
    text = pl.struct(sorted(dims)).struct.json_encode() if dims else pl.lit("{}")
    parts = [
        table.select(
            pl.lit(value.key, pl.String).alias("key"),
            text.alias("dims"),
            value.value.cast(pl.Float64).alias("value"),
            _optional(value.numerator).alias("numerator"),
            _optional(value.denominator).alias("denominator"),
        )
        for value in values
    ]
    return pl.concat(parts).filter(pl.col("value").is_not_null())


def _optional(expr: pl.Expr | None) -> pl.Expr:
    return pl.lit(None, pl.Float64) if expr is None else expr.cast(pl.Float64)
