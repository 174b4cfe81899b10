"""Load bench: 50 signed-in sessions for 60 s across pages, callbacks and /api/v1/* against gunicorn with
the worker running and crimes extracts being ingested the whole time."""

from __future__ import annotations

import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import summary_ms, verdict, write_results
from bench.generate import CRIMES_AS_OF, write_crimes
from bench.http import Samples, clone, post_callback, signed_in
from bench.record import record_for_roles
from bench.served import ROLE_ACCOUNTS, ServedPortal

API = (
    "/api/v1/metrics",
    "/api/v1/metrics?key=positive_outcome_rate_ytd",
    "/api/v1/actions",
    "/api/v1/actions?overdue=true",
    "/api/v1/extracts",
)
GOAL_P95_MS = 200.0


def _allowed_api(base_url: str, client: Any) -> list[str]:
    return [path for path in API if client.get(base_url + path, timeout=30).status_code == 200]


def _ingester(base_url: str, files: list[Path], stop: threading.Event, log: list[dict[str, Any]]) -> None:
    """Upload one crimes extract after another as the analyst; each is ingested by the worker."""
    client = signed_in(base_url, ROLE_ACCOUNTS["analyst"])
    for path in files:
        if stop.is_set():
            return
        started = time.perf_counter()
        with path.open("rb") as handle:
            answer = client.post(
                f"{base_url}/extracts/upload",
                data={"kind": "crimes", "as_of": CRIMES_AS_OF.isoformat()},
                files={"file": (path.name, handle, "text/csv")},
                headers={"X-CSRFToken": client.cookies.get("_csrf_token", ""), "Accept": "application/json"},
                timeout=120,
            )
        entry: dict[str, Any] = {"file": path.name, "upload_status": answer.status_code}
        if answer.status_code != 202:
            entry["answer"] = answer.text[:300]
            log.append(entry)
            continue
        extract_id = answer.json()["extract_id"]
        status = "queued"
        while not stop.is_set() and status in {"queued", "processing"}:
            time.sleep(0.5)
            status = client.get(f"{base_url}/extracts/{extract_id}/status", timeout=30).json()["status"]
        entry.update(status=status, seconds=round(time.perf_counter() - started, 2))
        log.append(entry)


def run(
    sessions: int = 50, seconds: float = 60.0, crimes_rows: int = 500_000, think: float = 1.0
) -> dict[str, Any]:
    """Each session opens a page, replays a page's callbacks or calls the API, then pauses about `think`
    seconds (±50 %; arrivals spread over the first pause), as a busy user would. `think=0` is a stress
    run: no pause at all, so latency is mostly queueing for the two cores."""
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        pace = f"~{think:g} s between actions" if think else "no pause (stress)"
        print(
            f"load: preparing a demo portal with its worker; {sessions} sessions for {seconds:.0f} s, {pace}…"
        )
        files = [write_crimes(folder / f"crimes-{n}.csv", crimes_rows + n, seed=n + 1) for n in range(4)]
        with ServedPortal(folder / "portal", worker=True) as portal:
            base = portal.url
            recorded, urls = record_for_roles(base)
            roles = list(ROLE_ACCOUNTS)
            logged = {role: signed_in(base, ROLE_ACCOUNTS[role]) for role in roles}
            api = {role: _allowed_api(base, logged[role]) for role in roles}
            clients = [(roles[i % len(roles)], clone(logged[roles[i % len(roles)]])) for i in range(sessions)]
            samples, stop, ingests = Samples(), threading.Event(), []
            ingester = threading.Thread(target=_ingester, args=(base, files, stop, ingests))
            ingester.start()
            time.sleep(1.0)  # the first upload is in the worker's hands

            def user(index: int, role: str, client: Any) -> None:
                rng = random.Random(index)  # noqa: S311 - a load mix, not security
                slugs = list(recorded[role])
                if think:
                    stop.wait(think * rng.uniform(0.0, 1.0))
                while not stop.is_set():
                    choice = rng.random()
                    slug = rng.choice(slugs)
                    if choice < 0.2:
                        samples.timed("page", lambda u=urls[slug]: client.get(base + u, timeout=60))
                    elif choice < 0.35 and api[role]:
                        path = rng.choice(api[role])
                        samples.timed("api", lambda p=path: client.get(base + p, timeout=60))
                    else:
                        for body in recorded[role][slug]:
                            if stop.is_set():
                                break
                            samples.timed("callback", lambda b=body: post_callback(client, base, b))
                    if think:
                        stop.wait(think * rng.uniform(0.5, 1.5))

            threads = [threading.Thread(target=user, args=(i, *pair)) for i, pair in enumerate(clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            ingester.join(timeout=30)
    every = samples.all_latencies()
    overall = summary_ms(every)
    by_kind = {label: summary_ms(values) for label, values in samples.latencies.items()}
    errors = samples.error_count()
    rate = len(every) / elapsed
    ok = errors == 0 and overall["p95_ms"] < GOAL_P95_MS
    print(
        f"  {len(every):,} requests in {elapsed:.1f} s = {rate:,.1f} requests/s; errors {errors}"
        + (f" {dict((k, sorted(set(v))) for k, v in samples.errors.items())}" if errors else "")
    )
    for label, s in by_kind.items():
        print(
            f"  {label:9} n={s['n']:>6,} p50 {s['p50_ms']:7.1f} ms  p95 {s['p95_ms']:7.1f} ms"
            f"  p99 {s['p99_ms']:7.1f} ms"
        )
    print(
        f"  all       p50 {overall['p50_ms']:.1f} ms, p95 {overall['p95_ms']:.1f} ms,"
        f" p99 {overall['p99_ms']:.1f} ms"
        f" — goal zero errors and p95 < 200 ms: {verdict(ok)}"
    )
    print(
        f"  ingests during the run ({crimes_rows:,} crimes each): "
        + (
            "; ".join(f"{e.get('status', e['upload_status'])} in {e.get('seconds', '?')} s" for e in ingests)
            or "none"
        )
    )
    data = {
        "sessions": sessions,
        "think_s": think,
        "seconds": round(elapsed, 2),
        "requests": len(every),
        "requests_per_s": round(rate, 1),
        "errors": {k: len(v) for k, v in samples.errors.items()},
        "overall": overall,
        "by_kind": by_kind,
        "ingests": ingests,
        "goal_met": ok,
    }
    print(f"  results: {write_results('load', data)}")
    return data
