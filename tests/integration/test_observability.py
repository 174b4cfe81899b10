"""Request ids in headers and JSON logs, the token-guarded /metrics endpoint, gzip bundles, ProxyFix."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.middleware.proxy_fix import ProxyFix

from backends import make_config
from portal import logging_setup
from portal.app import create_app
from portal.db import get_database
from support import login

TOKEN = "metrics-token-for-the-tests-0123456789"


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging_setup.JsonFormatter())
    handler.addFilter(logging_setup.RequestIdFilter())
    logger = logging.getLogger("portal.request")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def _records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_request_id_is_honoured_returned_and_logged_as_json(
    client: FlaskClient, json_lines: io.StringIO
) -> None:
    response = client.get("/login", headers={"X-Request-ID": "req-abc-123"})
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "req-abc-123"
    line = next(r for r in _records(json_lines) if r.get("path") == "/login")
    assert line["request_id"] == "req-abc-123"
    assert line["status"] == 200 and line["method"] == "GET" and line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and line["time"]


def test_request_id_is_generated_when_missing_or_unsafe(client: FlaskClient) -> None:
    generated = client.get("/login").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    replaced = client.get("/login", headers={"X-Request-ID": "x" * 200}).headers["X-Request-ID"]
    assert replaced != "x" * 200 and re.fullmatch(r"[0-9a-f]{32}", replaced)
    # Refusals by the gate carry one too.
    assert client.get("/api/v1/metrics").headers.get("X-Request-ID")


def test_task_request_id_stamps_worker_records() -> None:
    token = logging_setup.bind_task_request_id("from-the-web")
    try:
        record = logging.makeLogRecord({"msg": "ingest %s", "args": (7,), "name": "workers.tasks"})
        logging_setup.RequestIdFilter().filter(record)
        body = json.loads(logging_setup.JsonFormatter().format(record))
        assert body["request_id"] == "from-the-web" and body["message"] == "ingest 7"
    finally:
        logging_setup.unbind_task_request_id(token)
    assert logging_setup.current_request_id() is None


def test_queue_send_passes_the_request_id_in_task_headers(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal import queue

    sent: list[dict[str, object]] = []

    class FakeProducer:
        def send_task(self, name: str, **kwargs: object) -> None:
            sent.append({"name": name, **kwargs})

    monkeypatch.setattr(queue, "client", lambda *_a, **_k: FakeProducer())
    with app.test_request_context("/extracts/upload", headers={"X-Request-ID": "upload-42"}):
        app.preprocess_request()
        assert queue.send(queue.INGEST_TASK, 5, broker_url="memory://") is True
    assert sent[0]["headers"] == {"request_id": "upload-42"}


def test_metrics_is_404_without_a_configured_token(client: FlaskClient) -> None:
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


def test_metrics_requires_the_token(app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "PORTAL", app.config["PORTAL"].with_overrides(metrics_token=TOKEN))
    assert client.get("/metrics").status_code == 401
    assert (
        client.get("/metrics", headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
    )
    # A signed-in session is not enough: only the scraper's token opens it.
    login(client, "admin@portal.example")
    assert client.get("/metrics").status_code == 401
    client.get("/login")
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    for name in (
        "portal_http_request_duration_seconds_bucket",
        'endpoint="auth.login"',
        "portal_task_duration_seconds",
        "portal_extract_failures_total",
        "portal_extracts_queued",
        'portal_extracts{status="failed"}',
    ):
        assert name in text, name


def test_task_signals_feed_the_task_metrics() -> None:
    from prometheus_client import REGISTRY

    from portal.queue import INGEST_TASK
    from portal.web import metrics

    class FakeTask:
        name = INGEST_TASK

    def failures() -> float:
        return REGISTRY.get_sample_value("portal_extract_failures_total", {"kind": "crimes"}) or 0.0

    before = failures()
    metrics.task_started(task_id="t-1")
    metrics.task_finished(
        task_id="t-1", task=FakeTask(), state="SUCCESS", retval={"status": "failed", "kind": "crimes"}
    )
    assert failures() == before + 1
    count = REGISTRY.get_sample_value(
        "portal_task_duration_seconds_count", {"task": INGEST_TASK, "state": "SUCCESS"}
    )
    assert count and count >= 1


def test_dash_bundles_are_gzipped(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    page = client.get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+\.js[^"]*)"', page)
    assert bundles, "the page names its Dash bundles"
    plain = client.get(bundles[0])
    response = client.get(bundles[0], headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == plain.get_data()
    assert len(response.get_data()) < len(plain.get_data()) / 2


def test_proxy_headers_are_trusted_only_when_configured(
    seeded_url: str, tmp_path: Path, json_lines: io.StringIO
) -> None:
    plain = create_app(make_config(seeded_url, tmp_path), with_dash=False)
    behind = create_app(make_config(seeded_url, tmp_path, trusted_proxies=1), with_dash=False)
    try:
        assert not isinstance(plain.wsgi_app, ProxyFix)
        assert isinstance(behind.wsgi_app, ProxyFix)
        headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Request-ID": "proxied"}
        plain.test_client().get("/login", headers=headers | {"X-Request-ID": "direct"})
        behind.test_client().get("/login", headers=headers)
        lines = {r["request_id"]: r for r in _records(json_lines)}
        assert lines["proxied"]["remote_addr"] == "203.0.113.9"
        assert lines["direct"]["remote_addr"] != "203.0.113.9"
    finally:
        get_database(plain).dispose()
        get_database(behind).dispose()
