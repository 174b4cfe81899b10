"""A real Celery worker process: upload -> task -> figures, on the embedded broker and on Redis;
a worker killed mid-ingest, and a broker that is down during an upload."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from backends import REDIS_URL, make_config
from portal import migrate, pipeline
from portal.app import create_app
from portal.db import get_database
from portal.metrics.engine import compute
from portal.models import Extract, ExtractStatus, MetricValue
from portal.passwords import Hasher
from portal.services import users
from support import login
from workers.readers import read_extract

pytestmark = [pytest.mark.worker, pytest.mark.slow]
BIN = Path(sys.executable).parent
MARAC = (
    "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
    "R1,Birmingham,2024-01-22,awaiting,,14,no\nR2,Coventry,2023-12-20,awaiting,,9,no\n"
    "R3,Coventry,2023-12-01,heard,2023-12-20,20,yes\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A private redis-server on its own port, so a test can stop and restart its broker."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed for the broker-outage test"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, what="redis to start")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


def wait_for(check: Callable[[], bool], *, timeout: float, what: str, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Stack:
    app: Flask
    env: dict[str, str]
    workers: list[subprocess.Popen[bytes]]

    def start_worker(self) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "workers.celery_app",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            env=os.environ | self.env,
        )
        self.workers.append(worker)
        return worker

    def extract(self, extract_id: int) -> Extract:
        with get_database(self.app).transaction() as session:
            extract = session.get(Extract, extract_id)
            session.expunge(extract)
            return extract

    def status(self, extract_id: int) -> str:
        return str(self.extract(extract_id).status)

    def upload(self, path: Path, kind: str, as_of: str) -> dict[str, object]:
        client = self.app.test_client()
        assert login(client, "analyst@portal.example").status_code == 302
        token = client.get_cookie("_csrf_token").value
        with path.open("rb") as handle:
            response = client.post(
                "/extracts/upload",
                data={"kind": kind, "as_of": as_of, "file": (handle, path.name)},
                headers={"X-CSRFToken": token},
                content_type="multipart/form-data",
            )
        assert response.status_code == 202, response.get_data(as_text=True)
        return response.get_json()


def _make_stack(tmp_path: Path, broker_url: str | None) -> Stack:
    url = f"sqlite:///{tmp_path / 'worker.sqlite'}"
    migrate.upgrade(url)
    env = {
        "PORTAL_DATABASE_URL": url,
        "PORTAL_INSTANCE_DIR": str(tmp_path / "instance"),
        "PORTAL_UPLOAD_DIR": str(tmp_path / "uploads"),
        "PORTAL_TODAY": "2024-02-27",
        "PORTAL_BROKER_VISIBILITY_TIMEOUT": "3",
        "PORTAL_SWEEP_PROCESSING_MINUTES": "0",
        "PORTAL_REDIS_URL": broker_url or "",
    }
    config = make_config(
        url,
        tmp_path / "instance",
        upload_dir=tmp_path / "uploads",
        redis_url=broker_url,
        broker_visibility_timeout=3,
        sweep_processing_minutes=0,
    )
    app = create_app(config, with_dash=False)
    with get_database(app).transaction() as session:
        users.create(
            session,
            actor=None,
            hasher=Hasher(time_cost=1, memory_kib=1024),
            email="analyst@portal.example",
            name="Analyst",
            role="analyst",
            password="engage-demo",
            check_rules=False,
        )
    return Stack(app, env, [])


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


BROKERS = ["embedded"] + (["redis"] if REDIS_URL else [])


@pytest.fixture(params=BROKERS)
def stack(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stack]:
    if request.param == "redis":
        _flush(REDIS_URL)
    built = _make_stack(tmp_path, REDIS_URL if request.param == "redis" else None)
    yield built
    _stop(built)


def _flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()  # CI: unreachable Redis fails here


def _stop(built: Stack) -> None:
    for worker in built.workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
    get_database(built.app).dispose()


def _values(built: Stack, extract_id: int) -> list[tuple[str, str, float]]:
    with get_database(built.app).transaction() as session:
        rows = session.execute(
            select(MetricValue.metric_key, MetricValue.dims, MetricValue.value).where(
                MetricValue.extract_id == extract_id
            )
        )
        return sorted(tuple(row) for row in rows)


def test_upload_is_processed_by_a_real_worker(stack: Stack, tmp_path: Path) -> None:
    path = tmp_path / "marac.csv"
    path.write_text(MARAC, encoding="utf-8")
    stack.start_worker()
    answer = stack.upload(path, "marac_referrals", "2024-02-01")
    assert answer["queued"] is True and answer["status"] == "queued"
    extract_id = int(answer["extract_id"])
    wait_for(lambda: stack.status(extract_id) == "succeeded", timeout=90, what="the worker to ingest")
    values = dict(((k, d), v) for k, d, v in _values(stack, extract_id))
    assert values[("marac_cases_awaiting", '{"lpa":"ALL"}')] == 2
    assert values[("marac_awaiting_over_28_days", '{"lpa":"Coventry"}')] == 1
    assert stack.extract(extract_id).stored_path is None  # file removed after success


def _big_crimes(tmp_path: Path) -> Path:
    from portal.demo.extracts import write_demo_extracts

    demo = write_demo_extracts(tmp_path / "demo")
    return next(e.path for e in demo if e.kind == "crimes")


@pytest.mark.parametrize("broker", BROKERS)
def test_worker_killed_mid_ingest_is_redelivered_with_identical_figures(
    broker: str, tmp_path: Path, private_redis: RedisServer
) -> None:
    built = _make_stack(tmp_path, private_redis.url if broker == "redis" else None)
    try:
        crimes = _big_crimes(tmp_path)
        reference = read_extract(crimes, "crimes", as_of=date(2024, 2, 25))
        expected = compute("crimes", reference.frame, as_of=date(2024, 2, 25))
        worker = built.start_worker()
        answer = built.upload(crimes, "crimes", "2024-02-25")
        extract_id = int(answer["extract_id"])
        wait_for(
            lambda: built.status(extract_id) == "processing",
            timeout=60,
            what="the ingest to start",
            interval=0.01,
        )
        worker.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        worker.wait(timeout=10)
        assert built.status(extract_id) == "processing"
        built.start_worker()
        if broker == "embedded":
            # The embedded transport does not redeliver on its own: the beat's sweep sends it again.
            pipeline.run_sweep(get_database(built.app), settings=built.app.config["PORTAL"])
        wait_for(lambda: built.status(extract_id) == "succeeded", timeout=120, what="the redelivered ingest")
        values = _values(built, extract_id)
        assert len(values) == len({(k, d) for k, d, _ in values}) == expected.height  # nothing duplicated
        assert values == sorted(expected.select("key", "dims", "value").iter_rows())
        assert built.extract(extract_id).attempts >= 2
        print(
            f"\nFIGURES SIGKILL ({broker}): succeeded {time.monotonic() - killed:.1f} s after the kill,"
            f" attempts {built.extract(extract_id).attempts}, {len(values):,} figures as a clean run"
        )
    finally:
        _stop(built)


def test_broker_down_during_upload_keeps_the_extract_and_processes_it_later(
    tmp_path: Path, private_redis: RedisServer
) -> None:
    built = _make_stack(tmp_path, private_redis.url)
    try:
        path = tmp_path / "marac.csv"
        path.write_text(MARAC, encoding="utf-8")
        private_redis.stop()
        answer = built.upload(path, "marac_referrals", "2024-02-01")
        assert answer["queued"] is False
        assert "processed automatically" in str(answer["message"])
        extract_id = int(answer["extract_id"])
        assert built.status(extract_id) == "queued"
        assert Path(built.extract(extract_id).stored_path).is_file()
        private_redis.start()
        back = time.monotonic()
        built.start_worker()
        swept = pipeline.run_sweep(get_database(built.app), settings=built.app.config["PORTAL"])
        assert swept == {"stuck": 1, "sent": 1, "packs_stuck": 0, "packs_sent": 0}
        wait_for(lambda: built.status(extract_id) == "succeeded", timeout=90, what="the swept extract")
        print(
            "\nFIGURES broker outage: upload kept while Redis was down; processed"
            f" {time.monotonic() - back:.1f} s after Redis and a worker were back"
        )
        with get_database(built.app).transaction() as session:
            assert session.scalar(select(func.count()).select_from(Extract)) == 1
            assert session.get(Extract, extract_id).status == ExtractStatus.SUCCEEDED
    finally:
        _stop(built)


def test_board_pack_queued_while_the_broker_was_down_is_sent_by_the_sweep(
    tmp_path: Path, private_redis: RedisServer
) -> None:
    from datetime import timedelta

    from portal import queue
    from portal.clock import utcnow
    from portal.models import BoardPack, BoardPackStatus
    from portal.services import boardpacks

    built = _make_stack(tmp_path, private_redis.url)
    try:
        database = get_database(built.app)
        with database.transaction() as session:
            principal = boardpacks.system_principal()
            pack_id = boardpacks.request(session, principal=principal, as_of=date(2024, 2, 25)).id
            fresh_id = boardpacks.request(session, principal=principal, as_of=date(2024, 2, 26)).id
        private_redis.stop()
        with built.app.app_context():
            assert queue.send(queue.BOARD_PACK_TASK, pack_id) is False  # what the page does, Redis down
        with database.transaction() as session:
            session.get(BoardPack, pack_id).requested_at = utcnow() - timedelta(minutes=10)
        private_redis.start()
        built.start_worker()
        swept = pipeline.run_sweep(database, settings=built.app.config["PORTAL"])
        # The old one is sent again; the one queued a moment ago is left to the broker it reached.
        assert swept["packs_stuck"] == 1 and swept["packs_sent"] == 1
        with database.transaction() as session:
            assert session.get(BoardPack, fresh_id).status == BoardPackStatus.QUEUED

        def ready() -> bool:
            with database.transaction() as session:
                return session.get(BoardPack, pack_id).status == BoardPackStatus.READY

        wait_for(ready, timeout=120, what="the swept board pack")
    finally:
        _stop(built)
