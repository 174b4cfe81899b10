"""CSRF: cross-site form posts, Dash callbacks and uploads without the token are refused."""

from __future__ import annotations

import io

from flask.testing import FlaskClient

from support import callback_body, dependencies, find_spec, login, post_callback

EVIL = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}


def test_cross_site_login_post_is_refused(client: FlaskClient) -> None:
    data = {"email": "admin@portal.example", "password": "engage-demo"}
    assert client.post("/login", data=data, headers=EVIL).status_code == 400
    assert client.get("/_dash-layout").status_code == 401


def test_cross_site_logout_is_refused(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    assert client.post("/logout", headers=EVIL).status_code == 400
    assert client.get("/_dash-layout").status_code == 200


def test_callback_without_token_is_refused(client: FlaskClient) -> None:
    login(client, "admin@portal.example")
    client.get("/")
    spec = find_spec(dependencies(client), "nav-links")
    assert post_callback(client, callback_body(spec, ["/"]), csrf=False).status_code == 400
    forged = client.post(
        "/_dash-update-component", json=callback_body(spec, ["/"]), headers={"X-CSRFToken": "x"}
    )
    assert forged.status_code == 400
    assert post_callback(client, callback_body(spec, ["/"])).status_code == 200


def test_upload_without_token_is_refused(client: FlaskClient) -> None:
    login(client, "analyst@portal.example")
    data = {"kind": "marac_referrals", "file": (io.BytesIO(b"referral_id\nR1\n"), "x.csv")}
    response = client.post("/extracts/upload", data=data, content_type="multipart/form-data", headers=EVIL)
    assert response.status_code == 400


def test_session_cookie_changes_at_login_and_old_cookie_grants_nothing(client: FlaskClient) -> None:
    client.get("/login")
    before = client.get_cookie("engage_session")
    login(client, "admin@portal.example")
    after = client.get_cookie("engage_session")
    assert after is not None and (before is None or before.value != after.value)
    if before is not None:
        client.set_cookie("engage_session", before.value)
        assert client.get("/_dash-layout").status_code == 401
