"""The ingest pipeline against the real database: figures, rejection, duplicates, supersession, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import pipeline
from portal.db import get_database
from portal.models import AuditEvent, Extract, ExtractStatus, MetricValue
from portal.services import extracts as extract_service
from portal.services import metrics as metric_service

AS_OF = date(2024, 2, 1)
MARAC_HEADER = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"


def _marac(tmp_path: Path, rows: list[str], name: str = "marac.csv") -> Path:
    path = tmp_path / name
    path.write_text(MARAC_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


GOOD_ROWS = [
    "R1,Birmingham,2024-01-22,awaiting,,14,no",  # 8 working days to 1 Feb
    "R2,Birmingham,29/01/2024,awaiting,,,",
    "R3,Coventry,2023-12-01,heard,2023-12-20,20,yes",
    "R4,Coventry,2023-12-20,awaiting,,9,no",  # over 28 days
]


def _ingest(
    app: Flask, path: Path, kind: str = "marac_referrals", as_of: date = AS_OF
) -> pipeline.IngestSummary:
    return pipeline.ingest_file(
        get_database(app),
        kind=kind,
        source=path,
        as_of=as_of,
        settings=app.config["PORTAL"],
        today=date(2024, 2, 27),
    )


def _value(session: Session, key: str, lpa: str, extract_id: int) -> float | None:
    return session.scalar(
        select(MetricValue.value).where(
            MetricValue.metric_key == key, MetricValue.lpa == lpa, MetricValue.extract_id == extract_id
        )
    )


def test_good_extract_becomes_figures_with_lineage(app: Flask, db_session: Session, tmp_path: Path) -> None:
    summary = _ingest(app, _marac(tmp_path, GOOD_ROWS))
    assert summary.status == "succeeded", summary
    assert summary.rows == 4 and summary.values > 0
    eid = summary.extract_id
    assert _value(db_session, "marac_cases_awaiting", "Birmingham", eid) == 2
    assert _value(db_session, "marac_cases_awaiting", "Coventry", eid) == 1
    assert _value(db_session, "marac_cases_awaiting", "Solihull", eid) == 0
    assert _value(db_session, "marac_cases_awaiting", "ALL", eid) == 3
    assert _value(db_session, "marac_awaiting_over_28_days", "Coventry", eid) == 1
    extract = db_session.get(Extract, eid)
    assert extract.status == ExtractStatus.SUCCEEDED and len(extract.sha256) == 64
    assert extract.stored_path is None  # the copy is deleted after a successful ingest
    rows = metric_service.values(
        db_session, principal=None, key="marac_cases_awaiting", as_of=AS_OF, lpa="ALL"
    )
    assert (
        rows
        == [
            {
                "key": "marac_cases_awaiting",
                "as_of": "2024-02-01",
                "dims": {"lpa": "ALL"},
                "value": 3.0,
                "numerator": None,
                "denominator": None,
                "unit": "count",
                "extract_id": eid,
            }
        ]
        or rows[0]["unit"] is None
    )  # the catalogue may not be synced in this database


def test_bad_extract_is_rejected_whole_and_changes_nothing(
    app: Flask, db_session: Session, tmp_path: Path
) -> None:
    before = db_session.scalar(select(func.count()).select_from(MetricValue))
    rows = GOOD_ROWS + ["R5,Atlantis,2024-01-10,awaiting,,,", "R1,Coventry,2024-01-10,maybe,,99,"]
    summary = _ingest(app, _marac(tmp_path, rows))
    assert summary.status == "failed"
    assert db_session.scalar(select(func.count()).select_from(MetricValue)) == before
    lines = {(e["line"], e["column"]) for e in summary.errors}
    assert (6, "lpa") in lines and (7, "status") in lines and (7, "dash_score") in lines
    assert (7, "referral_id") in lines  # duplicate id
    extract = db_session.get(Extract, summary.extract_id)
    assert extract.error_count == summary.error_count >= 4
    assert db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.event == "extract.rejected", AuditEvent.entity_id == str(extract.id)
        )
    )


def test_same_file_is_not_ingested_twice(app: Flask, db_session: Session, tmp_path: Path) -> None:
    first = _ingest(app, _marac(tmp_path, GOOD_ROWS))
    with pytest.raises(extract_service.DuplicateExtract, match=f"extract {first.extract_id}"):
        _ingest(app, _marac(tmp_path, GOOD_ROWS, name="renamed.csv"))


def test_newer_extract_for_same_date_supersedes(app: Flask, db_session: Session, tmp_path: Path) -> None:
    first = _ingest(app, _marac(tmp_path, GOOD_ROWS))
    second = _ingest(app, _marac(tmp_path, GOOD_ROWS[:2], name="corrected.csv"))
    assert second.status == "succeeded"
    db_session.expire_all()
    assert db_session.get(Extract, first.extract_id).status == ExtractStatus.SUPERSEDED
    rows = metric_service.values(
        db_session, principal=None, key="marac_cases_awaiting", as_of=AS_OF, lpa="ALL"
    )
    assert [r["value"] for r in rows] == [2.0]
    assert rows[0]["extract_id"] == second.extract_id


def test_redelivered_task_changes_nothing(app: Flask, db_session: Session, tmp_path: Path) -> None:
    summary = _ingest(app, _marac(tmp_path, GOOD_ROWS))
    count = db_session.scalar(select(func.count()).select_from(MetricValue))
    again = pipeline.run_ingest(get_database(app), summary.extract_id, settings=app.config["PORTAL"])
    assert again.status == "succeeded"
    assert db_session.scalar(select(func.count()).select_from(MetricValue)) == count


def test_interrupted_ingest_rerun_writes_no_duplicates(
    app: Flask, db_session: Session, tmp_path: Path
) -> None:
    settings = app.config["PORTAL"].with_overrides(keep_uploads=True)
    path = _marac(tmp_path, GOOD_ROWS)
    summary = pipeline.ingest_file(
        get_database(app),
        kind="marac_referrals",
        source=path,
        as_of=AS_OF,
        settings=settings,
        today=date(2024, 2, 27),
    )
    extract = db_session.get(Extract, summary.extract_id)
    written = db_session.scalar(select(func.count()).where(MetricValue.extract_id == extract.id))
    extract.status = ExtractStatus.PROCESSING  # as if the worker died after writing, before acking
    db_session.flush()
    pipeline.run_ingest(get_database(app), extract.id, settings=settings)
    assert db_session.scalar(select(func.count()).where(MetricValue.extract_id == extract.id)) == written


def _cli(args: list[str], env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = os.environ | env_extra
    return subprocess.run(
        [sys.executable, "-m", "portal.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_ingest_exit_codes_and_metrics_json(tmp_path: Path) -> None:
    env = {
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(tmp_path),
        "PORTAL_TODAY": "2024-02-27",
    }
    assert _cli(["db", "upgrade"], env).returncode == 0
    good = _cli(["ingest", "marac_referrals", str(_marac(tmp_path, GOOD_ROWS)), "--as-of", "2024-02-01"], env)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["status"] == "succeeded"
    bad = _cli(
        [
            "ingest",
            "marac_referrals",
            str(_marac(tmp_path, ["X,Nowhere,2024-13-01,awaiting,,,"], "bad.csv")),
            "--as-of",
            "01/02/2024",
        ],
        env,
    )
    assert bad.returncode == 2
    report = json.loads(bad.stdout)
    assert report["status"] == "failed" and report["error_count"] >= 2
    out = _cli(["metrics", "--key", "marac_cases_awaiting", "--lpa", "Birmingham", "--json"], env)
    assert out.returncode == 0, out.stderr
    assert [(r["as_of"], r["value"]) for r in json.loads(out.stdout)] == [("2024-02-01", 2.0)]
