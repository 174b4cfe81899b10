"""The role -> permission table says what DESIGN.md's "Who uses it" table says."""

from __future__ import annotations

import pytest

from portal.access.permissions import ROLE_PERMISSIONS, Permission
from portal.models import Role

P = Permission


def test_every_role_has_an_entry() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize(
    ("role", "granted", "refused"),
    [
        (
            Role.ADMIN,
            {P.USERS_MANAGE, P.REFERENCE_MANAGE, P.AUDIT_READ, P.EXTRACTS_UPLOAD},
            {P.ACTIONS_UPDATE, P.ACTIONS_VERIFY},
        ),
        (
            Role.EXECUTIVE,
            {P.ACTIONS_VERIFY, P.ACTIONS_COMMENT, P.AUDIT_READ, P.GOVERNANCE_READ},
            {P.USERS_MANAGE, P.EXTRACTS_UPLOAD, P.ACTIONS_UPDATE},
        ),
        (
            Role.GOLD,
            {P.ACTIONS_UPDATE, P.ACTIONS_MANAGE, P.METRICS_READ},
            {P.ACTIONS_VERIFY, P.USERS_MANAGE, P.EXTRACTS_UPLOAD, P.AUDIT_READ},
        ),
        (
            Role.SILVER,
            {P.ACTIONS_UPDATE, P.ACTIONS_READ},
            {P.ACTIONS_MANAGE, P.ACTIONS_VERIFY, P.USERS_MANAGE},
        ),
        (
            Role.LPA,
            {P.ACTIONS_UPDATE, P.METRICS_READ},
            {P.ACTIONS_MANAGE, P.GOVERNANCE_READ, P.BOARDPACKS_READ, P.EXTRACTS_READ},
        ),
        (
            Role.OPCC,
            {P.GOVERNANCE_READ, P.BOARDPACKS_READ, P.ACTIONS_READ, P.ACTIONS_COMMENT},
            {P.ACTIONS_UPDATE, P.ACTIONS_MANAGE, P.EXTRACTS_UPLOAD, P.USERS_MANAGE},
        ),
        (
            Role.ANALYST,
            {P.EXTRACTS_UPLOAD, P.REFRESH_RUN, P.EXTRACTS_READ, P.METRICS_READ},
            {P.ACTIONS_UPDATE, P.ACTIONS_READ, P.USERS_MANAGE},
        ),
    ],
)
def test_role_grants(role: Role, granted: set[Permission], refused: set[Permission]) -> None:
    permissions = ROLE_PERMISSIONS[role]
    assert granted <= permissions
    assert not refused & permissions


def test_only_opcc_and_analyst_change_no_action() -> None:
    editors = {r for r, perms in ROLE_PERMISSIONS.items() if P.ACTIONS_UPDATE in perms}
    assert editors == {Role.GOLD, Role.SILVER, Role.LPA}


def test_everyone_may_view_the_portal() -> None:
    assert all(P.PORTAL_VIEW in perms for perms in ROLE_PERMISSIONS.values())
