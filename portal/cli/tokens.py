"""`portal tokens`: API tokens for service accounts (Power BI, Qlik) — created, listed and revoked."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from portal import clock
from portal.cli._context import config_or_exit, hasher, transaction
from portal.models import ApiToken, Role, User
from portal.services import tokens as token_service
from portal.services import users as user_service
from portal.services.users import UserError


@click.group(help="API tokens for service accounts.")
def tokens() -> None:
    pass


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@tokens.command(help="Create a token; the service account is created (no password, no sign-in) if missing.")
@click.option("--email", required=True, help="The service account, e.g. powerbi@force.example.")
@click.option("--name", required=True, help="What the token is for, e.g. 'Power BI nightly refresh'.")
@click.option(
    "--role",
    default=Role.ANALYST.value,
    show_default=True,
    type=click.Choice([r.value for r in Role]),
    help="Role of a new service account: it decides what the token may read.",
)
@click.option("--scope", "scopes", multiple=True, help="Scopes of a new service account.")
def create(email: str, name: str, role: str, scopes: tuple[str, ...]) -> None:
    config = config_or_exit()
    try:
        with transaction(config) as session:
            user = user_service.get_by_email(session, email=email)
            if user is None:
                user = user_service.create(
                    session,
                    actor=None,
                    hasher=hasher(config),
                    email=email,
                    name=email.split("@", 1)[0],
                    role=role,
                    password=None,
                    scopes=scopes,
                )
                user.is_service = True
            elif not user.is_service:
                _fail(f"{user.email} is a person's account; tokens belong to service accounts.")
            token, raw = token_service.create(session, actor=None, user=user, name=name)
            click.echo(f"Token {token.id} for {user.email} ({user.role}). Shown once — store it now:")
            click.echo(raw)
    except UserError as exc:
        _fail(str(exc))


@tokens.command("list", help="List tokens with their account, last use and state.")
def list_tokens() -> None:
    with transaction(config_or_exit()) as session:
        rows = session.execute(select(ApiToken, User).join(User).order_by(ApiToken.id)).all()
        if not rows:
            click.echo("No tokens.")
        for token, user in rows:
            state = "revoked" if token.revoked_at else "active"
            used = token.last_used_at.strftime("%d/%m/%Y %H:%M") if token.last_used_at else "never used"
            click.echo(f"{token.id:>4}  {user.email:36} {token.name:30} {used:18} {state}")


@tokens.command(help="Revoke a token by its number (see `portal tokens list`); refused at once.")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    with transaction(config_or_exit()) as session:
        token = session.get(ApiToken, token_id)
        if token is None:
            _fail(f"no token {token_id}")
        if token.revoked_at is not None:
            _fail(f"token {token_id} is already revoked")
        token_service.revoke(session, actor=None, token=token, now=clock.utcnow())
        click.echo(f"Revoked token {token_id}.")
