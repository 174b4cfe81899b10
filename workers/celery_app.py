"""The Celery application: boots the same create_app as the web, Redis or the embedded broker."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from celery.schedules import crontab
from flask import Flask

from portal import logging_setup
from portal.app import create_app
from portal.config import Config, load_config


def make_celery(config: Config | None = None, flask_app: Flask | None = None) -> Celery:
    config = config or load_config()
    flask_app = flask_app or create_app(config, with_dash=False)

    class AppContextTask(Task):  # type: ignore[misc]
        abstract = True

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with flask_app.app_context():
                return super().__call__(*args, **kwargs)

    celery = Celery("engage_portal", task_cls=AppContextTask)
    celery.conf.update(
        broker_url=config.broker_url,
        broker_connection_retry_on_startup=True,
        broker_transport_options=config.broker_transport_options,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        timezone="Europe/London",
        enable_utc=True,
        beat_schedule={
            "refresh-nightly": {"task": "portal.refresh_all", "schedule": crontab(hour=2, minute=0)},
            "sweep-stuck-extracts": {"task": "portal.sweep_stuck_extracts", "schedule": 300.0},
            "reminders-daily": {"task": "portal.send_reminders", "schedule": crontab(hour=7, minute=0)},
        },
        include=["workers.tasks"],
        beat_schedule_filename=str(config.instance_dir / "celerybeat-schedule"),
    )
    if config.worker_concurrency:
        celery.conf.worker_concurrency = config.worker_concurrency
    _connect_observability(json_logs=config.log_json)
    celery.flask_app = flask_app  # type: ignore[attr-defined]
    return celery


def _restore_request_id(task: Task | None = None, **_kwargs: Any) -> None:
    """The enqueuing web request's id (a message header) stamps the task's log records and audit events."""
    context = getattr(task, "request", None)
    headers = getattr(context, "headers", None) or {}
    request_id = getattr(context, "request_id", None) or headers.get("request_id")
    context_token = logging_setup.bind_task_request_id(request_id)
    if context is not None:
        context.portal_request_id_token = context_token


def _forget_request_id(task: Task | None = None, **_kwargs: Any) -> None:
    context_token = getattr(getattr(task, "request", None), "portal_request_id_token", None)
    if context_token is not None:
        logging_setup.unbind_task_request_id(context_token)


def _json_logging(loglevel: int | str | None = None, **_kwargs: Any) -> None:
    logging_setup.configure(loglevel or "INFO")


def _connect_observability(*, json_logs: bool) -> None:
    from celery import signals

    from portal.web import metrics

    signals.task_prerun.connect(_restore_request_id, weak=False, dispatch_uid="portal.request_id.bind")
    signals.task_postrun.connect(_forget_request_id, weak=False, dispatch_uid="portal.request_id.unbind")
    signals.task_prerun.connect(metrics.task_started, weak=False, dispatch_uid="portal.metrics.start")
    signals.task_postrun.connect(metrics.task_finished, weak=False, dispatch_uid="portal.metrics.finish")
    if json_logs:  # connected, this replaces Celery's own logging set-up with JSON lines on stderr
        signals.setup_logging.connect(_json_logging, weak=False, dispatch_uid="portal.logging")


app = make_celery()
