"""Sends work to the Celery workers from the web and CLI processes, failing fast when the broker is down."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from celery import Celery
from flask import current_app

from portal.logging_setup import current_request_id

log = logging.getLogger(__name__)
INGEST_TASK = "portal.ingest_extract"
REFRESH_TASK = "portal.refresh_all"
SWEEP_TASK = "portal.sweep_stuck_extracts"
BOARD_PACK_TASK = "portal.generate_board_pack"
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


@lru_cache(maxsize=8)
def client(broker_url: str, visibility_timeout: int = 3600) -> Celery:
    producer = Celery("engage_portal_client", broker=broker_url)
    producer.conf.update(
        broker_connection_timeout=3,
        broker_connection_retry=False,
        broker_transport_options={"visibility_timeout": visibility_timeout}
        if broker_url.startswith("redis")
        else {},
        task_serializer="json",
    )
    return producer


def send(task: str, *args: Any, broker_url: str | None = None) -> bool:
    """True when the broker took the message; False (logged) when it is unreachable."""
    url = broker_url or current_app.config["PORTAL"].broker_url
    request_id = current_request_id()  # the web request's, or the running task's (sweep -> ingest)
    headers = {"request_id": request_id} if request_id else {}
    try:
        client(url).send_task(task, args=list(args), retry=True, retry_policy=RETRY_POLICY, headers=headers)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves the work queued for the sweep
        log.warning("broker unreachable, %s(%s) left for the sweep: %s", task, args, exc)
        return False
    return True
