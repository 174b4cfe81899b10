"""The access matrix: every Flask route, every page and every Dash callback, for anonymous and every role.

The routes and callbacks are read from the app's own registries (url_map, the Dash callback map and the
page registry), so a new one is covered automatically — and a route or page missing from the tables below
fails the test until someone writes down, from DESIGN.md, who may use it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from layouts import pages
from portal.access import Permission
from portal.access.guard import callback_permissions
from portal.access.permissions import ROLE_PERMISSIONS
from portal.access.principal import Principal
from portal.access.scope import action_detail_clause, scoped_actions
from portal.models import Role, User
from support import callback_body, dependencies, login, post_callback

ACCOUNTS = {
    Role.ADMIN: "admin@portal.example",
    Role.EXECUTIVE: "dcc@portal.example",
    Role.GOLD: "gold.investigations@portal.example",
    Role.SILVER: "silver.outcomes@portal.example",
    Role.LPA: "lpa.birmingham@portal.example",
    Role.OPCC: "opcc@portal.example",
    Role.ANALYST: "analyst@portal.example",
}
ALL = frozenset(Role)
PUBLIC = "public"
A, E, G, S, L, P, N = (Role.ADMIN, Role.EXECUTIVE, Role.GOLD, Role.SILVER, Role.LPA, Role.OPCC, Role.ANALYST)

# DESIGN.md "Who uses it", written out per page: who may open it.
PAGE_ACCESS: dict[str, frozenset[Role]] = {
    "/": ALL,
    "/actions": frozenset({A, E, G, S, L, P}),  # analysts work on figures, not the action plan
    "/causes": ALL,
    "/performance": ALL,
    "/lpa": ALL,
    "/governance": frozenset({A, E, G, S, P}),
    "/governance/packs": frozenset({A, E, G, P}),
    "/alerts": frozenset({A, E, G, S, L, P, N}),
    "/data": frozenset({A, E, N}),
    "/admin": frozenset({A}),
    "/audit": frozenset({A, E}),
}

# Every Flask route: public, or the roles that may call it (others get 403; anonymous 401 or a redirect).
ROUTE_ACCESS: dict[str, str | frozenset[Role]] = {
    "/login": PUBLIC,
    "/healthz": PUBLIC,
    "/readyz": PUBLIC,
    "/assets/<path:filename>": PUBLIC,
    "/bootstrap/static/<path:filename>": PUBLIC,
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>": PUBLIC,
    "/static/<path:filename>": PUBLIC,
    "/logout": ALL,
    "/extracts/upload": frozenset({A, N}),
    "/extracts/<int:extract_id>/status": frozenset({A, E, N}),
    "/api/v1/metrics": ALL,
    "/api/v1/extracts": frozenset({A, E, N}),
    "/api/v1/actions": frozenset({A, E, G, S, L, P}),
    "/api/v1/actions/<int:action_id>": frozenset({A, E, G, S, L, P}),
    "/actions/export.csv": frozenset({A, E, G, S, L, P}),
    "/evidence/<int:evidence_id>/download": frozenset({A, E, G, S, L, P}),
    "/board-packs/<int:pack_id>/download": frozenset({A, E, G, P}),
    "/_dash-layout": ALL,
    "/_dash-dependencies": ALL,
    "/_dash-update-component": ALL,
    "/_reload-hash": ALL,
    "/_favicon.ico": PUBLIC,
    "/": ALL,
    "/<path:path>": ALL,
}
# Routes whose own protection is not a session: checked by their own tests.
SEPARATELY_TESTED = {"/metrics"}  # Prometheus, bearer token (test_observability.py)

SAMPLE_ARGS = {
    "filename": "portal.css",
    "path": "actions",
    "package_name": "dash",
    "fingerprinted_path": "dash-renderer/build/dash_renderer.min.js",
}


def _url(rule: str, samples: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[-1]
        return samples.get(name, SAMPLE_ARGS.get(name, "1"))

    return re.sub(r"<([^>]+)>", fill, rule)


def _in_scope_samples(session: Session, role: Role) -> dict[str, str]:
    """Object ids the role's demo account may see, so a refusal means the role, not the object."""
    user = session.scalar(select(User).where(User.email == ACCOUNTS[role]))
    principal = Principal.from_user(user)
    samples = {}
    if principal.can(Permission.ACTIONS_READ):
        visible = session.scalars(scoped_actions(principal).where(action_detail_clause(principal))).first()
        if visible is not None:
            samples["action_id"] = str(visible.id)
    return samples


