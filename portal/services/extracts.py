"""Extracts: registering an upload, the ingest phases (claim, fail, succeed) and the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import polars as pl
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from portal.access import Permission, Principal, require
from portal.models import Extract, ExtractStatus, MetricValue
from portal.services import audit
from workers.readers import KINDS, RowError

MAX_LISTED_ERRORS = 1000
ACTIVE = (ExtractStatus.QUEUED, ExtractStatus.PROCESSING, ExtractStatus.SUCCEEDED, ExtractStatus.SUPERSEDED)


class ExtractError(ValueError):
    """The upload cannot be accepted; the message says why."""


class DuplicateExtract(ExtractError):
    def __init__(self, earlier: Extract) -> None:
        self.earlier = earlier
        super().__init__(
            f"This file was already uploaded as extract {earlier.id} ({earlier.kind}, "
            f"as of {earlier.as_of:%d/%m/%Y}, {earlier.status}); it is not ingested twice."
        )


@dataclass(frozen=True)
class Upload:
    kind: str
    as_of: date
    file_name: str
    stored_path: str
    sha256: str
    size_bytes: int


def check_kind(kind: str) -> str:
    kind = (kind or "").strip().lower()
    if kind not in KINDS:
        raise ExtractError(f"{kind or 'no kind'!r} is not an extract kind; choose one of {', '.join(KINDS)}.")
    return kind


def find_duplicate(session: Session, *, kind: str, sha256: str) -> Extract | None:
    return session.scalar(
        select(Extract)
        .where(Extract.kind == kind, Extract.sha256 == sha256, Extract.status.in_(ACTIVE))
        .order_by(Extract.id)
        .limit(1)
    )


def register(session: Session, *, actor: Principal | None, upload: Upload, today: date) -> Extract:
    """Record an uploaded file as a queued extract (the caller enqueues after commit)."""
    if actor is not None:
        require(actor, Permission.EXTRACTS_UPLOAD)
    kind = check_kind(upload.kind)
    if upload.as_of > today:
        raise ExtractError(f"The as-of date {upload.as_of:%d/%m/%Y} is in the future.")
    if upload.size_bytes == 0:
        raise ExtractError("The file is empty.")
    earlier = find_duplicate(session, kind=kind, sha256=upload.sha256)
    if earlier is not None:
        raise DuplicateExtract(earlier)
    extract = Extract(
        kind=kind,
        as_of=upload.as_of,
        file_name=upload.file_name[:255],
        stored_path=upload.stored_path,
        sha256=upload.sha256,
        size_bytes=upload.size_bytes,
        uploaded_by_id=actor.user_id if actor else None,
        status=ExtractStatus.QUEUED,
        stage="queued",
    )
    session.add(extract)
    session.flush()
    audit.record(
        session,
        actor=actor,
        event="extract.upload",
        entity_type="extract",
        entity_id=extract.id,
        after={
            "kind": kind,
            "as_of": upload.as_of.isoformat(),
            "file": extract.file_name,
            "sha256": upload.sha256,
        },
    )
    return extract


def claim(session: Session, *, extract_id: int, now: datetime) -> Extract | None:
    """Mark an extract as processing; None when it is already finished (a redelivered task)."""
    extract = session.get(Extract, extract_id, with_for_update=True)
    if extract is None or extract.status not in (ExtractStatus.QUEUED, ExtractStatus.PROCESSING):
        return None
    extract.status = ExtractStatus.PROCESSING
    extract.stage = "reading"
    extract.started_at = now
    extract.attempts += 1
    extract.rows_done = 0
    return extract


def set_progress(session: Session, *, extract_id: int, stage: str, rows_done: int) -> None:
    session.execute(
        update(Extract)
        .where(Extract.id == extract_id, Extract.status == ExtractStatus.PROCESSING)
        .values(stage=stage, rows_done=rows_done)
    )


def _error_dict(error: RowError) -> dict[str, Any]:
    return {"line": error.line, "column": error.column, "value": error.value, "message": error.message}


def fail(
    session: Session,
    *,
    extract: Extract,
    errors: Sequence[RowError],
    error_count: int,
    rows: int,
    warnings: Sequence[str],
    now: datetime,
) -> None:
    extract.status = ExtractStatus.FAILED
    extract.stage = "rejected"
    extract.errors = [_error_dict(e) for e in errors[:MAX_LISTED_ERRORS]]
    extract.error_count = error_count
    extract.rows_total = rows
    extract.warnings = list(warnings)
    extract.finished_at = now
    extract.message = (
        f"Rejected: {error_count:,} problem{'s' if error_count != 1 else ''} found; nothing was changed."
    )
    audit.record(
        session,
        actor=None,
        event="extract.rejected",
        entity_type="extract",
        entity_id=extract.id,
        after={"errors": error_count},
    )


def succeed(
    session: Session,
    *,
    extract: Extract,
    values: pl.DataFrame,
    rows: int,
    warnings: Sequence[str],
    now: datetime,
) -> int:
    """Write the extract's metric values (replacing any from an earlier attempt) and supersede older ones."""
    session.execute(delete(MetricValue).where(MetricValue.extract_id == extract.id))
    frame = values.with_columns(
        pl.col("dims").str.json_path_match("$.lpa").alias("lpa"),
        pl.lit(extract.as_of).alias("as_of"),
        pl.lit(extract.id).alias("extract_id"),
    ).rename({"key": "metric_key"})
    records = frame.select(
        "metric_key", "as_of", "dims", "lpa", "value", "numerator", "denominator", "extract_id"
    ).to_dicts()
    if records:
        session.execute(insert(MetricValue), records)
    older = session.scalars(
        select(Extract).where(
            Extract.kind == extract.kind,
            Extract.as_of == extract.as_of,
            Extract.id != extract.id,
            Extract.status == ExtractStatus.SUCCEEDED,
        )
    ).all()
    for previous in older:
        previous.status = ExtractStatus.SUPERSEDED
        previous.superseded_by_id = extract.id
    extract.status = ExtractStatus.SUCCEEDED
    extract.stage = "done"
    extract.rows_total = rows
    extract.rows_done = rows
    extract.values_written = len(records)
    extract.warnings = list(warnings)
    extract.errors = []
    extract.error_count = 0
    extract.finished_at = now
    extract.message = f"{rows:,} rows gave {len(records):,} figures."
    if older:
        extract.message += f" Supersedes extract {', '.join(str(o.id) for o in older)}."
    audit.record(
        session,
        actor=None,
        event="extract.ingested",
        entity_type="extract",
        entity_id=extract.id,
        after={"rows": rows, "values": len(records), "superseded": [o.id for o in older]},
    )
    return len(records)


