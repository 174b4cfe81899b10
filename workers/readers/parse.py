"""Columnar value parsers: each maps trimmed text to a typed value, or null when unparseable."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from portal.metrics.catalogue import LPAS

_TIME = r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)?"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}" + _TIME + "$"
_UK_DATE = r"^(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME + "$"
_INTEGER = r"^([+-]?\d{1,18})(?:\.0*)?$"
_OUTCOME = r"^(\d{1,2})[A-Za-z]?$"
_BOOLEANS = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
}

DATE_HINT = "not a date (use 2024-02-01 or 01/02/2024)"
BOOL_HINT = "not yes or no (use true/false, yes/no, y/n or 1/0)"
INT_HINT = "not a whole number"
NUMBER_HINT = "not a number"
OUTCOME_HINT = "not an outcome code (1 to 22, optionally followed by one letter, such as 3a)"
LPA_HINT = "not an LPA (" + ", ".join(LPAS) + ")"


def blank_to_null(text: pl.Expr) -> pl.Expr:
    """Trimmed text, with empty and all-space values as null."""
    trimmed = text.str.strip_chars()
    return pl.when(trimmed.str.len_bytes() > 0).then(trimmed)


def parse_date(text: pl.Expr) -> pl.Expr:
    """ISO 2024-02-01 or UK 01/02/2024 (day first), either optionally with a time of day."""
    iso = text.str.slice(0, 10)
    uk = text.str.replace(_UK_DATE, "${3}-${2}-${1}")
    candidate = pl.when(text.str.contains(_ISO_DATE)).then(iso).when(text.str.contains(_UK_DATE)).then(uk)
    return candidate.str.to_date("%Y-%m-%d", strict=False)


def parse_bool(text: pl.Expr) -> pl.Expr:
    """true/false, yes/no, y/n or 1/0 in any case."""
    return text.str.to_lowercase().replace_strict(_BOOLEANS, default=None, return_dtype=pl.Boolean)


def parse_int(text: pl.Expr) -> pl.Expr:
    """A whole number; 3.0 is accepted because spreadsheets write whole numbers that way."""
    return text.str.extract(_INTEGER, 1).cast(pl.Int64, strict=False)


def parse_number(text: pl.Expr) -> pl.Expr:
    """A finite decimal number."""
    number = text.cast(pl.Float64, strict=False)
    return pl.when(number.is_finite()).then(number)


def parse_choice(text: pl.Expr, choices: Collection[str]) -> pl.Expr:
    """One of the choices, matched case-insensitively; the canonical value is lower case."""
    lowered = text.str.to_lowercase()
    return pl.when(lowered.is_in(list(choices))).then(lowered)


def parse_lpa(text: pl.Expr) -> pl.Expr:
    """An LPA name in any case, canonical as listed ('Birmingham')."""
    names = {name.lower(): name for name in LPAS}
    return text.str.to_lowercase().replace_strict(names, default=None, return_dtype=pl.String)


def parse_outcome_type(text: pl.Expr) -> pl.Expr:
    """The base Home Office outcome type (1 to 22) of a code such as 3 or 3a."""
    base = text.str.extract(_OUTCOME, 1).cast(pl.Int64)
    return pl.when(base.is_between(1, 22)).then(base)


def canonical_spelling(text: pl.Expr) -> pl.Expr:
    """The first spelling seen in the file of each case-insensitively equal value."""
    return text.first().over(text.str.to_lowercase())
