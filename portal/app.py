"""The application factory: Flask server, database, sign-in, the access gate and the Dash portal."""

from __future__ import annotations

import logging

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from portal import db, logging_setup
from portal.access import gate
from portal.access.principal import Principal
from portal.config import Config, ConfigError, load_config
from portal.models import User
from portal.passwords import Hasher

log = logging.getLogger(__name__)
CSRF_COOKIE = "_csrf_token"  # Dash's renderer copies this cookie into an X-CSRFToken header


def _load_principal(session_id: str) -> Principal | None:
    """Flask-Login loader: the role and scopes come from the database on every request."""
    user_id, _, epoch = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session().get(User, int(user_id), options=[selectinload(User.scopes)])
    if user is None or not user.is_active or user.is_service or str(user.session_epoch) != epoch:
        return None
    return Principal.from_user(user)


class AssetAwareSessionInterface(SecureCookieSessionInterface):
    """Public scripts, styles and images never carry the session cookie back.

    Otherwise each asset response gets `Vary: Cookie` and a re-signed cookie, the cookie differs on
    every request, and the browser refetches every bundle on every page (seconds of first render)."""

    def save_session(self, app: Flask, session: object, response: Response) -> None:  # type: ignore[override]
        if gate.is_asset_path(request.path):
            return None
        return super().save_session(app, session, response)  # type: ignore[arg-type]


def _configure_flask(app: Flask, config: Config) -> None:
    app.session_interface = AssetAwareSessionInterface()
    app.config.update(
        PORTAL=config,
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_NAME="engage_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.is_production,
        PERMANENT_SESSION_LIFETIME=config.idle_minutes * 60,
        MAX_CONTENT_LENGTH=(config.max_upload_mb + 1) * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        WTF_CSRF_SSL_STRICT=config.is_production,
        TESTING=config.env == "test",
    )


def _install_serving(app: Flask, config: Config) -> None:
    """JSON logs, compressed bundles and reverse-proxy headers (deployment, docs/OPERATIONS.md)."""
    from flask_compress import Compress
    from werkzeug.middleware.proxy_fix import ProxyFix

    if config.log_json:
        logging_setup.configure()
    app.config.update(
        COMPRESS_MIMETYPES=["application/javascript", "text/javascript", "text/css", "application/json"],
        COMPRESS_ALGORITHM=["br", "gzip", "deflate"],
        COMPRESS_MIN_SIZE=500,
    )
    Compress(app)  # registered first, so it runs after every other after_request hook
    if config.trusted_proxies:
        hops = config.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]


def _install_csrf(app: Flask) -> None:
    csrf = CSRFProtect(app)
    app.extensions["portal.csrf"] = csrf

    @app.after_request
    def _csrf_cookie(response: Response) -> Response:
        # Scripts, styles and images carry no form: touching the session there would add
        # `Vary: Cookie` and a fresh cookie to every asset, and browsers would never cache them.
        if request.endpoint and request.endpoint.startswith(("static", "bootstrap.", "metrics.")):
            return response
        if gate.is_asset_path(request.path):
            return response
        response.set_cookie(
            CSRF_COOKIE,
            generate_csrf(),
            secure=app.config["SESSION_COOKIE_SECURE"],
            samesite="Lax",
            httponly=False,  # the Dash renderer must read it
        )
        return response

    @app.errorhandler(CSRFError)
    def _csrf_refused(error: CSRFError) -> tuple[str, int]:
        return (
            "This form has expired or did not come from the portal. Go back, reload the page and try again.",
            400,
        )


