"""`portal db`: schema migrations."""

from __future__ import annotations

import click

from portal.cli._context import config_or_exit


@click.group(help="Database schema.")
def db() -> None:
    pass


@db.command(help="Apply every migration up to the latest (or REVISION).")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    from portal import migrate  # alembic: only for these commands (0.2 s for every other one)

    config = config_or_exit()
    if config.database_url.startswith("sqlite"):
        config.instance_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(config.database_url, revision)
    click.echo(f"Database at {revision}.")


@db.command(help="Undo migrations down to REVISION (default: an empty database).")
@click.argument("revision", default="base")
@click.confirmation_option(prompt="This removes data. Continue?")
def downgrade(revision: str) -> None:
    from portal import migrate

    migrate.downgrade(config_or_exit().database_url, revision)
    click.echo(f"Database at {revision}.")
