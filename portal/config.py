"""Settings read from the environment (DESIGN.md "Contracts"), with defaults for the embedded profile."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

DEFAULT_SECRET_KEY = "engage-portal-development-key-change-me"  # noqa: S105 - the known default we refuse
ENVIRONMENTS = ("development", "production", "test")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration is unsafe or malformed; the portal refuses to start."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def _page_cache_setting() -> bool:
    raw = os.environ.get("PORTAL_PAGE_CACHE", "").strip().lower()
    if raw:
        return raw in {"1", "true", "yes"}
    return os.environ.get("PORTAL_ENV", "").strip() != "test"  # tests roll back: versions repeat


def _env_date(name: str) -> date | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an ISO date such as 2024-02-27, not {raw!r}") from exc


@dataclass(frozen=True)
class Config:
    env: str = "development"
    database_url: str = ""
    redis_url: str | None = None
    secret_key: str = DEFAULT_SECRET_KEY
    instance_dir: Path = PROJECT_ROOT / "instance"
    upload_dir: Path = PROJECT_ROOT / "instance" / "uploads"
    max_upload_mb: int = 200
    keep_uploads: bool = False
    # Pins the portal's idea of "today"; the demo runs as at the board paper's date.
    today: date | None = None
    demo_password: str = "engage-demo"  # noqa: S105 - documented demo password
    idle_minutes: int = 30
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    # argon2id cost; tests lower it because hundreds of logins at ~150 ms each add up.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    log_json: bool = False
    # Per-user memo of read-only page callbacks (portal/pagecache.py); off by default under test.
    page_cache: bool = True
    # Seconds before Redis hands an unacknowledged task (its worker died) to another worker.
    broker_visibility_timeout: int = 3600
    # Minutes before the sweep treats a processing extract as abandoned and sends it again.
    sweep_processing_minutes: int = 30
    # Reverse-proxy hops whose X-Forwarded-* headers are trusted (0: none, the portal faces clients).
    trusted_proxies: int = 0
    # Bearer token that GET /metrics requires; unset means the endpoint answers 404.
    metrics_token: str | None = None
    # Celery worker processes per container (unset: one per CPU, Celery's default).
    worker_concurrency: int | None = None
    # Governance outputs: snapshots within tolerance before a cause counts as ready to leave Engage.
    readiness_snapshots: int = 3
    # A tolerance breach opens an action under the metric's recommendation for the LPA's lead.
    breach_opens_action: bool = False
    # Outgoing mail for reminders and digests; no host means in-app notifications only.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "engage-portal@localhost"
    smtp_starttls: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def broker_url(self) -> str:
        if self.redis_url:
            return self.redis_url
        return f"sqla+sqlite:///{self.instance_dir / 'celery-broker.sqlite'}"

    @property
    def broker_transport_options(self) -> dict[str, object]:
        """Redis redelivers unacknowledged tasks after the visibility timeout; the embedded transport
        takes no options (its engine would refuse them).

        Workers look for abandoned tasks every third of the timeout (at most every minute, one Redis
        query each time) instead of kombu's default 100 s, so a task whose worker died is picked up
        soon after its timeout ends."""
        if not self.redis_url:
            return {}
        sweep = max(1, min(60, self.broker_visibility_timeout // 3))
        return {
            "visibility_timeout": self.broker_visibility_timeout,
            "unacked_restore_interval": sweep,
            "unacked_restore_throttle": 1,
        }

    def with_overrides(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]

    def check(self) -> None:
        """Refuse settings that are unsafe for the chosen environment."""
        if self.env not in ENVIRONMENTS:
            raise ConfigError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {self.env!r}")
        if self.is_production and self.secret_key == DEFAULT_SECRET_KEY:
            raise ConfigError("PORTAL_SECRET_KEY must be set to a private value in production")
        if self.is_production and len(self.secret_key) < 32:
            raise ConfigError("PORTAL_SECRET_KEY must be at least 32 characters in production")
        if self.max_upload_mb <= 0:
            raise ConfigError("PORTAL_MAX_UPLOAD_MB must be positive")
        if self.trusted_proxies < 0:
            raise ConfigError("PORTAL_TRUSTED_PROXIES must be 0 or a positive number of proxy hops")
        if self.metrics_token is not None and len(self.metrics_token) < 16:
            raise ConfigError("PORTAL_METRICS_TOKEN must be at least 16 characters")


def load_config() -> Config:
    """Build the configuration from PORTAL_* environment variables."""
    instance_dir = Path(os.environ.get("PORTAL_INSTANCE_DIR", PROJECT_ROOT / "instance")).resolve()
    database_url = os.environ.get("PORTAL_DATABASE_URL", "").strip() or (
        f"sqlite:///{instance_dir / 'portal.sqlite'}"
    )
    config = Config(
        env=os.environ.get("PORTAL_ENV", "development").strip() or "development",
        database_url=database_url,
        redis_url=os.environ.get("PORTAL_REDIS_URL", "").strip() or None,
        secret_key=os.environ.get("PORTAL_SECRET_KEY", "").strip() or DEFAULT_SECRET_KEY,
        instance_dir=instance_dir,
        upload_dir=Path(os.environ.get("PORTAL_UPLOAD_DIR", instance_dir / "uploads")).resolve(),
        max_upload_mb=_env_int("PORTAL_MAX_UPLOAD_MB", 200),
        keep_uploads=os.environ.get("PORTAL_KEEP_UPLOADS", "").strip().lower() in {"1", "true", "yes"},
        today=_env_date("PORTAL_TODAY"),
        demo_password=os.environ.get("PORTAL_DEMO_PASSWORD", "").strip() or "engage-demo",
        log_json=os.environ.get("PORTAL_LOG_JSON", "").strip().lower() in {"1", "true", "yes"},
        page_cache=_page_cache_setting(),
        broker_visibility_timeout=_env_int("PORTAL_BROKER_VISIBILITY_TIMEOUT", 3600),
        sweep_processing_minutes=_env_int("PORTAL_SWEEP_PROCESSING_MINUTES", 30),
        trusted_proxies=_env_int("PORTAL_TRUSTED_PROXIES", 0),
        metrics_token=os.environ.get("PORTAL_METRICS_TOKEN", "").strip() or None,
        worker_concurrency=_env_int("PORTAL_WORKER_CONCURRENCY", 0) or None,
        readiness_snapshots=max(1, _env_int("PORTAL_READINESS_SNAPSHOTS", 3)),
        breach_opens_action=_env_flag("PORTAL_BREACH_OPENS_ACTION"),
        smtp_host=os.environ.get("PORTAL_SMTP_HOST", "").strip() or None,
        smtp_port=_env_int("PORTAL_SMTP_PORT", 587),
        smtp_user=os.environ.get("PORTAL_SMTP_USER", "").strip() or None,
        smtp_password=os.environ.get("PORTAL_SMTP_PASSWORD", "") or None,
        smtp_from=os.environ.get("PORTAL_SMTP_FROM", "").strip() or "engage-portal@localhost",
        smtp_starttls=os.environ.get("PORTAL_SMTP_STARTTLS", "true").strip().lower() in {"1", "true", "yes"},
    )
    config.check()
    return config
