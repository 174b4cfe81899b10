"""Sign-in and sign-out: a server-rendered form, argon2id, lockout, session fixation prevented."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from portal import db
from portal.access.principal import Principal, current_principal_or_none
from portal.clock import utcnow
from portal.services import audit
from portal.services.auth import REFUSED, authenticate
from portal.web.forms import LoginForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths; anything else falls back to the overview."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if parts.path in {"/login", "/logout"}:
        return "/"
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    if current_principal_or_none() is not None and request.method == "GET":
        return redirect("/")
    form = LoginForm()
    error = None
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            settings = current_app.config["PORTAL"]
            s = db.session()
            result = authenticate(
                s,
                hasher=current_app.extensions["portal.hasher"],
                email=form.email.data or "",
                password=form.password.data or "",
                now=utcnow(),
                max_attempts=settings.lockout_attempts,
                window=timedelta(minutes=settings.lockout_minutes),
            )
            s.commit()
            if result.user is not None:
                principal = Principal.from_user(result.user)
                next_url = _safe_next(request.args.get("next"))
                session.clear()  # a fresh session: nothing set before sign-in survives it
                g.pop("csrf_token", None)  # and a fresh CSRF token for it (Flask-WTF caches one per request)
                session.permanent = True
                login_user(principal)
                return redirect(next_url)
            error, status = REFUSED, 401
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
            status = 400
    elif request.args.get("expired"):
        flash("Your session ended after 30 minutes without activity. Sign in again.", "info")
    return render_template("login.html", form=form, error=error), status


@bp.route("/logout", methods=["GET"])
def logout_page() -> tuple[str, int]:
    """Signing out changes state, so it is a POST (CSRF-protected) from the portal's Sign out button."""
    return render_template("logout.html"), 405


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    principal = current_principal_or_none()
    if principal is not None:
        s = db.session()
        audit.record(s, actor=principal, event="auth.logout", entity_type="user", entity_id=principal.user_id)
        s.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
