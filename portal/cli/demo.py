"""`portal demo`: the board paper's programme, demo accounts and figures (idempotent)."""

from __future__ import annotations

import sys
import time

import click

from portal import clock
from portal.cli._context import config_or_exit, hasher, transaction
from portal.db import Database


@click.command(help="Load the demo programme, accounts and figures (refused when PORTAL_ENV=production).")
@click.option("--no-figures", is_flag=True, help="Only the programme and accounts, no extracts.")
def demo(no_figures: bool) -> None:
    config = config_or_exit()
    if config.is_production:
        click.echo(
            "Refused: the demo accounts have a published password and cannot exist in production.", err=True
        )
        sys.exit(2)
    from portal.demo.catalogue import apply_demo_settings
    from portal.demo.figures import load_demo_figures
    from portal.demo.programme import seed_programme
    from portal.services.metrics import sync_catalogue

    started = time.perf_counter()
    with transaction(config) as session:
        created = seed_programme(session, hasher=hasher(config), password=config.demo_password)
        created["metric definitions"] = sync_catalogue(session)
    summary = ", ".join(f"{n} {what}" for what, n in created.items() if n) or "nothing new"
    click.echo(f"Demo programme: {summary}.")
    if no_figures:
        return
    click.echo("Demo figures: generating row-level extracts and ingesting them…")
    database = Database(config.database_url)
    try:
        counts = load_demo_figures(
            database, settings=config, today=clock.today(config.today), report=click.echo
        )
        with database.transaction() as session:
            apply_demo_settings(session)
    finally:
        database.dispose()
    click.echo(
        f"Demo figures: {counts['ingested']} extracts ingested, {counts['already_loaded']} already loaded"
        f" ({time.perf_counter() - started:.1f} s)."
    )
    if counts["rejected"]:
        sys.exit(1)
