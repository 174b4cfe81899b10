"""Per-user memo of read-only page callbacks, invalidated by any change to the data they show.

A page's figures change when an extract is processed, a refresh runs, an alert is raised or an action
is touched, and every one of those leaves a new row or a bumped version behind; every other change (a
baseline, a tolerance, a sign-off step, a user's scopes) writes an audit event. `data_version` reads
them in one small query; a callback's answer is reused only for the same user, with the same role and
scopes, the same inputs, the same "today" and the same data version. Nothing is shared between users,
so the cache cannot widen what anyone sees. The answer is kept in its JSON form: serialising Dash
components is most of a large page's cost, and plain lists and dicts cost almost nothing to send.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from dash._callback import NoUpdate
from flask import current_app
from plotly.io.json import to_json_plotly
from sqlalchemy import text
from sqlalchemy.orm import Session

from portal import clock, db
from portal.access.principal import Principal, current_principal

MAX_ENTRIES = 256
# Answers are kept as Python lists and dicts, about five times their JSON size in memory: 8 MB of JSON
# is roughly 45 MB per web process, whatever the mix of small and large pages.
MAX_JSON_BYTES = 8 * 1024 * 1024
VERSION_SQL = text(
    "SELECT (SELECT max(id) FROM audit_events), (SELECT max(id) FROM metric_values),"
    " (SELECT max(id) FROM alerts),"
    " (SELECT max(id) FROM action_updates), (SELECT max(id) FROM refresh_runs),"
    " (SELECT max(id) FROM extracts), (SELECT count(*) FROM actions), (SELECT sum(version) FROM actions)"
)


def data_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever anything a page shows may have changed (see the module docstring)."""
    return tuple(session.execute(VERSION_SQL).one())


class PageCache:
    """A small thread-safe LRU: gunicorn runs several threads per worker process."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_JSON_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key][0]
            self.misses += 1
            return None

    def put(self, key: tuple[Any, ...], value: Any, size: int) -> None:
        """Keep `value` (`size`: its JSON length), evicting the least recently used beyond either bound."""
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._bytes -= self._entries.pop(key)[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._bytes -= self._entries.popitem(last=False)[1][1]

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


CACHE = PageCache()


def _viewer(principal: Principal) -> tuple[Any, ...]:
    return (
        principal.user_id,
        principal.role,
        tuple(sorted(principal.causes)),
        tuple(sorted(principal.recommendations)),
        principal.lpa,
        principal.session_epoch,
    )


def _has_no_update(value: Any) -> bool:
    items = value if isinstance(value, (tuple, list)) else (value,)
    return any(isinstance(item, NoUpdate) for item in items)


def memoised(func: Callable[..., Any]) -> Callable[..., Any]:
    """For read-only page callbacks, under `guarded_callback` (the permission is checked first)."""

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        if not current_app.config["PORTAL"].page_cache:
            return func(*args)
        principal = current_principal()
        today = clock.today(current_app.config["PORTAL"].today)
        try:
            inputs = json.dumps(args, sort_keys=True, default=str)
        except (TypeError, ValueError):
            return func(*args)
        version = data_version(db.session())
        key = (func.__module__, func.__qualname__, _viewer(principal), today, inputs, version)
        found = CACHE.get(key)
        if found is not None:
            return found
        value = func(*args)
        if _has_no_update(value):
            return value
        text = to_json_plotly(value)
        plain = json.loads(text)
        CACHE.put(key, plain, len(text))
        return plain

    return wrapper
