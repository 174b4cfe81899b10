"""Pages bench: 20 concurrent signed-in sessions replaying each page's data callbacks against gunicorn,
p50/p95 per page; and the overview's first render in Chromium.

Two runs: *paced*, where each session pauses about a second between pages as a brisk user would (the
goal is judged here), and *saturated*, where every session fires its next request the moment the last
one answers — a stress figure: 20 clients with no pause keep both cores busy, so latency there is mostly
queueing (20 sessions / requests per second) and shows the machine's capacity rather than a user's wait."""

from __future__ import annotations

import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import summary_ms, verdict, write_results
from bench.http import Samples, clone, post_callback, signed_in
from bench.record import first_render, record_for_roles
from bench.served import ROLE_ACCOUNTS, ServedPortal

GOAL_P95_MS, GOAL_RENDER_S = 150.0, 1.5


def replay(
    base_url: str,
    recorded: dict[str, dict[str, list[dict[str, Any]]]],
    *,
    sessions: int,
    rounds: int,
    think: float = 0.0,
) -> Samples:
    """`sessions` threads, roles in turn, each visiting its pages `rounds` times: a page's callbacks are
    posted one after another, as one user would, then the session pauses `think` seconds (±50 %, seeded)
    before the next page. Paced sessions arrive spread over the first pause; unpaced ones all at once."""
    roles = list(recorded)
    logged = {role: signed_in(base_url, ROLE_ACCOUNTS[role]) for role in roles}
    clients = [(roles[i % len(roles)], clone(logged[roles[i % len(roles)]])) for i in range(sessions)]
    samples = Samples()
    start = threading.Barrier(sessions)

    def user(index: int, role: str, client: Any) -> None:
        pause = random.Random(index)
        start.wait()
        if think:  # users arrive over the first pause, not all in the same millisecond
            time.sleep(think * pause.uniform(0.0, 1.0))
        for _ in range(rounds):
            for slug, bodies in recorded[role].items():
                for body in bodies:
                    samples.timed(slug, lambda b=body: post_callback(client, base_url, b))
                if think:
                    time.sleep(think * pause.uniform(0.5, 1.5))

    threads = [threading.Thread(target=user, args=(i, *pair)) for i, pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def _report(label: str, samples: Samples, elapsed: float, urls: dict[str, str]) -> dict[str, Any]:
    per_page = {urls[slug]: summary_ms(values) for slug, values in samples.latencies.items()}
    total = len(samples.all_latencies())
    print(
        f"  {label}: {total:,} callback requests in {elapsed:.1f} s"
        f" ({total / elapsed:,.0f}/s), errors {samples.error_count()}"
    )
    print(f"  {'page':18} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for url, s in per_page.items():
        mark = "" if s["p95_ms"] < GOAL_P95_MS else "  <- over 150 ms"
        print(f"  {url:18} {s['n']:>6} {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} {s['max_ms']:>8.1f}{mark}")
    overall = summary_ms(samples.all_latencies())
    met = all(s["p95_ms"] < GOAL_P95_MS for s in per_page.values()) and not samples.error_count()
    return {
        "requests": total,
        "seconds": round(elapsed, 2),
        "per_second": round(total / elapsed, 1),
        "errors": dict(samples.errors),
        "per_page": per_page,
        "overall": overall,
        "every_page_p95_under_goal": met,
    }


def run(sessions: int = 20, rounds: int = 5, renders: int = 5, think: float = 1.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        print("pages: preparing a demo portal (migrate, demo with figures)…")
        with ServedPortal(Path(tmp), worker=False) as portal:
            recorded, urls = record_for_roles(portal.url)
            counts = {slug: max(len(b.get(slug, [])) for b in recorded.values()) for slug in urls}
            print(
                "  callbacks per page (recorded in Chromium): "
                + ", ".join(f"{urls[s]} {n}" for s, n in counts.items())
            )
            replay(portal.url, recorded, sessions=2, rounds=1)  # warm both gunicorn workers
            runs: dict[str, tuple[Samples, float]] = {}
            for label, pause in (("paced", think), ("saturated", 0.0)):
                started = time.perf_counter()
                samples = replay(portal.url, recorded, sessions=sessions, rounds=rounds, think=pause)
                runs[label] = (samples, time.perf_counter() - started)
            renders_s = first_render(portal.url, runs=renders)
    paced = _report(
        f"paced ({sessions} sessions x {rounds} rounds, ~{think:g} s between pages)", *runs["paced"], urls
    )
    saturated = _report(
        f"saturated ({sessions} sessions x {rounds} rounds, no pause: a capacity figure)",
        *runs["saturated"],
        urls,
    )
    for label, result in (("paced", paced), ("saturated", saturated)):
        overall = result["overall"]
        print(
            f"  {label}: all callbacks p50 {overall['p50_ms']:.1f} ms, p95 {overall['p95_ms']:.1f} ms"
            + (
                f" — goal p95 < 150 ms on every page: {verdict(result['every_page_p95_under_goal'])}"
                if label == "paced"
                else ""
            )
        )
    median_render = statistics.median(renders_s)
    render_ok = median_render < GOAL_RENDER_S
    print(
        f"  overview first render in Chromium (navigation start to cause cards visible): "
        f"{', '.join(f'{r:.2f}' for r in renders_s)} s; median {median_render:.2f} s — goal < 1.5 s:"
        f" {verdict(render_ok)}"
    )
    data = {
        "sessions": sessions,
        "rounds": rounds,
        "think_s": think,
        "paced": paced,
        "saturated": saturated,
        "callbacks_per_page": {urls[s]: n for s, n in counts.items()},
        "first_render_s": [round(r, 3) for r in renders_s],
        "first_render_median_s": round(median_render, 3),
        "goal_met": {"callbacks_p95": paced["every_page_p95_under_goal"], "first_render": render_ok},
    }
    print(f"  results: {write_results('pages', data)}")
    return data
