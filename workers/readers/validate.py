"""Row-level validation: typed columns, and every broken rule found column by column."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date

import polars as pl

from workers.readers import parse
from workers.readers.columns import TEXT, add_typed
from workers.readers.kinds import Column, KindSpec
from workers.readers.source import LINE, OVERFLOW

VALUE_CHARS = 200
# Text that a spreadsheet would run as a formula when the figures or reports are opened in one
# (CSV injection); a number such as -3 is not text, and text columns never start with these.
FORMULA_START = r"^[=+@\t\r]|^-[^0-9]"
ERROR_SCHEMA = {"line": pl.Int64, "column": pl.String, "value": pl.String, "message": pl.String}


@dataclass(frozen=True)
class Check:
    column: str | None
    failed: pl.Expr
    message: pl.Expr
    value: pl.Expr
    # A cheaper count that is never below the number of failures; when it is 0, so is that.
    bound: pl.Expr | None = None

    @property
    def count(self) -> pl.Expr:
        return self.failed.fill_null(False).sum()


@dataclass(frozen=True)
class Validated:
    frame: pl.DataFrame  # typed canonical columns
    errors: pl.DataFrame  # the first `limit` errors by line, as ERROR_SCHEMA
    error_count: int
    rows: int  # data rows, wholly blank rows left out


def validate(
    frame: pl.DataFrame,
    spec: KindSpec,
    *,
    as_of: date,
    manual_keys: Collection[str],
    limit: int,
) -> Validated:
    """Type and check frame: LINE, OVERFLOW and one NAME__raw text column per spec column."""
    work = add_typed(frame, spec, manual_keys)
    texts = [pl.col(column.name + TEXT) for column in spec.columns]
    work = work.filter(
        pl.any_horizontal(*(text.is_not_null() for text in texts), pl.col(OVERFLOW).is_not_null())
    )
    checks = list(_checks(spec, as_of=as_of, manual_keys=manual_keys))
    counts = list(
        work.select(
            (check.count if check.bound is None else check.bound).alias(str(i))
            for i, check in enumerate(checks)
        ).row(0)
    )
    for i, check in enumerate(checks):
        if check.bound is not None and counts[i]:
            counts[i] = work.select(check.count).item()
    parts = [
        work.with_columns(check.value.alias("_value"), check.message.alias("_message"))
        .filter(check.failed.fill_null(False))
        .head(limit)
        .select(
            pl.col(LINE).alias("line"),
            pl.lit(check.column, pl.String).alias("column"),
            pl.col("_value").str.slice(0, VALUE_CHARS).alias("value"),
            pl.col("_message").alias("message"),
            pl.lit(order).alias("order"),
        )
        for order, (check, count) in enumerate(zip(checks, counts, strict=True))
        if count
    ]
    errors = pl.DataFrame(schema=ERROR_SCHEMA)
    if parts:
        errors = pl.concat(parts).sort("line", "order").head(limit).drop("order")
    output = [name for column in spec.columns for name in (column.name, column.derived) if name]
    return Validated(work.select(output), errors, sum(counts), work.height)


def _text(column: Column) -> pl.Expr:
    return pl.col(column.name + TEXT)


def _hint(column: Column, manual_keys: Collection[str]) -> str | None:
    """What an unparseable value of this column is told; None when any text will do."""
    match column.type:
        case "date":
            return parse.DATE_HINT
        case "bool":
            return parse.BOOL_HINT
        case "int":
            return parse.INT_HINT
        case "number":
            return parse.NUMBER_HINT
        case "enum":
            return "not one of: " + ", ".join(column.choices)
        case "lpa":
            return parse.LPA_HINT
        case "outcome":
            return parse.OUTCOME_HINT
        case "metric_key":
            return "not a manual metric key (known: " + ", ".join(sorted(manual_keys)) + ")"
    return None


def _checks(spec: KindSpec, *, as_of: date, manual_keys: Collection[str]) -> Iterator[Check]:
    """Every check, in the order errors on one line are listed: by column, key after its column."""
    yield Check(
        None,
        pl.col(OVERFLOW).is_not_null(),
        pl.lit("more values than there are columns in the header"),
        pl.col(OVERFLOW),
    )
    for column in spec.columns:
        yield from _column_checks(column, as_of=as_of, manual_keys=manual_keys)
        if spec.key and column.name == spec.key[0]:
            yield _duplicate_check(spec.key)


def _column_checks(column: Column, *, as_of: date, manual_keys: Collection[str]) -> Iterator[Check]:
    name, text, value = column.name, _text(column), pl.col(column.name)

    def check(failed: pl.Expr, message: str | pl.Expr) -> Check:
        return Check(name, failed, pl.lit(message) if isinstance(message, str) else message, text)

    if column.required:
        yield check(text.is_null(), "blank: a value is required")
    if column.required_with:
        other = column.required_with
        yield check(
            text.is_null() & pl.col(other + TEXT).is_not_null(),
            f"blank: required when {other} has a value",
        )
    if column.required_when:
        other, wanted = column.required_when
        yield check(text.is_null() & (pl.col(other) == wanted), f"blank: required when {other} is {wanted}")
    hint = _hint(column, manual_keys)
    if hint:
        yield check(text.is_not_null() & pl.col(column.derived or name).is_null(), hint)
    if column.low is not None:
        high = column.high
        out = value < column.low if high is None else ~value.is_between(column.low, high)
        bounds = f"{column.low} or more" if high is None else f"between {column.low} and {high}"
        yield check(out, f"must be {bounds}")
    if column.records_event:
        yield check(value > as_of, f"after the as-of date ({as_of:%d/%m/%Y})")
    if column.not_before:
        other = pl.col(column.not_before)
        yield check(
            value < other,
            pl.format(f"before {column.not_before} ({{}})", other.dt.strftime("%d/%m/%Y")),
        )
    if column.type == "freetext":
        yield check(value.str.to_lowercase() == "all", '"ALL" is reserved for totals')
    if column.type in ("text", "freetext"):
        yield check(
            text.str.contains(FORMULA_START),
            "starts like a spreadsheet formula (=, +, -, @): remove that first character",
        )


def _duplicate_check(key: tuple[str, ...]) -> Check:
    """Every repeat of a key is an error that names the line where the key first appeared."""
    first = pl.col(key[0])
    identity = pl.struct(key) if len(key) > 1 else first
    present = identity.filter(first.is_not_null())
    return Check(
        key[0],
        first.is_not_null() & ~identity.is_first_distinct(),
        pl.format(
            f"duplicate {' and '.join(key)} (first on line {{}})",
            pl.col(LINE).first().over(list(key)),
        ),
        pl.col(key[0] + TEXT),
        # Equal keys hash equally, so distinct hashes never outnumber distinct keys.
        bound=present.len() - present.hash().n_unique(),
    )
