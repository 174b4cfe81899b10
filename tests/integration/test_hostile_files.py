"""Hostile extracts through the real ingest path: each refused clearly, nothing written, memory bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from hostile.corpus import CORPUS, GOOD, MARAC_HEADER, Hostile
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import pipeline
from portal.db import get_database
from portal.models import Extract, ExtractStatus, MetricValue
from portal.services.extracts import ExtractError

AS_OF = date(2024, 2, 1)
ROOT = Path(__file__).resolve().parents[2]
RSS_BOUND_MB = 1536


def _ingest(app: Flask, path: Path, kind: str) -> pipeline.IngestSummary:
    return pipeline.ingest_file(
        get_database(app), kind=kind, source=path, as_of=AS_OF, settings=app.config["PORTAL"], today=AS_OF
    )


def _values(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MetricValue))


def test_the_corpus_has_at_least_25_files() -> None:
    assert len(CORPUS) >= 25
    assert len({h.name for h in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("hostile", CORPUS, ids=lambda h: h.name)
def test_hostile_file_is_refused_with_a_clear_message(
    app: Flask, db_session: Session, tmp_path: Path, hostile: Hostile
) -> None:
    before = _values(db_session)
    path = hostile.build(tmp_path / f"{hostile.name}{hostile.suffix}")
    try:
        summary = _ingest(app, path, hostile.kind)
    except ExtractError as exc:  # refused at registration (an empty upload), before any reading
        assert hostile.message.lower() in str(exc).lower()
        assert _values(db_session) == before
        return
    assert summary.status == "failed", summary
    messages = " | ".join(str(e["message"]) for e in summary.errors)
    assert hostile.message.lower() in messages.lower(), messages
    assert all(len(str(e.get("value") or "")) <= 200 for e in summary.errors)
    assert all(len(w) < 400 for w in summary.warnings)
    assert _values(db_session) == before
    extract = db_session.get(Extract, summary.extract_id)
    assert extract.status == ExtractStatus.FAILED and extract.values_written == 0


def test_utf8_bom_is_accepted(app: Flask, db_session: Session, tmp_path: Path) -> None:
    """DATA.md: CSV UTF-8, a byte-order mark is fine."""
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (MARAC_HEADER + "\n" + GOOD + "\n").encode())
    summary = _ingest(app, path, "marac_referrals")
    assert summary.status == "succeeded", summary.errors


def test_unknown_columns_are_ignored_with_a_warning(app: Flask, db_session: Session, tmp_path: Path) -> None:
    """DATA.md: unknown columns are ignored with a warning, not refused."""
    path = tmp_path / "extra.csv"
    path.write_text(MARAC_HEADER + ",shoe_size\n" + GOOD + ",9\n", encoding="utf-8")
    summary = _ingest(app, path, "marac_referrals")
    assert summary.status == "succeeded", summary.errors
    assert any("shoe_size" in w for w in summary.warnings)


def test_negative_numbers_are_not_mistaken_for_formulas(
    app: Flask, db_session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "manual.csv"
    path.write_text("metric_key,value,lpa,note\nsom_uplift_posts,-2,,fewer posts\n", encoding="utf-8")
    summary = _ingest(app, path, "manual")
    assert not any("formula" in str(e["message"]) for e in summary.errors)


_MEASURE = """
import json, resource, sys
from datetime import date
from pathlib import Path
from workers.readers import read_extract
result = read_extract(Path(sys.argv[1]), sys.argv[2], as_of=date(2024, 2, 1))
print(json.dumps({"ok": result.ok, "errors": [e.message for e in result.errors][:3],
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("name", ["long_line_50mb", "single_line_50mb", "header_100000_columns", "zip_bomb"])
def test_memory_stays_bounded(tmp_path: Path, name: str) -> None:
    """Peak RSS of a fresh process reading the file (a bound, not a timing); figures in docs/SECURITY.md."""
    hostile = next(h for h in CORPUS if h.name == name)
    path = hostile.build(tmp_path / f"{name}{hostile.suffix}")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), hostile.kind],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=300,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{name}: {path.stat().st_size / 2**20:.1f} MB on disk, peak RSS {report['rss_mb']:.0f} MB")
    assert report["ok"] is False and report["errors"]
    assert report["rss_mb"] < RSS_BOUND_MB


def test_cli_ingest_exits_2_on_hostile_files(tmp_path: Path) -> None:
    env = os.environ | {
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(tmp_path),
        "PORTAL_TODAY": "2024-02-27",
    }
    run = [sys.executable, "-m", "portal.cli"]
    assert subprocess.run([*run, "db", "upgrade"], env=env, capture_output=True, timeout=120).returncode == 0
    for name in ("xlsm_macros", "formula_cmd", "nul_bytes"):
        hostile = next(h for h in CORPUS if h.name == name)
        path = hostile.build(tmp_path / f"{name}{hostile.suffix}")
        done = subprocess.run(
            [*run, "ingest", hostile.kind, str(path), "--as-of", "2024-02-01"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        assert json.loads(done.stdout)["status"] == "failed"
