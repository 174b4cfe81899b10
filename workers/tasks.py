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
