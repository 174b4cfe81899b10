"""`portal users`: create, list, deactivate and set passwords from the console."""

from __future__ import annotations

import sys

import click

from portal.cli._context import config_or_exit, hasher, transaction
from portal.models import Role
from portal.passwords import PasswordRejected
from portal.services import users as user_service
from portal.services.users import UserError


@click.group(help="User accounts.")
def users() -> None:
    pass


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@users.command(
    help="Create a user. Scopes: cause codes (gold), INV-4 style recommendations (silver), an LPA (lpa)."
)
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", default=None, help="Full name (default: from the email).")
@click.option("--scope", "scopes", multiple=True)
@click.option("--password", default=None, help="Prompted for when not given.")
def create(email: str, role: str, name: str | None, scopes: tuple[str, ...], password: str | None) -> None:
    config = config_or_exit()
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    name = name or email.split("@", 1)[0].replace(".", " ").title()
    try:
        with transaction(config) as session:
            user = user_service.create(
                session,
                actor=None,
                hasher=hasher(config),
                email=email,
                name=name,
                role=role,
                password=password,
                scopes=scopes,
            )
            click.echo(f"Created {user.email} ({user.role}).")
    except (UserError, PasswordRejected) as exc:
        _fail(str(exc))


@users.command("list", help="List users with role, scopes and state.")
def list_users() -> None:
    with transaction(config_or_exit()) as session:
        for user in user_service.get_all(session, actor=None):
            scopes = ",".join(s.value for s in user.scopes) or "-"
            state = "active" if user.is_active else "deactivated"
            click.echo(f"{user.email:40} {user.role:10} {scopes:20} {state}{' demo' if user.is_demo else ''}")


@users.command(help="Deactivate a user: their sessions end at once.")
@click.argument("email")
def deactivate(email: str) -> None:
    with transaction(config_or_exit()) as session:
        user = user_service.get_by_email(session, email=email)
        if user is None:
            _fail(f"no user {email}")
        user_service.deactivate(session, actor=None, user=user)
        click.echo(f"Deactivated {user.email}.")


@users.command("set-password", help="Set a user's password (prompted) and end their sessions.")
@click.argument("email")
@click.option("--password", default=None)
def set_password(email: str, password: str | None) -> None:
    config = config_or_exit()
    if password is None:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        with transaction(config) as session:
            user = user_service.get_by_email(session, email=email)
            if user is None:
                _fail(f"no user {email}")
            user_service.set_password(
                session, actor=None, hasher=hasher(config), user=user, password=password
            )
            click.echo(f"Password changed for {user.email}.")
    except PasswordRejected as exc:
        _fail(str(exc))
