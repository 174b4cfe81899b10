"""`portal demo`: the board paper's programme, demo accounts and figures (idempotent)."""

from __future__ import annotations

import sys

import click

from portal.cli._context import config_or_exit, hasher, transaction


@click.command(help="Load the demo programme and accounts (refused when PORTAL_ENV=production).")
def demo() -> None:
    config = config_or_exit()
    if config.is_production:
        click.echo(
            "Refused: the demo accounts have a published password and cannot exist in production.", err=True
        )
        sys.exit(2)
    from portal.demo.programme import seed_programme

    with transaction(config) as session:
        created = seed_programme(session, hasher=hasher(config), password=config.demo_password)
    summary = ", ".join(f"{n} {what}" for what, n in created.items() if n) or "nothing new"
    click.echo(f"Demo programme loaded: {summary}.")
