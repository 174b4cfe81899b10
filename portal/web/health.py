"""Liveness and readiness probes for load balancers and compose healthchecks."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from kombu import Connection
from sqlalchemy import text
from werkzeug.wrappers import Response

from portal import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok"})


def _database_ok() -> str | None:
    session = db.session()
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        session.rollback()
        return f"database unreachable: {type(exc).__name__}"
    session.rollback()
    return None


def _broker_ok() -> str | None:
    url = current_app.config["PORTAL"].broker_url
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"broker unreachable: {type(exc).__name__}"
    return None


@bp.route("/readyz")
def readyz() -> tuple[Response, int]:
    problems = [p for p in (_database_ok(), _broker_ok()) if p]
    body = {"status": "ready" if not problems else "not ready", "problems": problems}
    return jsonify(body), 200 if not problems else 503
