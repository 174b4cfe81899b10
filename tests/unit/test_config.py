"""Configuration: defaults, environment parsing and the production refusals."""

from __future__ import annotations

import pytest

from portal.config import DEFAULT_SECRET_KEY, ConfigError, load_config


def test_defaults_are_the_embedded_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "PORTAL_DATABASE_URL",
        "PORTAL_REDIS_URL",
        "PORTAL_ENV",
        "PORTAL_SECRET_KEY",
        "PORTAL_MAX_UPLOAD_MB",
    ):
        monkeypatch.delenv(name, raising=False)
    config = load_config()
    assert config.database_url.startswith("sqlite:///") and config.database_url.endswith(
        "instance/portal.sqlite"
    )
    assert config.redis_url is None
    assert config.broker_url.startswith("sqla+sqlite:///")
    assert config.max_upload_mb == 200
    assert config.env == "development"


def test_redis_url_becomes_the_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_config().broker_url == "redis://127.0.0.1:6379/0"


def test_abandoned_tasks_are_looked_for_often_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """kombu's default sweep (100 s) would leave a dead worker's task waiting long after its timeout."""
    monkeypatch.setenv("PORTAL_REDIS_URL", "redis://127.0.0.1:6379/0")
    options = load_config().broker_transport_options
    assert options["visibility_timeout"] == 3600
    assert options["unacked_restore_interval"] == 60 and options["unacked_restore_throttle"] == 1
    monkeypatch.setenv("PORTAL_BROKER_VISIBILITY_TIMEOUT", "30")
    assert load_config().broker_transport_options["unacked_restore_interval"] == 10
    monkeypatch.delenv("PORTAL_REDIS_URL")
    assert load_config().broker_transport_options == {}  # the embedded broker takes none


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="PORTAL_SECRET_KEY"):
        load_config()
    monkeypatch.setenv("PORTAL_SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(ConfigError):
        load_config()
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 40)
    assert load_config().is_production


@pytest.mark.parametrize(
    ("name", "value"),
    [("PORTAL_MAX_UPLOAD_MB", "lots"), ("PORTAL_ENV", "staging"), ("PORTAL_TODAY", "27/02/2024")],
)
def test_malformed_values_are_refused_with_the_variable_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load_config()