def create_app(config: Config | None = None, *, with_dash: bool = True) -> Flask:
    """Build the portal. Celery workers call this too (without the Dash pages)."""
    config = config or load_config()
    config.check()
    config.instance_dir.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(config.instance_dir))
    _configure_flask(app, config)
    db.init_app(app, db.Database(config.database_url))
    app.extensions["portal.hasher"] = Hasher(
        time_cost=config.argon2_time_cost, memory_kib=config.argon2_memory_kib
    )

    _install_serving(app, config)
    logging_setup.init_app(app)  # request id first: the gate's refusals carry one too
    login_manager = LoginManager(app)
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_principal)
    Bootstrap5(app)
    gate.init_app(app)  # before CSRF, so anonymous callers are told to sign in whatever they send
    _install_csrf(app)

    from portal.web import api, auth, health, metrics, uploads
    from portal.web import boardpacks as boardpacks_web
    from portal.web import evidence as evidence_web
    from portal.web import exports as exports_web

    app.request_class = uploads.PortalRequest
    app.register_blueprint(auth.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(uploads.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(evidence_web.bp)
    app.register_blueprint(exports_web.bp)
    app.register_blueprint(boardpacks_web.bp)
    metrics.init_app(app)
    _access_errors(app)
    _server_errors(app)
    from portal import security

    security.init_app(app)  # security headers and the sign-in rate limit, before any request
    if with_dash:
        from portal.dashapp import build_dash

        build_dash(app)
    if config.is_production:
        _refuse_demo_accounts(app)
    return app


def _access_errors(app: Flask) -> None:
    """Refusals raised by services become clear HTTP answers, never stack traces."""
    from flask import jsonify

    from portal.access.principal import AccessDenied, NotSignedIn

    @app.errorhandler(AccessDenied)
    def _denied(_exc: AccessDenied) -> tuple[Response, int]:
        return jsonify({"error": "You do not have permission to see or do that."}), 403

    @app.errorhandler(NotSignedIn)
    def _anonymous(_exc: NotSignedIn) -> tuple[Response, int]:
        return jsonify({"error": "Sign in to continue."}), 401


ERROR_PAGE = """{% extends "base.html" %}{% block title %}{{ heading }}{% endblock %}{% block content %}
<h1 class="h3">{{ heading }}</h1><p class="lead">{{ message }}</p>
<p><a class="btn btn-primary" href="/">Try again</a></p>
<p class="text-muted small">If this keeps happening, tell the portal team, quoting reference {{ reference }}.
</p>
{% endblock %}"""


def _server_errors(app: Flask) -> None:
    """Database outages (503) and unexpected faults (500) get a plain page or JSON, never a traceback."""
    from flask import jsonify
    from sqlalchemy.exc import InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout
    from werkzeug.exceptions import InternalServerError

    def _answer(status: int, heading: str, message: str) -> tuple[Response | str, int]:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()  # the connection is discarded; the next request gets a fresh one
        reference = logging_setup.current_request_id() or "-"
        if request.method == "GET" and not request.path.startswith(("/api/", "/_dash")):
            # Rendered by Jinja directly: Flask-Login's context processor would query the database again.
            page = app.jinja_env.from_string(ERROR_PAGE)
            return page.render(heading=heading, message=message, reference=reference), status
        return jsonify({"error": f"{heading}. {message}", "reference": reference}), status

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def _database_unavailable(exc: Exception) -> tuple[Response | str, int]:
        log.error("database unavailable: %s", type(exc).__name__, exc_info=exc)
        return _answer(
            503, "The portal cannot reach its database", "Nothing was saved. Wait a minute and try again."
        )

    @app.errorhandler(InternalServerError)
    def _internal_error(exc: InternalServerError) -> tuple[Response | str, int]:
        return _answer(500, "Something went wrong", "The error has been logged. Try again.")


def _refuse_demo_accounts(app: Flask) -> None:
    """Production must not start while the published demo accounts can sign in."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import DBAPIError

    try:
        with db.get_database(app).transaction() as s:
            demo = s.scalar(select(func.count()).select_from(User).where(User.is_demo, User.is_active))
    except DBAPIError:
        return  # not migrated yet: there are no accounts at all
    if demo:
        raise ConfigError(
            f"{demo} demo account(s) are active; deactivate them (portal users deactivate) "
            "before running with PORTAL_ENV=production"
        )
