"""Shared fixtures: a migrated database per backend, the demo programme, the app, rolled-back tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from hypothesis import settings
from sqlalchemy.orm import Session, sessionmaker

from backends import BACKENDS, CI, PG_URL, make_config, reset_postgres, seed_demo_programme
from portal import migrate
from portal.app import create_app
from portal.db import get_database

# CI runs the property tests reproducibly: the same examples on every run, so a red build is real.
settings.register_profile("ci", derandomize=True, print_blob=True)
if CI:
    settings.load_profile("ci")


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
    seed_demo_programme(database_url)
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
