"""Governance page callbacks over HTTP: who may read them, scoped action lists, and no editing at all."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

from layouts import governance
from portal.access.permissions import Permission, permissions_for
from portal.demo.programme import DEMO_ACCOUNTS
from portal.models import Role
from support import callback_body, dependencies, find_spec, login, post_callback

OUTPUTS = ("governance-summary", "governance-overdue")


def _call(client: FlaskClient, email: str | None, output: str) -> tuple[int, str]:
    if email is not None:
        assert login(client, email).status_code == 302
        client.get("/governance")
    spec = find_spec(dependencies(client), output)
    response = post_callback(client, callback_body(spec, ["/governance"]))
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_every_role_allowed_or_refused(client: FlaskClient, email: str, role: str, output: str) -> None:
    status, _ = _call(client, email, output)
    allowed = Permission.GOVERNANCE_READ in permissions_for(Role(role))
    assert status == (200 if allowed else 403)


def test_opcc_sees_tree_summaries_slippage_and_updates(client: FlaskClient) -> None:
    status, text = _call(client, "opcc@portal.example", "governance-summary")
    assert status == 200
    for name in ("HMICFRS Board", "Investigations Gold Group", "MARAC Strategic Governance Board"):
        assert name in text
    assert "Chair: " in text and "Investigating Crime" in text
    status, text = _call(client, None, "governance-overdue")
    assert status == 200
    assert "Was due" in text and "First agreed" in text and "Reason" in text
    assert "Clear Birmingham MARAC backlog" in text


def test_page_links_board_packs_and_has_no_editing_controls() -> None:
    page = json.dumps(governance.layout(), cls=PlotlyJSONEncoder)
    assert "/governance/packs" in page
    for control in ('"type": "Button"', '"type": "Input"', '"type": "Textarea"', '"type": "Dropdown"'):
        assert control not in page


def test_silver_action_lists_are_narrowed_to_their_workstream(client: FlaskClient) -> None:
    _, everyone = _call(client, "opcc@portal.example", "governance-overdue")
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})
    _, silver = _call(client, "silver.outcomes@portal.example", "governance-overdue")
    assert "MARAC-1" in everyone
    assert "MARAC-1" not in silver.split("Recent updates")[0]
    assert "INV-4" in silver


def test_opcc_edit_posted_by_hand_is_refused(client: FlaskClient) -> None:
    """No admin or data callback runs for the OPCC, whatever the request says."""
    assert login(client, "opcc@portal.example").status_code == 302
    client.get("/governance")
    specs = dependencies(client)
    for output in ("admin-users-table", "data-refresh-feedback", "admin-metrics-table"):
        response = post_callback(client, callback_body(find_spec(specs, output)))
        assert response.status_code == 403
