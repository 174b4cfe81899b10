"""Prometheus metrics: request latency, task durations, extract queue depth and failures at GET /metrics."""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from werkzeug.wrappers import Response

bp = Blueprint("metrics", __name__)
METRICS_PATH = "/metrics"
REQUEST_SECONDS = Histogram(
    "portal_http_request_duration_seconds",
    "Time to answer an HTTP request, by Flask endpoint.",
    ["endpoint", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
TASK_SECONDS = Histogram(
    "portal_task_duration_seconds",
    "Time a Celery task ran, by task name and final state.",
    ["task", "state"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900),
)
EXTRACT_FAILURES = Counter(
    "portal_extract_failures_total",
    "Extract ingests that ended failed (rejected rows or an error), counted by the worker.",
    ["kind"],
)


class ExtractQueueCollector(Collector):
    """Queue depth read from the database at scrape time, so every web process reports the same value."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from portal import db
        from portal.models import Extract, ExtractStatus

        family = GaugeMetricFamily(
            "portal_extracts", "Extracts by status, read from the database.", labels=["status"]
        )
        try:
            with db.get_database(self.app).transaction() as session:
                rows = dict(
                    session.execute(select(Extract.status, func.count()).group_by(Extract.status)).all()
                )
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database is down
            return
        for status in ExtractStatus:
            family.add_metric([str(status)], rows.get(status, 0))
        yield family
        yield GaugeMetricFamily(
            "portal_extracts_queued",
            "Extracts waiting for a worker (status queued).",
            value=rows.get(ExtractStatus.QUEUED, 0),
        )

    def describe(self) -> list[Any]:
        return []


def _registry(app: Flask) -> CollectorRegistry:
    """Multi-process mode (gunicorn and Celery workers) when PROMETHEUS_MULTIPROC_DIR is set."""
    registry = app.extensions.get("portal.metrics_registry")
    if registry is None:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            registry.register(ExtractQueueCollector(app))
        else:
            registry = CollectorRegistry()
            registry.register(_DefaultRegistryProxy())
            registry.register(ExtractQueueCollector(app))
        app.extensions["portal.metrics_registry"] = registry
    return registry


class _DefaultRegistryProxy(Collector):
    """The process-wide default registry, exposed through the app's own registry."""

    def collect(self) -> Iterator[Any]:
        yield from REGISTRY.collect()

    def describe(self) -> list[Any]:
        return []


def token_refusal() -> Response | None:
    """The gate's check for /metrics: 404 when no token is configured, 401 unless it is presented."""
    expected = current_app.config["PORTAL"].metrics_token
    if not expected:
        abort(404)
    header = request.headers.get("Authorization", "")
    presented = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        body = '{"error": "A valid metrics token is required."}\n'
        response = Response(body, 401, mimetype="application/json")
        response.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    g.metrics_authorised = True
    return None


@bp.route(METRICS_PATH)
def metrics() -> Response:
    if not g.get("metrics_authorised"):
        refused = token_refusal()
        if refused is not None:
            return refused
    body = generate_latest(_registry(current_app))
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    """Times every request by endpoint (the start time is taken by the request-id hook)."""

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.get("request_started")
        if started is not None and request.endpoint != "metrics.metrics":
            REQUEST_SECONDS.labels(request.endpoint or "unmatched", request.method).observe(
                time.perf_counter() - started
            )
        return response

    app.register_blueprint(bp)


# --- Celery side: task durations and extract failures, connected by workers/celery_app.py -----------------

_task_started: dict[str, float] = {}


def task_started(task_id: str | None = None, **_kwargs: Any) -> None:
    if task_id:
        _task_started[task_id] = time.perf_counter()


def task_finished(
    task_id: str | None = None, task: Any = None, state: str | None = None, **kwargs: Any
) -> None:
    started = _task_started.pop(task_id or "", None)
    name = getattr(task, "name", None) or "unknown"
    if started is not None:
        TASK_SECONDS.labels(name, state or "UNKNOWN").observe(time.perf_counter() - started)
    retval = kwargs.get("retval")
    from portal.queue import INGEST_TASK

    summary = retval if isinstance(retval, dict) else {}
    if name == INGEST_TASK and (state == "FAILURE" or summary.get("status") == "failed"):
        kind = summary.get("kind")
        EXTRACT_FAILURES.labels(str(kind or "unknown")).inc()
