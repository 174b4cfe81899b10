"""Production refuses the unsafe: demo accounts present, the default secret, insecure cookies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backends import make_config
from portal.app import create_app
from portal.config import ConfigError
from portal.db import get_database

SECRET = "a-production-secret-that-is-long-enough-1234567890"


def test_production_refuses_to_start_with_demo_accounts(seeded_url: str, tmp_path: Path) -> None:
    config = make_config(seeded_url, tmp_path, env="production", secret_key=SECRET)
    with pytest.raises(ConfigError, match="demo account"):
        create_app(config)


def test_production_starts_without_demo_accounts_and_sets_secure_cookies(tmp_path: Path) -> None:
    from portal import migrate

    url = f"sqlite:///{tmp_path / 'prod.sqlite'}"
    migrate.upgrade(url)
    app = create_app(make_config(url, tmp_path, env="production", secret_key=SECRET))
    try:
        assert app.config["SESSION_COOKIE_SECURE"] is True
        response = app.test_client().get("/login", base_url="https://portal.example")
        cookies = response.headers.getlist("Set-Cookie")
        assert any(c.startswith("_csrf_token=") and "Secure" in c for c in cookies)
    finally:
        get_database(app).dispose()


def test_demo_command_is_refused_in_production(tmp_path: Path) -> None:
    env = os.environ | {
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": SECRET,
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", "demo"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "production" in done.stderr
