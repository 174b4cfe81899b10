"""Shared fixtures: a migrated database per backend, the demo programme, the app, rolled-back tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from portal import migrate
from portal.app import create_app
from portal.config import Config
from portal.db import Database, get_database, make_engine
from portal.passwords import Hasher

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
        **FAST_HASHER,  # type: ignore[arg-type]
    ).with_overrides(**overrides)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "postgresql":
        assert PG_URL
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite'}"
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def seeded_url(database_url: str) -> str:
    """The migrated database with the demo programme committed once for the whole session."""
    from portal.demo.programme import seed_programme

    database = Database(database_url)
    try:
        with database.transaction() as session:
            seed_programme(session, hasher=Hasher(time_cost=1, memory_kib=1024), password="engage-demo")
    finally:
        database.dispose()
    return database_url


@pytest.fixture(scope="session")
def app(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    flask_app = create_app(make_config(seeded_url, tmp_path_factory.mktemp("instance")))
    yield flask_app
    get_database(flask_app).dispose()


@pytest.fixture
def db_session(app: Flask) -> Iterator[Session]:
    """Everything a test does, through the app or directly, is rolled back at its end."""
    database = get_database(app)
    connection = database.engine.connect()
    outer = connection.begin()
    original = database.sessionmaker
    database.sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    session = database.sessionmaker()
    try:
        yield session
    finally:
        session.close()
        database.sessionmaker = original
        outer.rollback()
        connection.close()


@pytest.fixture
def client(app: Flask, db_session: Session) -> Iterator[object]:
    with app.test_client() as test_client:
        yield test_client
