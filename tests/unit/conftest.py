"""Helpers for the reader and engine unit tests: small extracts written to tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from portal.metrics import dims_json
from portal.metrics.config import EngineConfig
from portal.metrics.engine import compute
from workers.readers import ReadResult, read_extract

AS_OF = date(2024, 2, 20)


@dataclass
class Values:
    """The engine's output for one extract, looked up by key and dimensions."""

    frame: pl.DataFrame

    def row(self, key: str, **dims: str) -> dict[str, object] | None:
        rows = self.frame.filter((pl.col("key") == key) & (pl.col("dims") == dims_json(dims)))
        assert rows.height <= 1, f"{key} {dims} emitted {rows.height} times"
        return rows.row(0, named=True) if rows.height else None

    def get(self, key: str, **dims: str) -> float | None:
        """The value, or None when the engine left it out (absent)."""
        row = self.row(key, **dims)
        return None if row is None else row["value"]

    def dims(self, key: str) -> list[str]:
        return self.frame.filter(pl.col("key") == key).get_column("dims").to_list()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    def write(content: str | bytes, name: str = "extract.csv") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = textwrap.dedent(content).lstrip("\n").encode()
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def read(write_file: Callable[..., Path]) -> Callable[..., ReadResult]:
    """Read CSV text (dedented) as an extract of a kind."""

    def run(kind: str, content: str | bytes, *, as_of: date = AS_OF, **options: object) -> ReadResult:
        return read_extract(write_file(content), kind, as_of=as_of, **options)

    return run


@pytest.fixture
def values(read: Callable[..., ReadResult]) -> Callable[..., Values]:
    """Read CSV text, insist it is valid, and compute its metric values."""

    def run(kind: str, content: str, *, as_of: date = AS_OF, config: EngineConfig | None = None) -> Values:
        result = read(kind, content, as_of=as_of)
        assert result.ok, result.errors
        return Values(compute(kind, result.frame, as_of=as_of, config=config))

    return run
