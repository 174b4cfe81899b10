"""docker-compose.yml validates offline and names real entry points; the production profile runs by the
same commands (gunicorn, celery worker, celery beat) against PostgreSQL and Redis, without Docker."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from ruamel.yaml import YAML
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal.cli import main as portal_cli

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = "docker-compose.yml"
BIN = Path(sys.executable).parent
COMPOSE = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN_URL = os.environ.get("PORTAL_TEST_DATABASE_URL") or "postgresql+psycopg://127.0.0.1:5432/test"
PASSWORD = "Deployment-test-passphrase-2024"
MARAC = (
    "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"
    "R1,Birmingham,2024-01-22,awaiting,,14,no\nR2,Coventry,2023-12-20,awaiting,,9,no\n"
)


def test_compose_file_validates_against_the_compose_specification() -> None:
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(ROOT / COMPOSE_FILE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_compose_services_form_the_production_stack() -> None:
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(SERVICES)
    for name in ("postgres", "redis"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert any(v.startswith("postgres-data:") for v in SERVICES["postgres"]["volumes"])
    for name in ("web", "worker", "beat", "migrate"):
        depends = SERVICES[name]["depends_on"]
        if name != "beat":
            assert depends["postgres"]["condition"] == "service_healthy", name
        if name != "migrate":
            assert depends["redis"]["condition"] == "service_healthy", name
            assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert SERVICES[name]["env_file"] == ".env", name
        assert SERVICES[name]["environment"]["PORTAL_ENV"] == "production"
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    assert "replicas" not in SERVICES["worker"].get("deploy", {})  # scalable with --scale worker=N
    assert "/readyz" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    example = (ROOT / ".env.example").read_text()
    for variable in ("PORTAL_SECRET_KEY", "POSTGRES_PASSWORD", "PORTAL_METRICS_TOKEN", "PORTAL_WEB_WORKERS"):
        assert f"{variable}=" in example


def test_dockerfile_is_multi_stage_non_root_without_compilers_in_the_final_image() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = dockerfile.split("\nFROM ")
    assert len(stages) >= 3, "a builder stage and a final stage"
    final = stages[-1]
    assert "build-essential" in stages[1] and "build-essential" not in final and "gcc" not in final
    assert "\nUSER portal" in final and "HEALTHCHECK" in final and "/healthz" in final
    web = SERVICES["web"]["command"]
    assert f"CMD {json.dumps(web)}" in final  # the image runs what the web service runs
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".venv" in ignored and ".git" in ignored


def _module_defines(module: str, attr: str) -> bool:
    """Statically: the module exists and assigns `attr` at top level (importing portal.wsgi builds an app)."""
    spec = importlib.util.find_spec(module)
    assert spec and spec.origin, f"{module} is not importable"
    tree = ast.parse(Path(spec.origin).read_text())
    return any(
        isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in node.targets)
        for node in tree.body
    )


@pytest.mark.parametrize("service", ["migrate", "web", "worker", "beat"])
def test_every_service_command_names_a_real_entry_point(service: str) -> None:
    command = SERVICES[service]["command"]
    executable, args = command[0], command[1:]
    assert (BIN / executable).is_file(), f"{executable} is not installed in the virtualenv"
    if executable == "portal":
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
        assert scripts["portal"] == "portal.cli:main"
        group = portal_cli
        for word in args:
            group = group.commands[word]  # type: ignore[attr-defined]
    elif executable == "gunicorn":
        target = next(a for a in args if ":" in a and not a.startswith("python:"))
        module, attr = target.split(":")
        assert _module_defines(module, attr)
        config = args[args.index("--config") + 1]
        assert config.startswith("python:")
        assert importlib.util.find_spec(config.removeprefix("python:"))
    elif executable == "celery":
        module = args[args.index("-A") + 1]
        assert _module_defines(module, "app")
        assert args[args.index("-A") + 2] == service  # the worker runs `worker`, the beat `beat`
    else:
        pytest.fail(f"unexpected entry point {executable}")


# --- the production profile, started by the compose commands, without Docker ---------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def fresh_database() -> Iterator[str]:
    """A database of its own on the test server, dropped afterwards; skipped locally without PostgreSQL."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        if CI:
            pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_ADMIN_URL} is unreachable")
    name = f"portal_deploy_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if CI:
            pytest.fail("redis-server is needed under CI")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait(lambda: socket.create_connection(("127.0.0.1", port), timeout=0.2).close() is None, 10, "redis")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _argv(service: str) -> list[str]:
    command = list(SERVICES[service]["command"])
    return [str(BIN / command[0]), *command[1:]]


def _json_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]


def _cookies(response: requests.Response, jar: dict[str, str]) -> None:
    for name, value in response.cookies.items():  # Secure cookies: kept by hand, sent over plain HTTP
        jar[name] = value