def _call(client: FlaskClient, rule: Any, samples: dict[str, str] | None = None) -> int:
    url = _url(rule.rule, samples or {})
    methods = rule.methods - {"HEAD", "OPTIONS"}
    if "GET" in methods:
        return client.get(url, headers={"Accept": "application/json"}).status_code
    return client.post(url, headers={"Accept": "application/json"}).status_code


def _rules(app: Flask) -> list[Any]:
    return [r for r in app.url_map.iter_rules() if r.rule not in SEPARATELY_TESTED]


def test_every_route_is_in_the_access_table(app: Flask) -> None:
    missing = sorted({r.rule for r in _rules(app)} - set(ROUTE_ACCESS))
    assert missing == [], f"write down who may use these routes: {missing}"


def test_every_page_is_in_the_access_table() -> None:
    missing = sorted({spec.path for spec in pages()} - set(PAGE_ACCESS))
    assert missing == [], f"write down who may open these pages: {missing}"


def test_anonymous_gets_only_the_public_routes(app: Flask, client: FlaskClient) -> None:
    for rule in _rules(app):
        status = _call(client, rule)
        if ROUTE_ACCESS.get(rule.rule) == PUBLIC:
            assert status not in (401, 403), (rule.rule, status)
        else:
            assert status in (302, 400, 401), (
                rule.rule,
                status,
            )  # 400: CSRF refusal


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=str)
def test_each_role_gets_exactly_its_routes(
    app: Flask, client: FlaskClient, db_session: Session, role: Role
) -> None:
    samples = _in_scope_samples(db_session, role)
    login(client, ACCOUNTS[role])
    refused_wrongly, allowed_wrongly = [], []
    for rule in _rules(app):
        if rule.rule == "/logout" or "POST" in rule.methods and "GET" not in rule.methods:
            continue  # state-changing posts are covered with a real CSRF token below and in their own tests
        expected = ROUTE_ACCESS[rule.rule]
        status = _call(client, rule, samples)
        assert status < 500, (rule.rule, status)
        if expected == PUBLIC or role in expected:
            if status in (401, 403):
                refused_wrongly.append((rule.rule, status))
        elif status != 403:
            allowed_wrongly.append((rule.rule, status))
    assert refused_wrongly == [] and allowed_wrongly == []


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=str)
def test_each_role_may_upload_only_if_allowed(client: FlaskClient, role: Role) -> None:
    login(client, ACCOUNTS[role])
    client.get("/")
    token = client.get_cookie("_csrf_token").value
    response = client.post("/extracts/upload", headers={"X-CSRFToken": token}, data={})
    if role in ROUTE_ACCESS["/extracts/upload"]:
        assert response.status_code == 400  # allowed through, then told the form is incomplete
    else:
        assert response.status_code == 403


def _router(client: FlaskClient) -> dict[str, Any]:
    client.get("/")
    return next(s for s in dependencies(client) if "_pages_content" in s["output"])


def _page_text(client: FlaskClient, spec: dict[str, Any], path: str) -> str:
    inputs = [path if "pathname" in d["property"] else "" for d in spec["inputs"]]
    response = post_callback(client, callback_body(spec, inputs, [None] * len(spec["state"])))
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def _sample_path(spec: Any) -> str:
    template = getattr(spec, "path_template", None)
    if not template:
        return spec.path
    return re.sub(r"<code>", "INV", re.sub(r"<name>", "Birmingham", template))


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=str)
def test_each_role_opens_exactly_its_pages(client: FlaskClient, role: Role) -> None:
    login(client, ACCOUNTS[role])
    router = _router(client)
    for spec in pages():
        text = _page_text(client, router, _sample_path(spec))
        refused = "Not available" in text
        assert refused == (role not in PAGE_ACCESS[spec.path]), (spec.path, role)


def test_server_side_callbacks_follow_the_role_table(app: Flask, client: FlaskClient) -> None:
    """Each callback for each role: refused with 403 exactly when the role lacks the callback's
    permission; otherwise it runs without a server error even on empty input."""
    permissions = callback_permissions(app)
    failures = []
    for role, email in ACCOUNTS.items():
        login(client, email)
        client.get("/")
        for spec in dependencies(client):
            if spec["clientside"] or "_pages_content" in spec["output"]:
                continue  # the page router is covered page by page above
            body = callback_body(spec, state=[None] * len(spec["state"]))
            status = post_callback(client, body).status_code
            needed = permissions[spec["output"]]
            expected_refused = needed not in ROLE_PERMISSIONS[role]
            if expected_refused and status != 403:
                failures.append((role.value, spec["output"], status, "should be refused"))
            elif not expected_refused and status not in (200, 204):
                failures.append((role.value, spec["output"], status, "should run"))
        client.post("/logout", headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    assert failures == []
