"""Metric definitions and the columnar engine that computes them from validated extracts."""

from __future__ import annotations

import json
from collections.abc import Mapping


def dims_json(dims: Mapping[str, str]) -> str:
    """The canonical text of a metric value's dimensions: JSON, keys sorted, no spaces."""
    return json.dumps(dict(dims), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
