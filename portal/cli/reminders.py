"""`portal reminders send`: owners' reminders and gold leads' weekly digests, now."""

from __future__ import annotations

import json

import click

from portal import clock
from portal.cli._context import config_or_exit, transaction
from portal.clock import utcnow
from portal.services import reminders as reminder_service


@click.group(help="Reminders to action owners and weekly digests to gold leads.")
def reminders() -> None:
    pass


@reminders.command("send", help="Send due reminders and digests (e-mail when PORTAL_SMTP_HOST is set).")
def send() -> None:
    config = config_or_exit()
    with transaction(config) as session:
        detail = reminder_service.send_reminders(
            session, settings=config, today=clock.today(config.today), now=utcnow()
        )
    click.echo(json.dumps(detail, indent=2))
