"""Signed-in HTTP sessions (requests) that replay recorded Dash callbacks and API calls, timed."""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import requests

from bench.served import DEMO_PASSWORD

CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def signed_in(base_url: str, email: str, password: str = DEMO_PASSWORD) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base_url}/login", timeout=30)
    match = CSRF_FIELD.search(form.text)
    if not match:
        raise RuntimeError("the sign-in page has no CSRF field")
    answer = session.post(
        f"{base_url}/login",
        data={"email": email, "password": password, "csrf_token": match.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"sign-in as {email} answered {answer.status_code}")
    session.get(f"{base_url}/", timeout=30)  # sets the _csrf_token cookie Dash forwards
    return session


def post_callback(session: requests.Session, base_url: str, recorded: dict[str, Any]) -> requests.Response:
    """Replay one recorded request ({"path": with its query string, "body": the JSON body})."""
    token = session.cookies.get("_csrf_token", "")
    return session.post(
        base_url + recorded["path"], json=recorded["body"], headers={"X-CSRFToken": token}, timeout=60
    )


def clone(session: requests.Session) -> requests.Session:
    """Another client with the same signed-in cookies (sign-in is rate limited per address)."""
    copy = requests.Session()
    copy.cookies.update(session.cookies)
    return copy


@dataclass
class Samples:
    """Thread-safe latencies by label, plus errors (HTTP >= 400 where 2xx was expected, or failures)."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, label: str, call: Any) -> None:
        started = time.perf_counter()
        try:
            response = call()
            elapsed = time.perf_counter() - started
            problem = None if response.status_code < 400 else f"HTTP {response.status_code}"
        except requests.RequestException as exc:
            elapsed, problem = time.perf_counter() - started, type(exc).__name__
        with self.lock:
            self.latencies[label].append(elapsed)
            if problem:
                self.errors[label].append(problem)

    def all_latencies(self) -> list[float]:
        return [v for values in self.latencies.values() for v in values]

    def error_count(self) -> int:
        return sum(len(v) for v in self.errors.values())
