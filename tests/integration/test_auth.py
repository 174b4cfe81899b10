"""Sign-in: the form, wrong passwords, lockout, logout, idle timeout, CSRF and session cookies."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.clock import utcnow
from portal.models import AuditEvent, User
from portal.services.auth import REFUSED
from support import csrf_from, login

EMAIL = "gold.marac@portal.example"


def _events(session: Session, event: str, email: str = EMAIL) -> list[AuditEvent]:
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.event == event, AuditEvent.actor_email == email))
    )


def test_login_page_is_a_form_with_csrf(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' in page
    assert csrf_from(page)
    assert "OFFICIAL-SENSITIVE" in page
    assert '<label class="form-label" for="email">Email address</label>' in page


def test_successful_login_sets_safe_cookie_and_redirects(client: FlaskClient, db_session: Session) -> None:
    response = login(client, EMAIL, next_url="/actions")
    assert response.status_code == 302
    assert response.headers["Location"] == "/actions"
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("engage_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # only in production
    assert client.get("/_dash-layout").status_code == 200
    assert _events(db_session, "auth.login")


def test_next_may_not_leave_the_site(client: FlaskClient) -> None:
    response = login(client, EMAIL, next_url="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_wrong_password_and_unknown_email_get_the_same_message(client: FlaskClient) -> None:
    wrong = login(client, EMAIL, "not-the-password")
    unknown = login(client, "nobody@portal.example", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert REFUSED in wrong.get_data(as_text=True)
    assert REFUSED in unknown.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_five_failures_lock_the_account_for_fifteen_minutes(client: FlaskClient, db_session: Session) -> None:
    for _ in range(5):
        assert login(client, EMAIL, "wrong-password").status_code == 401
    locked = login(client, EMAIL)  # the right password is refused while locked
    assert locked.status_code == 401
    assert REFUSED in locked.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401
    assert len(_events(db_session, "auth.lockout")) == 1
    assert _events(db_session, "auth.refused_locked")
    user = db_session.scalar(select(User).where(User.email == EMAIL))
    assert user.locked_until is not None
    assert timedelta(minutes=14) < user.locked_until - utcnow() <= timedelta(minutes=15)
    # Fifteen minutes later the right password works again.
    user.locked_until = utcnow() - timedelta(seconds=1)
    db_session.flush()
    assert login(client, EMAIL).status_code == 302


def test_failures_older_than_the_window_do_not_count(client: FlaskClient, db_session: Session) -> None:
    from portal.models import LoginFailure

    user = db_session.scalar(select(User).where(User.email == EMAIL))
    for minutes in (16, 17, 18, 19):
        db_session.add(LoginFailure(user_id=user.id, at=utcnow() - timedelta(minutes=minutes)))
    db_session.flush()
    assert login(client, EMAIL, "wrong-password").status_code == 401
    assert login(client, EMAIL).status_code == 302


def test_logout_is_post_only_and_ends_the_session(client: FlaskClient) -> None:
    login(client, EMAIL)
    assert client.get("/logout").status_code == 405
    page = client.get("/login?x=1")  # signed in: redirected away from the form
    assert page.status_code == 302
    token = client.get_cookie("_csrf_token").value
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/_dash-layout").status_code == 401


def test_logout_without_csrf_is_refused(client: FlaskClient) -> None:
    login(client, EMAIL)
    assert client.post("/logout").status_code == 400
    assert client.get("/_dash-layout").status_code == 200


def test_login_post_without_csrf_is_refused(client: FlaskClient) -> None:
    response = client.post("/login", data={"email": EMAIL, "password": "engage-demo"})
    assert response.status_code == 400
    assert client.get("/_dash-layout").status_code == 401


def test_idle_for_thirty_minutes_ends_the_session(client: FlaskClient) -> None:
    login(client, EMAIL)
    assert client.get("/_dash-layout").status_code == 200
    with client.session_transaction() as sess:
        sess["last_seen"] = (utcnow() - timedelta(minutes=31)).isoformat()
    response = client.get("/_dash-layout")
    assert response.status_code == 401
    assert "30 minutes" in response.get_json()["error"]
    assert client.get("/_dash-layout").status_code == 401


def test_activity_within_thirty_minutes_keeps_the_session(client: FlaskClient) -> None:
    login(client, EMAIL)
    with client.session_transaction() as sess:
        sess["last_seen"] = (utcnow() - timedelta(minutes=29)).isoformat()
    assert client.get("/_dash-layout").status_code == 200


def test_session_is_new_after_login(client: FlaskClient) -> None:
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    login(client, EMAIL)
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_deactivated_user_loses_live_session(client: FlaskClient, db_session: Session) -> None:
    login(client, EMAIL)
    assert client.get("/_dash-layout").status_code == 200
    user = db_session.scalar(select(User).where(User.email == EMAIL))
    from portal.services import users

    users.deactivate(db_session, actor=None, user=user)
    db_session.flush()
    assert client.get("/_dash-layout").status_code == 401
    assert login(client, EMAIL).status_code == 401


def test_role_change_applies_on_next_request(app: Flask, client: FlaskClient, db_session: Session) -> None:
    login(client, "analyst@portal.example")
    from support import callback_body, dependencies, find_spec, post_callback

    client.get("/")
    spec = find_spec(dependencies(client), "nav-links")
    before = post_callback(client, callback_body(spec, ["/"])).get_data(as_text=True)
    assert "Admin" not in before
    user = db_session.scalar(select(User).where(User.email == "analyst@portal.example"))
    from portal.services import users

    users.set_role(db_session, actor=None, user=user, role="opcc", scopes=[])
    db_session.flush()
    response = post_callback(client, callback_body(spec, ["/"]))
    assert response.status_code == 200
    assert "OPCC" in response.get_data(as_text=True)
