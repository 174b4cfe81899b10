"""Shared helpers for CLI commands: the configuration, the database and clean error exits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from portal.config import Config, ConfigError, load_config
from portal.db import Database
from portal.passwords import Hasher


def config_or_exit() -> Config:
    try:
        return load_config()
    except ConfigError as exc:
        click.echo(f"Configuration error: {exc}", err=True)
        sys.exit(1)


@contextmanager
def transaction(config: Config) -> Iterator[Session]:
    database = Database(config.database_url)
    try:
        with database.transaction() as session:
            yield session
    finally:
        database.dispose()


def hasher(config: Config) -> Hasher:
    return Hasher(time_cost=config.argon2_time_cost, memory_kib=config.argon2_memory_kib)
