"""The per-user page cache: a repeated page load is answered from memory, any change shows at once, and
one user's answer is never served to another (so the cache cannot widen what anyone sees)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from backends import make_config
from portal.access.principal import Principal
from portal.app import create_app
from portal.db import get_database
from portal.models import Action, User
from portal.pagecache import CACHE, PageCache
from portal.services import actions as action_service
from support import callback_body, dependencies, find_spec, login, post_callback

OPCC, SILVER = "opcc@portal.example", "silver.outcomes@portal.example"


@pytest.fixture(scope="module")
def app(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """This module's app keeps the page cache on (the rest of the suite turns it off)."""
    flask_app = create_app(make_config(seeded_url, tmp_path_factory.mktemp("instance"), page_cache=True))
    yield flask_app
    get_database(flask_app).dispose()


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    CACHE.clear()
    yield
    CACHE.clear()


def _sign_in(client: FlaskClient, email: str, page: str) -> list[dict[str, Any]]:
    assert login(client, email).status_code == 302
    assert client.get(page).status_code == 200
    return dependencies(client)


def _call(client: FlaskClient, specs: list[dict[str, Any]], output: str, value: Any) -> Any:
    return post_callback(client, callback_body(find_spec(specs, output), [value]))


def test_a_repeated_load_is_served_from_the_cache_with_the_same_answer(
    app: Flask, client: FlaskClient
) -> None:
    specs = _sign_in(client, OPCC, "/governance")
    first = _call(client, specs, "governance-overdue", "/governance")
    hits = CACHE.hits
    second = _call(client, specs, "governance-overdue", "/governance")
    assert first.status_code == second.status_code == 200
    assert CACHE.hits == hits + 1
    assert second.get_json() == first.get_json()
    assert "Clear Birmingham MARAC backlog" in second.get_data(as_text=True)


def test_a_progress_update_shows_on_the_next_load(
    app: Flask, client: FlaskClient, db_session: Session
) -> None:
    specs = _sign_in(client, OPCC, "/governance")
    before = _call(client, specs, "governance-overdue", "/governance").get_data(as_text=True)
    note = "Cache check: partner referral pathway agreed with the Birmingham MARAC chair"
    assert note not in before
    gold = db_session.scalars(select(User).where(User.email == "gold.investigations@portal.example")).one()
    action_id = db_session.scalars(select(Action.id).order_by(Action.id)).first()
    action_service.add_note(db_session, principal=Principal.from_user(gold), action_id=action_id, note=note)
    db_session.commit()
    after = _call(client, specs, "governance-overdue", "/governance").get_data(as_text=True)
    assert note in after


def test_one_users_answer_is_never_served_to_another(app: Flask, client: FlaskClient) -> None:
    specs = _sign_in(client, OPCC, "/governance")
    everyone = _call(client, specs, "governance-overdue", "/governance").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})
    specs = _sign_in(client, SILVER, "/governance")
    silver = _call(client, specs, "governance-overdue", "/governance").get_data(as_text=True)
    assert "MARAC-1" in everyone
    assert "MARAC-1" not in silver


def test_an_lpa_lead_is_refused_another_lpa_even_when_its_page_is_cached(
    app: Flask, client: FlaskClient
) -> None:
    specs = _sign_in(client, "dcc@portal.example", "/lpa/Coventry")
    assert _call(client, specs, "lpa-body", "Coventry").status_code == 200
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})
    specs = _sign_in(client, "lpa.birmingham@portal.example", "/lpa")
    refused = _call(client, specs, "lpa-body", "Coventry")
    assert refused.status_code == 403
    assert "Coventry" not in refused.get_data(as_text=True)


def test_the_cache_is_bounded_by_entries_and_by_size() -> None:
    cache = PageCache(max_entries=3, max_bytes=100)
    for n in range(5):
        cache.put(("page", n), {"n": n}, 10)
    assert len(cache) == 3 and cache.get(("page", 0)) is None and cache.get(("page", 4)) == {"n": 4}
    cache.get(("page", 2))  # recently used: survives the next eviction
    cache.put(("big", 0), {"big": True}, 85)
    assert cache.get(("page", 2)) == {"n": 2} and cache.get(("page", 3)) is None
    assert cache.size_bytes <= 100
    cache.put(("huge", 0), {}, 101)  # larger than the whole budget: not kept, nothing evicted for it
    assert cache.get(("huge", 0)) is None and cache.get(("big", 0)) == {"big": True}
