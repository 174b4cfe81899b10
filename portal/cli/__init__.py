"""The `portal` command: database, demo, users and serving (DESIGN.md "Contracts")."""

from __future__ import annotations

import click

from portal.cli import boardpack as boardpack_commands
from portal.cli import data as data_commands
from portal.cli import db as db_commands
from portal.cli import demo as demo_commands
from portal.cli import reminders as reminder_commands
from portal.cli import serve as serve_commands
from portal.cli import tokens as token_commands
from portal.cli import users as user_commands


@click.group(help="Engage Portal administration.")
def main() -> None:
    """Entry point of the `portal` console script."""


main.add_command(db_commands.db)
main.add_command(boardpack_commands.board_pack)
main.add_command(demo_commands.demo)
main.add_command(user_commands.users)
main.add_command(serve_commands.serve)
main.add_command(token_commands.tokens)
main.add_command(reminder_commands.reminders)
for command in (data_commands.ingest, data_commands.metrics, data_commands.refresh, data_commands.extracts):
    main.add_command(command)
