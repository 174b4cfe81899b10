"""`python -m bench [ingest|pages|load|all]` — figures printed, JSON written to bench-results/."""

from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    ingest = commands.add_parser("ingest", help="1,000,000 crimes through `portal ingest` beside bare polars")
    ingest.add_argument("--rows", type=int, default=1_000_000)
    ingest.add_argument("--other-rows", type=int, default=100_000)
    ingest.add_argument("--repeat", type=int, default=2)
    pages = commands.add_parser("pages", help="20 sessions replaying each page's callbacks; first render")
    pages.add_argument("--sessions", type=int, default=20)
    pages.add_argument("--rounds", type=int, default=5)
    pages.add_argument("--think", type=float, default=1.0, help="seconds between pages in the paced run")
    load = commands.add_parser("load", help="50 sessions for 60 s with the worker ingesting")
    load.add_argument("--sessions", type=int, default=50)
    load.add_argument("--seconds", type=float, default=60.0)
    load.add_argument(
        "--think", type=float, default=1.0, help="seconds between a session's actions; 0: stress"
    )
    commands.add_parser("all", help="ingest, pages and load (the default)")
    options = parser.parse_args()
    command = options.command or "all"
    if command in {"ingest", "all"}:
        from bench import ingest as ingest_bench

        args = (options.rows, options.other_rows, options.repeat) if command == "ingest" else ()
        ingest_bench.run(*args)
    if command in {"pages", "all"}:
        from bench import pages as pages_bench

        pages_bench.run(*((options.sessions, options.rounds, 5, options.think) if command == "pages" else ()))
    if command in {"load", "all"}:
        from bench import load as load_bench

        load_bench.run(
            *((options.sessions, options.seconds, 500_000, options.think) if command == "load" else ())
        )


if __name__ == "__main__":
    main()
