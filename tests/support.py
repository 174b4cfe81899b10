"""Helpers the tests share: signing in through the real form and calling Dash callbacks over HTTP."""

from __future__ import annotations

import json
import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

DEMO_PASSWORD = "engage-demo"
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def login(
    client: FlaskClient, email: str, password: str = DEMO_PASSWORD, *, next_url: str | None = None
) -> TestResponse:
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password, "csrf_token": token})


def csrf_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("_csrf_token")
    if cookie is None:
        client.get("/login")
        cookie = client.get_cookie("_csrf_token")
    assert cookie is not None
    return cookie.value


def callback_body(
    spec: dict[str, Any], inputs: list[Any] | None = None, state: list[Any] | None = None
) -> dict[str, Any]:
    """A /_dash-update-component body for a callback of the app's map, with the given values."""

    def fill(deps: list[dict[str, Any]], values: list[Any] | None) -> list[dict[str, Any]]:
        values = values if values is not None else [None] * len(deps)
        return [
            {"id": d["id"], "property": d["property"], "value": v} for d, v in zip(deps, values, strict=True)
        ]

    return {
        "output": spec["output"],
        "outputs": spec["outputs"],
        "inputs": fill(spec["inputs"], inputs),
        "state": fill(spec["state"], state),
        "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"]
        if spec["inputs"]
        else [],
    }


def dependencies(client: FlaskClient) -> list[dict[str, Any]]:
    """The app's own callback list, as the browser receives it, keyed the way requests name them.
    Clientside callbacks are marked: they run in the browser and never reach the server."""
    response = client.get("/_dash-dependencies")
    assert response.status_code == 200, response.status_code
    specs = []
    for dep in response.get_json():
        outputs = [_split(o) for o in _outputs(dep["output"])]
        specs.append(
            {
                "output": dep["output"],
                "outputs": outputs if len(outputs) > 1 else outputs[0],
                "inputs": dep["inputs"],
                "state": dep["state"],
                "clientside": bool(dep.get("clientside_function")),
            }
        )
    return specs


def _outputs(output: str) -> list[str]:
    if output.startswith(".."):
        return output.strip(".").split("...")
    return [output]


def _split(output: str) -> dict[str, Any]:
    ident, _, prop = output.rpartition(".")
    try:
        parsed: Any = json.loads(ident)
    except ValueError:
        parsed = ident
    return {"id": parsed, "property": prop}


def post_callback(client: FlaskClient, body: dict[str, Any], *, csrf: bool = True) -> TestResponse:
    headers = {"X-CSRFToken": csrf_cookie(client)} if csrf else {}
    return client.post("/_dash-update-component", json=body, headers=headers)


def find_spec(specs: list[dict[str, Any]], output_fragment: str) -> dict[str, Any]:
    matches = [s for s in specs if output_fragment in s["output"]]
    assert len(matches) == 1, f"{output_fragment}: {[s['output'] for s in specs]}"
    return matches[0]
