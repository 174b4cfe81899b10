"""The test backends (SQLite always; PostgreSQL and Redis under CI=true) and the test configuration.

A plain module, not a conftest, so test modules import it by one unambiguous name."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from sqlalchemy import text

from portal.config import Config
from portal.db import Database, make_engine

CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL") or (
    "postgresql+psycopg://127.0.0.1:5432/test" if CI else None
)
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL") or ("redis://127.0.0.1:6379/15" if CI else None)
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PAPER_DATE = date(2024, 2, 27)
FAST_HASHER = {"argon2_time_cost": 1, "argon2_memory_kib": 1024}


def reset_postgres(url: str) -> None:
    """Empty the test database; under CI an unreachable server fails the run, it never skips."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def make_config(database_url: str, instance: Path, **overrides: object) -> Config:
    return Config(
        env="test",
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough-for-anything",
        instance_dir=instance,
        upload_dir=instance / "uploads",
        today=PAPER_DATE,
        page_cache=False,  # tests roll back, so row ids repeat; test_page_cache.py turns it on
        **FAST_HASHER,  # type: ignore[arg-type]
    ).with_overrides(**overrides)


def seed_demo_programme(url: str) -> None:
    """Commit the demo programme (causes, recommendations, actions, accounts) into a migrated database."""
    from portal.demo.programme import seed_programme
    from portal.passwords import Hasher

    database = Database(url)
    try:
        with database.transaction() as session:
            seed_programme(session, hasher=Hasher(time_cost=1, memory_kib=1024), password="engage-demo")
    finally:
        database.dispose()
