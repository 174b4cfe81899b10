"""Web protections: security headers with a hash-based CSP, and the sign-in rate limit."""

from __future__ import annotations

from flask import Flask, current_app, render_template_string, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

LOGIN_RATE_LIMIT = "10/minute"  # per client address, on top of the per-account lockout
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
TOO_MANY = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Too many attempts – Engage Portal</title>
<link rel="stylesheet" href="{{ url_for('bootstrap.static', filename='css/bootstrap.min.css') }}"></head>
<body class="container py-5"><p class="text-uppercase fw-bold">OFFICIAL-SENSITIVE</p>
<h1 class="h3">Too many sign-in attempts</h1>
<p>There have been too many sign-in attempts from your network in the last minute.
Wait a minute, then <a href="{{ url_for('auth.login') }}">try again</a>.</p></body></html>
"""


def content_security_policy(script_hashes: list[str]) -> str:
    """Scripts only from the portal itself (plus Dash's own inline scripts by hash); no eval.

    Styles allow 'unsafe-inline' because Dash components set style attributes and Plotly injects
    its stylesheet at run time; styles cannot run code.
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _script_hashes(app: Flask) -> list[str]:
    """Dash's inline scripts (renderer start-up, inline clientside callbacks), hashed per response:
    Dash adds some on its first page request (the pages title callback), so they are never cached."""
    dash_app = app.extensions.get("portal.dash")
    return list(dash_app.csp_hashes()) if dash_app is not None else []


def install_headers(app: Flask) -> None:
    production = app.config["PORTAL"].is_production

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(_script_hashes(app)))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")  # for browsers that predate frame-ancestors
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if production:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response


def install_rate_limit(app: Flask) -> Limiter:
    """POST /login is limited per client address; Redis holds the counts when it is configured.

    Under PORTAL_ENV=test every client is 127.0.0.1, so the limit is off unless the test's
    configuration names one (extra={"login_rate_limit": "3/minute"}).
    """
    config = app.config["PORTAL"]
    limit = str(config.extra.get("login_rate_limit") or LOGIN_RATE_LIMIT)
    enabled = config.env != "test" or "login_rate_limit" in config.extra
    app.config.setdefault("RATELIMIT_ENABLED", enabled)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Counting must never stop people signing in: if Redis is down, count in memory meanwhile.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=config.redis_url or "memory://",
        default_limits=[],
        key_prefix="engage-login",
    )
    login_view = app.view_functions["auth.login"]
    app.view_functions["auth.login"] = limiter.limit(limit, methods=["POST"])(login_view)
    app.extensions["portal.limiter"] = limiter

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded) -> Response:
        response = current_app.make_response((render_template_string(TOO_MANY), 429))
        response.headers["Retry-After"] = "60"
        if request.path.startswith(("/api/", "/_dash")):
            response = current_app.make_response(({"error": "Too many requests; wait a minute."}, 429))
        return response

    return limiter


def init_app(app: Flask) -> None:
    install_headers(app)
    install_rate_limit(app)
