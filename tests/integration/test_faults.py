"""Faults against the real database: pooled connections killed, the database unreachable (a clean 503 and
recovery without a restart), and two users saving the same action at once (one wins, the other is told)."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from backends import BACKENDS, PAPER_DATE, PG_URL, make_config, seed_demo_programme
from portal import migrate
from portal.access.principal import Principal
from portal.app import create_app
from portal.db import Database, get_database
from portal.models import Action, ActionUpdate, AuditEvent, User
from portal.services import actions as action_service
from support import callback_body, dependencies, find_spec, login, post_callback

pytestmark = pytest.mark.slow
GOLD, SILVER = "gold.investigations@portal.example", "silver.outcomes@portal.example"
LEAKS = ("Traceback", "sqlalchemy", "psycopg", "OperationalError", 'File "')
FIGURES: dict[str, float] = {}


def wait_for(check: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TcpProxy:
    """A TCP forwarder between the portal and PostgreSQL: stopping it is a network outage."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.port = target, _free_port()
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []

    def start(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        self.listener.settimeout(0.05)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        for s in self.sockets:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.sockets = []


def _seed(url: str) -> None:
    migrate.upgrade(url)
    seed_demo_programme(url)


@contextmanager
def private_database(backend: str, folder: Path) -> Iterator[str]:
    """A private seeded database: these tests commit and kill connections, so nobody else's are touched.
    Under CI an unreachable PostgreSQL fails here: it never skips."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'portal.sqlite'}"
        _seed(url)
        yield url
        return
    assert PG_URL
    name = f"faults_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        _seed(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def own_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with private_database(request.param, tmp_path_factory.mktemp("faults")) as url:
        yield url


def _app(url: str, tmp_path: Path) -> Flask:
    return create_app(make_config(url, tmp_path / "instance"))


def _signed_in(app: Flask, email: str) -> tuple[FlaskClient, list[dict[str, Any]]]:
    client = app.test_client()
    assert login(client, email).status_code == 302
    assert client.get("/actions").status_code == 200
    return client, dependencies(client)


def _grid(client: FlaskClient, specs: list[dict[str, Any]]) -> Any:
    spec = find_spec(specs, "actions-grid.rowData")
    return post_callback(client, callback_body(spec, ["/actions", "all", "all", "all", "all", "all", False]))


def _save_body(specs: list[dict[str, Any]], row: dict[str, Any], status_label: str) -> dict[str, Any]:
    spec = find_spec(specs, "actions-grid.rowTransaction")
    change = {
        "rowIndex": 0,
        "rowId": row["row_id"],
        "colId": "status",
        "newValue": status_label,
        "oldValue": row["status"],
        "data": row | {"status": status_label},
    }
    body = callback_body(spec, [[change], 0, 0, 0], ["", None, None])
    body["changedPropIds"] = ["actions-grid.cellValueChanged"]
    return body


def _row(response: Any, title: str) -> dict[str, Any]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    rows = response.get_json()["response"]["actions-grid"]["rowData"]
    return next(r for r in rows if r["title"].startswith(title))


def _assert_clean_error(response: Any) -> str:
    assert response.status_code == 503, (response.status_code, response.get_data(as_text=True)[:500])
    body = response.get_data(as_text=True)
    assert "cannot reach its database" in body and "Nothing was saved" in body
    assert not any(leak in body for leak in LEAKS), body
    return body


def _app_url(url: str, tag: str, port: int | None = None) -> str:
    parsed = make_url(url).update_query_dict({"application_name": tag})
    return parsed.set(port=port or parsed.port, host="127.0.0.1").render_as_string(hide_password=False)


def _terminate(admin: Any, tag: str) -> int:
    sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :tag"
    return int(admin.execute(text(sql), {"tag": tag}).scalar())


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL-only (pg_terminate_backend): runs under CI=true")
def test_postgres_connections_killed_and_database_unreachable(tmp_path: Path) -> None:
    with private_database("postgresql", tmp_path) as own_url:
        _postgres_faults(own_url, tmp_path)


def _postgres_faults(own_url: str, tmp_path: Path) -> None:
    pg = make_url(own_url)
    proxy = TcpProxy((pg.host or "127.0.0.1", pg.port or 5432))
    proxy.start()
    tag = f"faults-{uuid.uuid4().hex[:8]}"
    app = _app(_app_url(own_url, tag, proxy.port), tmp_path)
    admin_engine = create_engine(own_url, isolation_level="AUTOCOMMIT")
    try:
        client, specs = _signed_in(app, GOLD)
        title = "Claim positive outcomes for crimes wrongly filed"
        row = _row(_grid(client, specs), title)
        with admin_engine.connect() as admin:
            # 1. Every pooled connection of the running app is killed between requests.
            assert _terminate(admin, tag) >= 1
            started = time.perf_counter()
            assert _row(_grid(client, specs), title)["version"] == row["version"]
            FIGURES["pg_first_request_after_kill_s"] = time.perf_counter() - started
            # 2. Killed mid-request: the save waits on a row lock, then its backend is terminated.
            with admin_engine.connect() as locker:
                locker.execute(text("BEGIN"))
                locker.execute(text("SELECT id FROM actions WHERE id = :id FOR UPDATE"), {"id": row["id"]})
                answer: dict[str, Any] = {}

                def save() -> None:
                    try:
                        answer["r"] = post_callback(client, _save_body(specs, row, "Blocked"))
                    except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                        answer["r"] = exc

                saving = threading.Thread(target=save)
                saving.start()
                waiting = (
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = :tag "
                    "AND wait_event_type = 'Lock'"
                )
                wait_for(
                    lambda: admin.execute(text(waiting), {"tag": tag}).scalar() == 1,
                    timeout=20,
                    what="the save to wait on the row lock",
                )
                assert _terminate(admin, tag) >= 1
                saving.join(timeout=20)
                assert not saving.is_alive() and not isinstance(answer["r"], BaseException), answer
                locker.execute(text("ROLLBACK"))
            body = _assert_clean_error(answer["r"])
            assert answer["r"].is_json and "reference" in answer["r"].get_json(), body
            assert _row(_grid(client, specs), title)["status"] == row["status"]  # nothing half-saved
            # 3. The database is unreachable: a clean page, then recovery when it is back.
            proxy.stop()
            page = client.get("/actions", headers={"Accept": "text/html"})
            assert "<h1" in _assert_clean_error(page) and "OFFICIAL-SENSITIVE" in page.get_data(as_text=True)
            _assert_clean_error(post_callback(client, _save_body(specs, row, "Blocked")))
            assert client.get("/readyz").status_code == 503
            proxy.start()
            started = time.perf_counter()
            assert client.get("/actions").status_code == 200
            FIGURES["pg_first_request_after_outage_s"] = time.perf_counter() - started
            saved = post_callback(client, _save_body(specs, row, "Blocked"))
            assert "Saved" in saved.get_data(as_text=True)
            assert _row(_grid(client, specs), title)["status"] == "Blocked"
    finally:
        get_database(app).dispose()
        admin_engine.dispose()
        proxy.stop()
    print(f"\nFIGURES {FIGURES}")


def test_sqlite_pool_dropped_and_database_file_unreachable(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    with private_database("sqlite", folder) as own_url:
        _sqlite_faults(own_url, folder, tmp_path)


def _sqlite_faults(own_url: str, folder: Path, tmp_path: Path) -> None:
    app = _app(own_url, tmp_path)
    try:
        client, specs = _signed_in(app, GOLD)
        title = "Claim positive outcomes for crimes wrongly filed"
        row = _row(_grid(client, specs), title)
        get_database(app).engine.dispose()  # every pooled connection dropped under the running app
        started = time.perf_counter()
        assert _row(_grid(client, specs), title)["version"] == row["version"]
        FIGURES["sqlite_first_request_after_drop_s"] = time.perf_counter() - started
        moved = folder.rename(tmp_path / "db-away")  # the database file is gone
        get_database(app).engine.dispose()
        page = client.get("/actions", headers={"Accept": "text/html"})
        assert "<h1" in _assert_clean_error(page)
        _assert_clean_error(post_callback(client, _save_body(specs, row, "Blocked")))
        moved.rename(folder)
        started = time.perf_counter()
        assert client.get("/actions").status_code == 200
        FIGURES["sqlite_first_request_after_outage_s"] = time.perf_counter() - started
        assert "Saved" in post_callback(client, _save_body(specs, row, "Blocked")).get_data(as_text=True)
    finally:
        get_database(app).dispose()
    print(f"\nFIGURES {FIGURES}")


def _history(url: str, action_id: int) -> tuple[Action, list[AuditEvent], int]:
    database = Database(url)
    try:
        with database.transaction() as session:
            action = session.get(Action, action_id)
            events = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.event == "action.update", AuditEvent.entity_id == str(action_id))
                .order_by(AuditEvent.id)
            ).all()
            updates = session.scalar(
                select(func.count()).select_from(ActionUpdate).where(ActionUpdate.action_id == action_id)
            )
            session.expunge_all()
            return action, list(events), int(updates or 0)
    finally:
        database.dispose()


def test_two_users_save_the_same_action_over_http(own_url: str, tmp_path: Path) -> None:
    """Both load version v in the tracker, then both save at the same moment (two threads)."""
    app = _app(own_url, tmp_path)
    try:
        title = "Lift the positive outcome rate"
        editors = {GOLD: "Blocked", SILVER: "Not started"}
        signed = {email: _signed_in(app, email) for email in editors}
        rows = {email: _row(_grid(c, specs), title) for email, (c, specs) in signed.items()}
        assert rows[GOLD]["can_edit"] and rows[SILVER]["can_edit"]
        assert rows[GOLD]["version"] == rows[SILVER]["version"]
        version, action_id = rows[GOLD]["version"], rows[GOLD]["id"]
        _, events_before, updates_before = _history(own_url, action_id)
        barrier, answers = threading.Barrier(2), {}

        def save(email: str) -> None:
            client, specs = signed[email]
            body = _save_body(specs, rows[email], editors[email])
            barrier.wait()
            answers[email] = post_callback(client, body)

        threads = [threading.Thread(target=save, args=(email,)) for email in editors]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        outcome = {email: r.get_json()["response"] for email, r in answers.items() if r.status_code == 200}
        assert len(outcome) == 2, {e: r.status_code for e, r in answers.items()}
        won = [e for e, r in outcome.items() if "Saved" in str(r.get("actions-feedback"))]
        lost = [e for e, r in outcome.items() if r.get("actions-conflict", {}).get("is_open") is True]
        assert len(won) == 1 and len(lost) == 1 and won != lost, outcome
        winner, loser = won[0], lost[0]
        assert outcome[loser]["actions-conflict-id"]["data"] == action_id
        action, events, updates = _history(own_url, action_id)
        assert action.version == version + 1 and action.status == editors[winner].lower().replace(" ", "_")
        new_events = events[len(events_before) :]
        assert len(new_events) == 1 and new_events[0].actor_email == winner
        assert new_events[0].after["status"] == str(action.status)
        assert updates == updates_before + 1
        # The loser reloads the row and sees the winner's value, then may save on top of it knowingly.
        client, specs = signed[loser]
        spec = find_spec(specs, "actions-grid.rowTransaction")
        reload = callback_body(spec, [None, 0, 0, 0], ["", None, action_id])
        reload["changedPropIds"] = ["actions-reload.n_clicks"]
        fresh = post_callback(client, reload).get_json()["response"]["actions-grid"]["rowTransaction"]
        assert (
            fresh["update"][0]["status"] == editors[winner] and fresh["update"][0]["version"] == version + 1
        )
        FIGURES["http_race"] = 1.0
        print(f"\nFIGURES http race: winner={winner} loser={loser} version {version}->{version + 1}")
    finally:
        get_database(app).dispose()


def _principal(session: Any, email: str) -> Principal:
    user = session.scalar(select(User).where(User.email == email).options(selectinload(User.scopes)))
    return Principal.from_user(user)


def test_two_sessions_race_on_the_same_row(own_url: str) -> None:
    """Service level, two connections: B has read version v when A's UPDATE holds the row; A commits; on
    PostgreSQL B's UPDATE ... WHERE version = v then matches no row (StaleDataError -> Conflict)."""
    postgres = own_url.startswith("postgresql")
    tag = f"race-{uuid.uuid4().hex[:8]}"
    database = Database(_app_url(own_url, tag) if postgres else own_url)
    monitor = create_engine(own_url, isolation_level="AUTOCOMMIT") if postgres else None
    a, b = database.new_session(), database.new_session()
    try:
        with database.transaction() as setup:
            action_id = setup.scalar(select(Action.id).where(Action.title.startswith("Double the victim")))
        _, events_before, _ = _history(own_url, action_id)
        gold, silver = _principal(a, GOLD), _principal(a, SILVER)
        version = action_service.get(a, principal=gold, action_id=action_id).version
        if postgres:  # on SQLite A's write lock already makes B wait here, so B reads after A commits
            assert action_service.get(b, principal=silver, action_id=action_id).version == version
        action_service.update(
            a,
            principal=gold,
            action_id=action_id,
            expected_version=version,
            today=PAPER_DATE,
            status="blocked",
        )
        result: dict[str, BaseException | None] = {}

        def second() -> None:
            try:
                action_service.update(
                    b,
                    principal=silver,
                    action_id=action_id,
                    expected_version=version,
                    today=PAPER_DATE,
                    status="not_started",
                )
                b.commit()
                result["error"] = None
            except BaseException as exc:  # noqa: BLE001 - inspected below
                b.rollback()
                result["error"] = exc

        racer = threading.Thread(target=second)
        racer.start()
        if monitor is not None:
            sql = (
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :tag "
                "AND wait_event_type = 'Lock'"
            )
            with monitor.connect() as conn:
                wait_for(
                    lambda: conn.execute(text(sql), {"tag": tag}).scalar() == 1,
                    timeout=20,
                    what="B's UPDATE to wait for A's row lock",
                )
        else:
            time.sleep(0.3)
        a.commit()
        racer.join(timeout=40)
        error = result["error"]
        assert isinstance(error, action_service.Conflict), repr(error)
        if postgres:
            assert isinstance(error.__cause__, StaleDataError)  # caught by the database, not the Python check
        action, events, _ = _history(own_url, action_id)
        assert action.status == "blocked" and action.version == version + 1
        new_events = events[len(events_before) :]
        assert [e.actor_email for e in new_events] == [GOLD] and new_events[0].after["status"] == "blocked"
    finally:
        a.close()
        b.close()
        database.dispose()
        if monitor is not None:
            monitor.dispose()


def test_unexpected_error_is_a_clean_500(tmp_path: Path) -> None:
    """Outside tests Flask turns any unhandled exception into a 500: the portal's page, never a traceback."""
    with private_database("sqlite", tmp_path) as url:
        app = _app(url, tmp_path)
        app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production

        def broken() -> str:
            raise RuntimeError("secret internals /srv/portal/x.py")

        app.add_url_rule("/broken-for-test", "broken_for_test", broken)
        try:
            client = app.test_client()
            assert login(client, GOLD).status_code == 302
            response = client.get("/broken-for-test", headers={"Accept": "text/html"})
            body = response.get_data(as_text=True)
            assert response.status_code == 500 and "Something went wrong" in body and "<h1" in body
            assert "secret internals" not in body and not any(leak in body for leak in LEAKS)
            assert client.get("/actions").status_code == 200
        finally:
            get_database(app).dispose()