def stuck(
    session: Session, *, now: datetime, queued_after: timedelta, processing_after: timedelta
) -> list[Extract]:
    """Queued extracts never sent (or sent long ago) and processing ones whose worker went away."""
    return list(
        session.scalars(
            select(Extract)
            .where(
                or_(
                    (Extract.status == ExtractStatus.QUEUED)
                    & or_(Extract.enqueued_at.is_(None), Extract.enqueued_at < now - queued_after),
                    (Extract.status == ExtractStatus.PROCESSING)
                    & (Extract.started_at < now - processing_after),
                )
            )
            .order_by(Extract.id)
        )
    )


def get_all(session: Session, *, actor: Principal, limit: int = 200) -> Sequence[Extract]:
    require(actor, Permission.EXTRACTS_READ)
    return session.scalars(select(Extract).order_by(Extract.id.desc()).limit(limit)).all()


def get(session: Session, *, actor: Principal, extract_id: int) -> Extract | None:
    require(actor, Permission.EXTRACTS_READ)
    return session.get(Extract, extract_id)


def requeue(session: Session, *, extract: Extract) -> None:
    """A processing extract whose worker went away goes back to the queue (its ingest is idempotent)."""
    if extract.status == ExtractStatus.PROCESSING:
        extract.status = ExtractStatus.QUEUED
        extract.stage = "queued"


def mark_enqueued(session: Session, *, extract_id: int, now: datetime) -> None:
    session.execute(
        update(Extract)
        .where(Extract.id == extract_id, Extract.status == ExtractStatus.QUEUED)
        .values(enqueued_at=now)
    )


def history(session: Session, *, actor: Principal, limit: int = 50) -> Sequence[Extract]:
    """Newest first, with the uploader loaded, for the data page's lineage table."""
    require(actor, Permission.EXTRACTS_READ)
    return session.scalars(
        select(Extract).options(selectinload(Extract.uploaded_by)).order_by(Extract.id.desc()).limit(limit)
    ).all()
