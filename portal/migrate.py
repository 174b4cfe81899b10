"""Runs Alembic migrations from code (the CLI and the tests use the same path)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig

from portal.config import PROJECT_ROOT


def alembic_config(database_url: str) -> AlembicConfig:
    cfg = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def check(database_url: str) -> None:
    """Raise when the models and the migrated schema differ."""
    command.check(alembic_config(database_url))
