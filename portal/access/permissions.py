"""Every permission of the portal and the one table that grants them to roles (DESIGN.md "Who uses it")."""

from __future__ import annotations

import enum

from portal.models.users import Role


class Permission(enum.StrEnum):
    PORTAL_VIEW = "portal:view"  # the shell, the overview and force-wide summaries
    CAUSES_READ = "causes:read"
    ACTIONS_READ = "actions:read"  # action detail, narrowed by scope
    ACTIONS_UPDATE = "actions:update"  # progress, status, evidence, due date with reason
    ACTIONS_MANAGE = "actions:manage"  # owners, create actions, approve (gold)
    ACTIONS_VERIFY = "actions:verify"  # final sign-off (executive)
    ACTIONS_COMMENT = "actions:comment"
    METRICS_READ = "metrics:read"
    GOVERNANCE_READ = "governance:read"
    BOARDPACKS_READ = "boardpacks:read"
    BOARDPACKS_GENERATE = "boardpacks:generate"
    EXTRACTS_READ = "extracts:read"
    EXTRACTS_UPLOAD = "extracts:upload"
    REFRESH_RUN = "refresh:run"
    USERS_MANAGE = "users:manage"
    REFERENCE_MANAGE = "reference:manage"  # metric catalogue, baselines, targets, tolerances
    AUDIT_READ = "audit:read"
    ALERTS_ACKNOWLEDGE = "alerts:acknowledge"


P = Permission

_READ_ALL = {
    P.PORTAL_VIEW,
    P.CAUSES_READ,
    P.ACTIONS_READ,
    P.METRICS_READ,
    P.GOVERNANCE_READ,
    P.BOARDPACKS_READ,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        _READ_ALL
        | {
            P.EXTRACTS_READ,
            P.EXTRACTS_UPLOAD,
            P.REFRESH_RUN,
            P.USERS_MANAGE,
            P.REFERENCE_MANAGE,
            P.AUDIT_READ,
            P.BOARDPACKS_GENERATE,
        }
    ),
    Role.EXECUTIVE: frozenset(
        _READ_ALL
        | {
            P.ACTIONS_VERIFY,
            P.ACTIONS_COMMENT,
            P.AUDIT_READ,
            P.BOARDPACKS_GENERATE,
            P.EXTRACTS_READ,
            P.ALERTS_ACKNOWLEDGE,
        }
    ),
    Role.GOLD: frozenset(
        _READ_ALL | {P.ACTIONS_UPDATE, P.ACTIONS_MANAGE, P.ACTIONS_COMMENT, P.ALERTS_ACKNOWLEDGE}
    ),
    Role.SILVER: frozenset(
        {
            P.PORTAL_VIEW,
            P.CAUSES_READ,
            P.ACTIONS_READ,
            P.ACTIONS_UPDATE,
            P.ACTIONS_COMMENT,
            P.METRICS_READ,
            P.GOVERNANCE_READ,
        }
    ),
    Role.LPA: frozenset(
        {P.PORTAL_VIEW, P.CAUSES_READ, P.ACTIONS_READ, P.ACTIONS_UPDATE, P.METRICS_READ, P.ALERTS_ACKNOWLEDGE}
    ),
    Role.OPCC: frozenset(_READ_ALL | {P.ACTIONS_COMMENT}),
    Role.ANALYST: frozenset(
        {
            P.PORTAL_VIEW,
            P.CAUSES_READ,
            P.METRICS_READ,
            P.EXTRACTS_READ,
            P.EXTRACTS_UPLOAD,
            P.REFRESH_RUN,
        }
    ),
}


def permissions_for(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS.get(role, frozenset())
