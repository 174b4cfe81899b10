"""Security headers on every response, and the sign-in rate limit with its 429 page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import Config
from portal.db import get_database
from support import csrf_from, login


def make_config(url: str, instance: Path, **overrides: object) -> Config:
    return Config(
        env="test",
        database_url=url,
        secret_key="test-secret-key-that-is-long-enough-for-anything",
        instance_dir=instance,
        upload_dir=instance / "uploads",
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    ).with_overrides(**overrides)


@pytest.mark.parametrize("path", ["/login", "/healthz", "/", "/_dash-layout", "/assets/portal.css"])
def test_headers_on_every_response(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'self'" in script_src and "'sha256-" in script_src and "unsafe-inline" not in script_src
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # production only


def test_csp_hashes_cover_the_dash_inline_scripts(app: Flask, client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    csp = client.get("/").headers["Content-Security-Policy"]
    for digest in app.extensions["portal.dash"].csp_hashes():
        assert digest in csp


@pytest.fixture
def limited_app(seeded_url: str, tmp_path: Path) -> Iterator[Flask]:
    flask_app = create_app(
        make_config(seeded_url, tmp_path, extra={"login_rate_limit": "3/minute"}), with_dash=False
    )
    yield flask_app
    get_database(flask_app).dispose()


def test_login_posts_are_rate_limited_per_address(limited_app: Flask) -> None:
    client = limited_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for _ in range(3):
        assert login(client, "nobody@portal.example", "wrong-password-here").status_code == 401
    refused = login(client, "nobody@portal.example", "wrong-password-here")
    assert refused.status_code == 429
    assert "Too many sign-in attempts" in refused.get_data(as_text=True)
    assert refused.headers["Retry-After"] == "60"
    assert client.get("/login").status_code == 200  # reading the form is not limited
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "203.0.113.8"
    page = other.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    assert (
        other.post("/login", data={"email": "x@y.z", "password": "p", "csrf_token": token}).status_code == 401
    )


def test_hsts_in_production_only(seeded_url: str, tmp_path: Path) -> None:
    from portal.security import install_headers

    flask_app = Flask("probe")
    flask_app.config["PORTAL"] = make_config(seeded_url, tmp_path).with_overrides(env="production")
    install_headers(flask_app)
    flask_app.add_url_rule("/x", "x", lambda: "ok")
    headers = flask_app.test_client().get("/x").headers
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
