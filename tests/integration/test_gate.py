"""The request gate: deny by default, with every Dash endpoint closed to anonymous callers."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.access.guard import callback_permissions
from support import callback_body, dependencies, login, post_callback


@pytest.mark.parametrize(
    "path", ["/healthz", "/login", "/assets/portal.css", "/bootstrap/static/css/bootstrap.min.css"]
)
def test_public_paths(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/_dash-layout", "/_dash-dependencies", "/api/v1/anything"])
def test_dash_and_api_refuse_anonymous(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert "Sign in" in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/", "/causes/INV", "/no-such-page"])
def test_pages_redirect_anonymous_to_login(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def _all_callbacks(app: Flask, client: FlaskClient) -> list[dict]:
    login(client, "admin@portal.example")
    client.get("/")  # Dash registers its page router on the first page request
    specs = dependencies(client)
    client.post("/logout", data={"csrf_token": ""})
    client.delete_cookie("engage_session")
    return specs


def test_every_callback_is_registered_with_a_permission(app: Flask, client: FlaskClient) -> None:
    specs = _all_callbacks(app, client)
    server_side = {s["output"] for s in specs if not s["clientside"]}
    assert server_side, "no server-side callbacks found"
    assert server_side <= set(callback_permissions(app))


def test_anonymous_post_of_every_callback_is_refused(app: Flask, client: FlaskClient, monkeypatch) -> None:
    specs = _all_callbacks(app, client)
    dash_app = app.extensions["portal.dash"]
    ran: list[str] = []
    for key, entry in dash_app.callback_map.items():
        if "callback" not in entry:  # clientside: runs in the browser only
            continue
        original = entry["callback"]

        def spy(*args, __key=key, __original=original, **kwargs):
            ran.append(__key)
            return __original(*args, **kwargs)

        monkeypatch.setitem(entry, "callback", spy)
    server_specs = [s for s in specs if not s["clientside"]]
    for spec in server_specs:
        response = post_callback(client, callback_body(spec), csrf=True)
        assert response.status_code in (401, 403), spec["output"]
    assert ran == []


def test_unknown_callback_output_is_refused_for_signed_in_users(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    body = {
        "output": "made-up.children",
        "outputs": {"id": "made-up", "property": "children"},
        "inputs": [],
        "state": [],
        "changedPropIds": [],
    }
    assert post_callback(client, body).status_code == 403


def test_callback_without_csrf_header_is_refused(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    client.get("/")
    spec = next(s for s in dependencies(client) if "nav-links" in s["output"])
    assert post_callback(client, callback_body(spec, ["/"]), csrf=False).status_code == 400
    assert post_callback(client, callback_body(spec, ["/"])).status_code == 200


def test_readyz_is_ready_with_database_and_embedded_broker(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"status": "ready", "problems": []}


def test_readyz_names_an_unreachable_broker(app: Flask, client: FlaskClient, monkeypatch) -> None:
    broken = app.config["PORTAL"].with_overrides(redis_url="redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.config, "PORTAL", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["problems"] == ["broker unreachable: OperationalError"]
