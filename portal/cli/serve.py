"""`portal serve`: the web server with its Celery worker and beat, stopped together by one Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click

from portal.cli._context import config_or_exit


def _commands(
    host: str, port: int, web_workers: int, with_worker: bool, instance: str
) -> dict[str, list[str]]:
    bin_dir = os.path.dirname(sys.executable)
    commands = {
        "web": [
            os.path.join(bin_dir, "gunicorn"),
            "portal.wsgi:app",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(web_workers),
            "--threads",
            "4",
            "--config",
            "python:portal.gunicorn_conf",
        ],
    }
    if with_worker:
        celery = os.path.join(bin_dir, "celery")
        commands["worker"] = [
            celery,
            "-A",
            "workers.celery_app",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "1",
            "--pool",
            "solo",
            "--hostname",
            "portal@%h",
        ]
        commands["beat"] = [
            celery,
            "-A",
            "workers.celery_app",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            os.path.join(instance, "celerybeat-schedule"),
        ]
    return commands


@click.command(help="Serve the portal with a Celery worker and beat; Ctrl-C stops all of them.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--web-workers", default=2, show_default=True, type=int)
@click.option(
    "--worker/--no-worker",
    "with_worker",
    default=True,
    show_default=True,
    help="Also run the Celery worker and beat schedule.",
)
def serve(host: str, port: int, web_workers: int, with_worker: bool) -> None:
    config = config_or_exit()
    config.instance_dir.mkdir(parents=True, exist_ok=True)
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for name, command in _commands(host, port, web_workers, with_worker, str(config.instance_dir)).items():
        # Each child gets its own process group so a terminal Ctrl-C reaches us first, once.
        children[name] = subprocess.Popen(command, start_new_session=True)  # noqa: S603
    click.echo(f"Engage Portal on http://{host}:{port} ({', '.join(children)}). Press Ctrl-C to stop.")
    exit_code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                click.echo(f"{name} stopped with exit code {child.returncode}; stopping the rest.", err=True)
                exit_code = child.returncode or 1
                stopping = True
                break
        time.sleep(0.5)
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    click.echo("Stopped.")
    sys.exit(exit_code)
