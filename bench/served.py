"""A portal served for real: fresh SQLite database, migrations, demo, `portal serve` in a subprocess."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from portal.access.permissions import permissions_for
from portal.models.users import Role

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAPER_TODAY = "2024-02-27"
DEMO_PASSWORD = "engage-demo"  # noqa: S105 - the documented demo password
# One demo account per role of DESIGN.md (the brief's demo accounts).
ROLE_ACCOUNTS: dict[str, str] = {
    "admin": "admin@portal.example",
    "executive": "dcc@portal.example",
    "gold": "gold.investigations@portal.example",
    "silver": "silver.outcomes@portal.example",
    "lpa": "lpa.birmingham@portal.example",
    "opcc": "opcc@portal.example",
    "analyst": "analyst@portal.example",
}
# Values for path variables of `PageSpec.path_template`, per role where it matters.
PATH_SAMPLES: dict[str, str] = {"code": "INV", "name": "Birmingham", "lpa": "Birmingham"}
ROLE_PATH_SAMPLES: dict[str, dict[str, str]] = {"lpa": {"name": "Birmingham", "lpa": "Birmingham"}}
_VARIABLE = re.compile(r"<(?:[a-z]+:)?([a-zA-Z_]+)>")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def page_url(spec: object, role: str) -> str | None:
    """The concrete path of a registry page for a role (path variables filled); None if unknown."""
    template = getattr(spec, "path_template", None)
    if not template:
        return str(spec.path)
    samples = {**PATH_SAMPLES, **ROLE_PATH_SAMPLES.get(role, {})}
    missing = [v for v in _VARIABLE.findall(template) if v not in samples]
    if missing:
        return None
    return _VARIABLE.sub(lambda m: samples[m.group(1)], template)


def page_slug(spec: object) -> str:
    path = str(getattr(spec, "path_template", None) or spec.path)
    slug = _VARIABLE.sub(lambda m: m.group(1), path).strip("/").replace("/", "-")
    return slug or "overview"


def visible_pages(role: str) -> list[tuple[object, str]]:
    """(PageSpec, url) for every page of the registry the role may open."""
    import layouts

    granted = permissions_for(Role(role))
    found = []
    for spec in layouts.pages():
        url = page_url(spec, role)
        if spec.permission in granted and url is not None:
            found.append((spec, url))
    return found


@dataclass
class ServedPortal:
    """`with ServedPortal(folder) as portal:` gives portal.url once /healthz answers."""

    folder: Path
    worker: bool = False
    web_workers: int = 2
    figures: bool = True
    port: int = field(default_factory=free_port)
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.folder / "portal.sqlite"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env.update(
            PORTAL_DATABASE_URL=f"sqlite:///{self.database}",
            PORTAL_INSTANCE_DIR=str(self.folder / "instance"),
            PORTAL_UPLOAD_DIR=str(self.folder / "instance" / "uploads"),
            PORTAL_TODAY=PAPER_TODAY,
            PORTAL_ENV="test",  # no sign-in rate limit: every client here is 127.0.0.1
            PORTAL_PAGE_CACHE=os.environ.get("PORTAL_PAGE_CACHE", "1"),  # as in production (0: measure cold)
            PORTAL_SECRET_KEY="browser-and-bench-secret-key-long-enough-0123456789",  # noqa: S106
        )
        return env

    def portal(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(  # noqa: S603 - our own console script
            [str(BIN / "portal"), *args],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"portal {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}"
            )
        return result

    def prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.portal("db", "upgrade")
        self.portal("demo", *([] if self.figures else ["--no-figures"]))

    def start(self) -> None:
        self.log = self.folder / "serve.log"
        command = [
            str(BIN / "portal"),
            "serve",
            "--port",
            str(self.port),
            "--web-workers",
            str(self.web_workers),
        ]
        if not self.worker:
            command.append("--no-worker")
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                env=self.env(),
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"portal serve stopped:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("portal serve did not answer /healthz within 60 s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> ServedPortal:
        self.prepare()
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
