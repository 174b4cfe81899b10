"""Structured JSON logs with a request id that follows a request from the web into its Celery tasks."""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from werkzeug.wrappers import Response

REQUEST_ID_HEADER = "X-Request-ID"
_task_request_id: ContextVar[str | None] = ContextVar("portal_task_request_id", default=None)
# Attributes every LogRecord has; anything else passed through `extra=` goes into the JSON line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName", "request_id"}
request_log = logging.getLogger("portal.request")


def clean_request_id(raw: str | None) -> str | None:
    """An incoming id is honoured when short and printable; anything else is replaced."""
    if raw and len(raw) <= 64 and raw.isprintable() and '"' not in raw:
        return raw
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the web request being served, or of the request that enqueued the running task."""
    if has_request_context():
        rid = g.get("request_id")
        if rid:
            return str(rid)
    return _task_request_id.get()


def bind_task_request_id(request_id: str | None) -> object:
    return _task_request_id.set(clean_request_id(request_id))


def unbind_task_request_id(token: object) -> None:
    _task_request_id.reset(token)  # type: ignore[arg-type]


class RequestIdFilter(logging.Filter):
    """Stamps every record with the current request id (None outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                body[key] = value
        if record.exc_info:
            body["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            body["stack"] = self.formatStack(record.stack_info)
        return json.dumps(body, default=str, ensure_ascii=False)


def configure(level: int | str = logging.INFO, stream: Any = None) -> None:
    """Send the root logger's records to stderr as JSON lines (idempotent)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler.formatter, JsonFormatter):
            return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def init_app(app: Flask) -> None:
    """Request id on every request (honoured or generated), returned in the response, one log line each."""

    @app.before_request
    def _request_id() -> None:
        g.request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        rid = g.get("request_id")
        if rid:
            response.headers[REQUEST_ID_HEADER] = rid
        started = g.get("request_started")
        if started is not None and request.endpoint not in {"health.healthz", "health.readyz"}:
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "remote_addr": request.remote_addr,
                },
            )
        return response
