"""The ingest pipeline, one unit of work per phase: claim, read and validate, compute, write.

The Celery task and `portal ingest` both run `run_ingest`; it owns its transactions so progress is
visible while it works, and it is idempotent: a redelivered task finds the extract finished and
does nothing, and a retried one replaces its own earlier values in the same transaction.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from portal import clock, queue
from portal.clock import utcnow
from portal.config import Config
from portal.db import Database
from portal.metrics.config import EngineConfig
from portal.metrics.engine import compute
from portal.models import Extract
from portal.services import extracts as extract_service
from portal.services import refresh as refresh_service
from portal.services import tolerances
from workers.readers import RowError, read_extract

CHUNK = 1024 * 1024


@dataclass
class IngestSummary:
    extract_id: int
    kind: str
    as_of: str
    status: str
    rows: int = 0
    values: int = 0
    error_count: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def summarise(extract: Extract, seconds: float = 0.0) -> IngestSummary:
    return IngestSummary(
        extract_id=extract.id,
        kind=extract.kind,
        as_of=extract.as_of.isoformat(),
        status=str(extract.status),
        rows=extract.rows_total or 0,
        values=extract.values_written,
        error_count=extract.error_count,
        errors=list(extract.errors or [])[:20],
        warnings=list(extract.warnings or []),
        message=extract.message or "",
        seconds=round(seconds, 3),
    )


def store_copy(source: Path, upload_dir: Path) -> tuple[Path, str, int]:
    """Copy a file into the upload area, hashing while copying: (path, sha256, size)."""
    upload_dir.mkdir(parents=True, exist_ok=True)
    target = upload_dir / f"{uuid.uuid4().hex}{source.suffix.lower()}"
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return target, digest.hexdigest(), size


def run_ingest(
    database: Database, extract_id: int, *, settings: Config, engine_config: EngineConfig | None = None
) -> IngestSummary:
    started = time.perf_counter()
    with database.transaction() as session:
        extract = extract_service.claim(session, extract_id=extract_id, now=utcnow())
        if extract is None:
            finished = session.get(Extract, extract_id)
            if finished is None:
                raise LookupError(f"no extract {extract_id}")
            return summarise(finished)
        kind, as_of, path = extract.kind, extract.as_of, Path(extract.stored_path or "")

    def progress(stage: str, rows_done: int) -> None:
        with database.transaction() as s:
            extract_service.set_progress(s, extract_id=extract_id, stage=stage, rows_done=rows_done)

    if not path.is_file():
        result = None
        missing = RowError(None, None, None, "The uploaded file is no longer on disk; upload it again.")
    else:
        result = read_extract(path, kind, as_of=as_of, progress=progress)
        missing = None
    values = None
    if result is not None and result.ok:
        progress("computing", result.rows)
        values = compute(kind, result.frame, as_of=as_of, config=engine_config)
    with database.transaction() as session:
        extract = session.get(Extract, extract_id)
        assert extract is not None
        if result is None or values is None:
            extract_service.fail(
                session,
                extract=extract,
                errors=[missing] if result is None else result.errors,
                error_count=1 if result is None else result.error_count,
                rows=0 if result is None else result.rows,
                warnings=[] if result is None else result.warnings,
                now=utcnow(),
            )
        else:
            extract_service.succeed(
                session,
                extract=extract,
                values=values,
                rows=result.rows,
                warnings=result.warnings,
                now=utcnow(),
            )
            if not settings.keep_uploads:
                extract.stored_path = None
            tolerances.evaluate(
                session, today=clock.today(settings.today), open_actions=settings.breach_opens_action
            )
        summary = summarise(extract, time.perf_counter() - started)
    if summary.status == "succeeded" and not settings.keep_uploads:
        path.unlink(missing_ok=True)
    return summary


def ingest_file(
    database: Database, *, kind: str, source: Path, as_of: date, settings: Config, today: date
) -> IngestSummary:
    """`portal ingest`: register a copy of the file as an extract, then run the same pipeline."""
    stored, sha256, size = store_copy(source, settings.upload_dir)
    try:
        with database.transaction() as session:
            extract = extract_service.register(
                session,
                actor=None,
                upload=extract_service.Upload(kind, as_of, source.name, str(stored), sha256, size),
                today=today,
            )
            extract_id = extract.id
    except Exception:
        stored.unlink(missing_ok=True)
        raise
    return run_ingest(database, extract_id, settings=settings)


QUEUED_GRACE = timedelta(minutes=2)


def run_sweep(database: Database, *, settings: Config) -> dict[str, int]:
    """Send again what never reached the broker, and what a lost worker left half done: extracts, and
    board packs still queued (a second delivery of a pack is harmless: a ready pack is skipped)."""
    from portal.services import boardpacks

    with database.transaction() as session:
        packs = boardpacks.stuck_queued(session, now=utcnow(), after=QUEUED_GRACE)
        stuck = extract_service.stuck(
            session,
            now=utcnow(),
            queued_after=QUEUED_GRACE,
            processing_after=timedelta(minutes=settings.sweep_processing_minutes),
        )
        for extract in stuck:
            extract_service.requeue(session, extract=extract)
        ids = [e.id for e in stuck]
    packs_sent = sum(
        queue.send(queue.BOARD_PACK_TASK, pack_id, broker_url=settings.broker_url) for pack_id in packs
    )
    sent = 0
    for extract_id in ids:
        if queue.send(queue.INGEST_TASK, extract_id, broker_url=settings.broker_url):
            sent += 1
            with database.transaction() as session:
                extract_service.mark_enqueued(session, extract_id=extract_id, now=utcnow())
    return {"stuck": len(ids), "sent": sent, "packs_stuck": len(packs), "packs_sent": packs_sent}


def run_refresh(
    database: Database, *, settings: Config, trigger: str, user_id: int | None = None
) -> dict[str, object]:
    """The nightly job (and "refresh now"): sweep, sync the catalogue, raise alerts; recorded as a run."""
    started = time.perf_counter()
    with database.transaction() as session:
        run_id = refresh_service.start_run(session, task=queue.REFRESH_TASK, trigger=trigger, user_id=user_id)
    try:
        detail: dict[str, object] = {"swept": run_sweep(database, settings=settings)}
        with database.transaction() as session:
            detail.update(refresh_service.refresh(session, today=clock.today(settings.today)))
            detail.update(
                tolerances.evaluate(
                    session, today=clock.today(settings.today), open_actions=settings.breach_opens_action
                )
            )
            refresh_service.finish_run(
                session,
                run_id=run_id,
                outcome="succeeded",
                detail=detail,
                seconds=time.perf_counter() - started,
            )
    except Exception as exc:
        with database.transaction() as session:
            refresh_service.finish_run(
                session,
                run_id=run_id,
                outcome="failed",
                detail={"error": str(exc)},
                seconds=time.perf_counter() - started,
            )
        raise
    return detail
