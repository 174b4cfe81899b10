"""The Celery application: boots the same create_app as the web, Redis or the embedded broker."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from celery.schedules import crontab
from flask import Flask

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
        },
        include=["workers.tasks"],
    )
    celery.flask_app = flask_app  # type: ignore[attr-defined]
    return celery


app = make_celery()
