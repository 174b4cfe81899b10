"""Celery tasks: thin wrappers over the pipeline, with explicit names, late acks and idempotent effects."""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from portal import pipeline, queue
from portal.db import get_database

log = logging.getLogger(__name__)


@shared_task(name=queue.INGEST_TASK, acks_late=True, reject_on_worker_lost=True)
def ingest_extract(extract_id: int) -> dict[str, object]:
    summary = pipeline.run_ingest(get_database(), extract_id, settings=current_app.config["PORTAL"])
    log.info("extract %s %s: %s", extract_id, summary.status, summary.message)
    return summary.as_dict()


@shared_task(name=queue.SWEEP_TASK, acks_late=True, reject_on_worker_lost=True)
def sweep_stuck_extracts() -> dict[str, int]:
    return pipeline.run_sweep(get_database(), settings=current_app.config["PORTAL"])


@shared_task(name=queue.REFRESH_TASK, acks_late=True, reject_on_worker_lost=True)
def refresh_all(trigger: str = "schedule", user_id: int | None = None) -> dict[str, object]:
    return pipeline.run_refresh(
        get_database(), settings=current_app.config["PORTAL"], trigger=trigger, user_id=user_id
    )


@shared_task(name="portal.send_reminders", acks_late=True, reject_on_worker_lost=True)
def send_reminders() -> dict[str, int]:
    from portal import clock
    from portal.clock import utcnow
    from portal.services import reminders

    settings = current_app.config["PORTAL"]
    with get_database().transaction() as session:
        return reminders.send_reminders(
            session, settings=settings, today=clock.today(settings.today), now=utcnow()
        )


@shared_task(name=queue.BOARD_PACK_TASK, acks_late=True, reject_on_worker_lost=True)
def generate_board_pack(pack_id: int) -> dict[str, object]:
    """Build a queued board pack; progress and stage are committed as it runs, READY packs are left alone."""
    from portal.models import BoardPack, BoardPackStatus
    from portal.services import boardpacks

    settings = current_app.config["PORTAL"]
    with get_database().transaction() as session:
        pack = session.get(BoardPack, pack_id)
        if pack is None or pack.status == BoardPackStatus.READY:
            return {"pack": pack_id, "status": "skipped"}
        try:
            boardpacks.generate(
                session,
                pack=pack,
                principal=boardpacks.principal_for(session, pack),
                upload_dir=settings.upload_dir,
                commit_progress=True,
                readiness_snapshots=settings.readiness_snapshots,
            )
        except Exception as exc:  # noqa: BLE001 - the pack records why it failed
            log.exception("board pack %s failed", pack_id)
            session.rollback()
            pack = session.get(BoardPack, pack_id)
            if pack is not None:
                boardpacks.fail(session, pack=pack, message=str(exc)[:500])
            return {"pack": pack_id, "status": "failed"}
        return {"pack": pack_id, "status": "ready", "sha256": pack.sha256}
