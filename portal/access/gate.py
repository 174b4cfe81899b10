"""The deny-by-default request gate: every path but a short public list needs a signed-in user."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, Response, g, jsonify, redirect, request, session, url_for
from flask_login import logout_user

from portal.access.guard import callback_permissions
from portal.access.principal import Principal, current_principal_or_none
from portal.clock import utcnow
from portal.web.metrics import METRICS_PATH
from portal.web.metrics import token_refusal as metrics_token_refusal

PUBLIC_ENDPOINTS = frozenset({"auth.login", "health.healthz", "health.readyz", "static", "bootstrap.static"})
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/static/")
PUBLIC_PATHS = frozenset({"/favicon.ico", "/_favicon.ico"})
DASH_CALLBACK_PATH = "/_dash-update-component"
IDLE_KEY = "last_seen"


def is_asset_path(path: str) -> bool:
    """Scripts, styles, fonts and icons: public, the same for everyone, cacheable."""
    return path.startswith(PUBLIC_PREFIXES) or path in PUBLIC_PATHS or path.startswith("/bootstrap/static/")


def _is_public() -> bool:
    if request.endpoint in PUBLIC_ENDPOINTS or request.path in PUBLIC_PATHS:
        return True
    return request.path.startswith(PUBLIC_PREFIXES)


def _wants_html() -> bool:
    return (
        request.method == "GET"
        and not request.path.startswith(("/api/", "/_dash"))
        and "text/html" in request.headers.get("Accept", "text/html")
    )


def _refuse(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _idle_expired(app: Flask) -> bool:
    """Server-side idle timeout: the cookie lifetime alone can be replayed, this cannot."""
    now = utcnow()
    raw = session.get(IDLE_KEY)
    limit = app.config["PORTAL"].idle_minutes * 60
    if raw is not None:
        try:
            seen = datetime.fromisoformat(raw)
        except (TypeError, ValueError):
            return True
        if (now - seen).total_seconds() > limit:
            return True
    session[IDLE_KEY] = now.isoformat()
    return False


def init_app(app: Flask) -> None:
    @app.before_request
    def gate() -> Response | None:
        if request.path == METRICS_PATH:
            return metrics_token_refusal()  # a scraper's bearer token, never a session
        if _is_public():
            return None
        refused = _bearer_token()
        if refused is not None:
            return refused
        principal = current_principal_or_none()
        if principal is not None and not principal.via_token and _idle_expired(app):
            logout_user()
            session.clear()
            principal = None
            if _wants_html():
                return redirect(url_for("auth.login", expired=1, next=request.full_path))
            return _refuse(401, "Your session has ended after 30 minutes without activity. Sign in again.")
        if principal is None:
            if _wants_html():
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            return _refuse(401, "Sign in to continue.")
        if request.path == DASH_CALLBACK_PATH:
            return _check_callback(app, principal)
        return None


def _bearer_token() -> Response | None:
    """API clients may present `Authorization: Bearer <token>` instead of a session."""
    header = request.headers.get("Authorization", "")
    if not request.path.startswith("/api/") or not header.lower().startswith("bearer "):
        return None
    from portal import db
    from portal.services import tokens

    user = tokens.resolve(db.session(), raw=header[7:].strip(), now=utcnow())
    if user is None:
        db.session().rollback()
        return _refuse(401, "The API token is not valid or has been revoked.")
    db.session().commit()
    g.token_principal = Principal.from_user(user, via_token=True)
    return None


def _check_callback(app: Flask, principal: Principal) -> Response | None:
    body = request.get_json(silent=True) or {}
    output = body.get("output") if isinstance(body, dict) else None
    permission = callback_permissions(app).get(output) if isinstance(output, str) else None
    if permission is None:
        return _refuse(403, "This request is not allowed.")
    if not principal.can(permission):
        return _refuse(403, "You do not have permission to do that.")
    return None
