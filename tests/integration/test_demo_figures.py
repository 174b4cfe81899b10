"""`portal demo` on an empty database, then `portal metrics --json`, reproduces every paper figure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = json.loads((ROOT / "docs" / "paper-figures.json").read_text(encoding="utf-8"))["figures"]
pytestmark = pytest.mark.slow


def _portal(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ | env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("demo")
    env = {
        "PORTAL_DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(folder),
        "PORTAL_TODAY": "2024-02-27",
    }
    _portal(["db", "upgrade"], env)
    _portal(["demo"], env)
    second = _portal(["demo"], env)  # idempotent: nothing new the second time
    assert "0 extracts ingested, 30 already loaded" in second
    return json.loads(_portal(["metrics", "--json"], env))


def _expected(figure: dict) -> list[tuple[dict, dict]]:
    if "by_lpa" in figure:
        return [({"lpa": lpa}, {"value": v, "round": figure["round"]}) for lpa, v in figure["by_lpa"].items()]
    return [(figure.get("dims") or {}, figure)]


def _matches(row: dict, key: str, as_of: str, dims: dict) -> bool:
    if row["key"] != key or row["as_of"] != as_of:
        return False
    # A dimension the paper leaves out is the total.
    return all(row["dims"].get(d) == dims.get(d, "ALL") for d in row["dims"])


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f['key']}@{f['as_of']}")
def test_paper_figure(metrics: list[dict], figure: dict) -> None:
    for dims, expectation in _expected(figure):
        rows = [r for r in metrics if _matches(r, figure["key"], figure["as_of"], dims)]
        assert len(rows) == 1, (figure["key"], dims, rows)
        value = rows[0]["value"]
        assert rows[0]["extract_id"] is not None
        if "at_least" in expectation:
            assert value >= expectation["at_least"]
        elif "more_than" in expectation:
            assert value > expectation["more_than"]
        else:
            assert round(value, expectation["round"]) == expectation["value"], (figure["key"], dims, value)