@pytest.mark.worker
@pytest.mark.slow
def test_production_profile_runs_by_the_compose_commands(
    fresh_database: str, redis_url: str, tmp_path: Path
) -> None:
    port = _free_port()
    token = secrets.token_urlsafe(24)
    multiproc = tmp_path / "metrics"
    multiproc.mkdir()
    env = os.environ | {
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": secrets.token_urlsafe(48),
        "PORTAL_DATABASE_URL": fresh_database,
        "PORTAL_REDIS_URL": redis_url,
        "PORTAL_INSTANCE_DIR": str(tmp_path / "instance"),
        "PORTAL_UPLOAD_DIR": str(tmp_path / "uploads"),
        "PORTAL_LOG_JSON": "true",
        "PORTAL_METRICS_TOKEN": token,
        "PORTAL_TRUSTED_PROXIES": "1",
        "PORTAL_WEB_BIND": f"127.0.0.1:{port}",
        "PORTAL_WEB_WORKERS": "2",
        "PORTAL_WEB_THREADS": "2",
        "PORTAL_WORKER_CONCURRENCY": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(multiproc),
        "PORTAL_TODAY": "2024-02-27",
    }
    run = {"env": env, "capture_output": True, "text": True, "timeout": 180, "check": False}
    migrated = subprocess.run(_argv("migrate"), **run)  # type: ignore[call-overload]
    assert migrated.returncode == 0, migrated.stderr
    created = subprocess.run(  # type: ignore[call-overload]
        [str(BIN / "portal"), "users", "create", "--email", "analyst@force.example", "--role", "analyst"]
        + ["--password", PASSWORD],
        **run,
    )
    assert created.returncode == 0, created.stderr
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("web", "worker", "beat")}
    procs = {
        name: subprocess.Popen(_argv(name), env=env, stdout=logs[name], stderr=subprocess.STDOUT, cwd=ROOT)
        for name in logs
    }
    base = f"http://127.0.0.1:{port}"
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    try:
        _wait(lambda: requests.get(f"{base}/readyz", timeout=3).status_code == 200, 90, "/readyz to be 200")
        assert requests.get(f"{base}/healthz", timeout=3).json() == {"status": "ok"}
        jar: dict[str, str] = {}
        page = requests.get(f"{base}/login", headers=proxy, timeout=10)
        assert page.status_code == 200 and 'name="email"' in page.text
        assert all("Secure" in c for c in page.raw.headers.getlist("Set-Cookie"))
        _cookies(page, jar)
        csrf = page.text.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
        referer = {"Referer": f"https://127.0.0.1:{port}/login", "Host": f"127.0.0.1:{port}"}
        signed_in = requests.post(
            f"{base}/login",
            data={"email": "analyst@force.example", "password": PASSWORD, "csrf_token": csrf},
            headers=proxy | referer,
            cookies=jar,
            allow_redirects=False,
            timeout=30,
        )
        assert signed_in.status_code == 302, signed_in.text[:500]
        _cookies(signed_in, jar)
        request_id = f"deploy-{uuid.uuid4().hex[:12]}"
        upload = requests.post(
            f"{base}/extracts/upload",
            data={"kind": "marac_referrals", "as_of": "2024-02-01"},
            files={"file": ("marac.csv", MARAC.encode(), "text/csv")},
            headers=proxy | referer | {"X-CSRFToken": jar["_csrf_token"], "X-Request-ID": request_id},
            cookies=jar,
            timeout=60,
        )
        assert upload.status_code == 202, upload.text[:500]
        assert upload.headers["X-Request-ID"] == request_id
        assert upload.json()["queued"] is True
        extract_id = int(upload.json()["extract_id"])
        engine = create_engine(fresh_database)
        try:

            def succeeded() -> bool:
                with engine.connect() as conn:
                    query = text("SELECT status FROM extracts WHERE id = :i")
                    return str(conn.execute(query, {"i": extract_id}).scalar()) == "succeeded"

            _wait(succeeded, 90, "the worker to ingest the upload")
            with engine.connect() as conn:
                audited = conn.execute(
                    text(
                        "SELECT event, request_id FROM audit_events"
                        " WHERE entity_id = :i AND entity_type = 'extract'"
                    ),
                    {"i": str(extract_id)},
                ).all()
            # Written by the web (upload) and by the worker (ingested): both carry the upload's request id.
            assert {tuple(row) for row in audited} >= {
                ("extract.upload", request_id),
                ("extract.ingested", request_id),
            }
        finally:
            engine.dispose()
        figures = requests.get(
            f"{base}/api/v1/metrics",
            params={"key": "marac_cases_awaiting", "as_of": "2024-02-01"},
            headers=proxy,
            cookies=jar,
            timeout=30,
        )
        assert figures.status_code == 200, figures.text[:500]
        assert "marac_cases_awaiting" in figures.text
        assert requests.get(f"{base}/metrics", timeout=10).status_code == 401
        scraped = requests.get(f"{base}/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert scraped.status_code == 200
        ingest = 'portal_task_duration_seconds_count{state="SUCCESS",task="portal.ingest_extract"}'
        assert ingest in scraped.text
        assert "portal_http_request_duration_seconds_bucket" in scraped.text
        assert "portal_extracts_queued 0.0" in scraped.text
        assert procs["beat"].poll() is None, "beat is running"
        _wait(lambda: any((tmp_path / "instance").glob("celerybeat-schedule*")), 30, "beat's schedule file")
        worker_lines = _json_lines(tmp_path / "worker.log")
        assert any(r.get("request_id") == request_id for r in worker_lines), "request id in the worker's log"
        web_lines = _json_lines(tmp_path / "web.log")
        assert any(
            r.get("request_id") == request_id and r.get("path") == "/extracts/upload" for r in web_lines
        )
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in procs.items():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            logs[name].close()
