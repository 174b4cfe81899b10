"""Figures written the way the board paper writes them ("Outstanding initial ARMS – 4 (52)", "8.15%")."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from portal.formatting import number


@dataclass
class Figure:
    """One value the pack uses, with its lineage (what the board saw and where it came from)."""

    key: str
    dims: dict[str, str]
    as_of: str
    value: float
    extract_id: int | None = None
    file_name: str | None = None
    sha256: str | None = None

    def lineage(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "dims": self.dims,
            "as_of": self.as_of,
            "value": self.value,
            "extract_id": self.extract_id,
            "file_name": self.file_name,
            "sha256": self.sha256,
        }


@dataclass
class FigureBook:
    """The figures of the pack, looked up by key, as-of date and dims (absent dims mean the total)."""

    rows: list[Figure] = field(default_factory=list)
    used: dict[str, Figure] = field(default_factory=dict)

    def get(self, key: str, as_of: str | None = None, **dims: str) -> Figure | None:
        best: Figure | None = None
        for row in self.rows:
            if row.key != key or (as_of and row.as_of != as_of):
                continue
            matches = all(row.dims.get(d) == dims.get(d, "ALL") for d in row.dims)
            if matches and (best is None or row.as_of > best.as_of):
                best = row
        if best is not None:
            self.used[json.dumps([best.key, best.as_of, best.dims], sort_keys=True)] = best
        return best

    def value(self, key: str, as_of: str | None = None, **dims: str) -> float | None:
        found = self.get(key, as_of, **dims)
        return None if found is None else found.value


def count(value: float | None) -> str:
    """282,151 — whole numbers with thousands separators."""
    return number(value, 0)


def pct(value: float | None, decimals: int = 2) -> str:
    """8.15% / -9.54% / 92%."""
    return "–" if value is None else f"{value:,.{decimals}f}%"


def grade(value: float | None) -> str:
    """QATT grades out of 5, one decimal: 2.5."""
    return number(value, 1)


def now_then(label: str, now: float | None, then: float | None) -> str:
    """Outstanding initial ARMS – 4 (52): the current figure, the inspection figure in brackets."""
    text = f"{label} – {count(now)}"
    return f"{text} ({count(then)})" if then is not None else text


def over(value: float | None) -> str:
    """The paper's "over 3,700" / "over 80": rounded down to tens below 100, to hundreds from 100 up."""
    if value is None:
        return "–"
    floor = 10 if value < 100 else 100
    return f"over {count((int(value) // floor) * floor)}"
