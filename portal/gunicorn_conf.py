"""gunicorn settings from the environment: `gunicorn --config python:portal.gunicorn_conf portal.wsgi:app`."""

import os


def _env(name: str, fallback: str, default: str) -> str:
    """PORTAL_WEB_* first, then gunicorn's older GUNICORN_* names, then the default."""
    return os.environ.get(name) or os.environ.get(fallback) or default


bind = _env("PORTAL_WEB_BIND", "GUNICORN_BIND", "127.0.0.1:8050")
workers = int(_env("PORTAL_WEB_WORKERS", "GUNICORN_WORKERS", "2"))
threads = int(_env("PORTAL_WEB_THREADS", "GUNICORN_THREADS", "4"))
timeout = int(_env("PORTAL_WEB_TIMEOUT", "GUNICORN_TIMEOUT", "120"))
graceful_timeout = 20
keepalive = 5
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeat files
# No gunicornc control socket: its default path is per user, so two portals on one host would collide.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
errorlog = "-"
_json = os.environ.get("PORTAL_LOG_JSON", "").strip().lower() in {"1", "true", "yes"}
# With JSON logs the portal writes one structured line per request itself (with its request id).
accesslog = None if _json else "-"
if _json:
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.logging_setup.JsonFormatter"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


def child_exit(_server: object, worker: object) -> None:
    """prometheus_client multi-process mode: forget the live gauges of a worker that has exited."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
