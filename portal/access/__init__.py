"""Access control in one place: permissions, roles, scopes, the request gate and the callback guard."""

from portal.access.guard import guarded_callback
from portal.access.permissions import ROLE_PERMISSIONS, Permission, permissions_for
from portal.access.principal import (
    AccessDenied,
    NotSignedIn,
    Principal,
    current_principal,
    current_principal_or_none,
    require,
)
from portal.access.scope import (
    action_detail_clause,
    may_edit_action,
    may_manage_action,
    metric_value_clause,
    require_lpa_visible,
    scoped_actions,
)

__all__ = [
    "ROLE_PERMISSIONS",
    "AccessDenied",
    "NotSignedIn",
    "Permission",
    "Principal",
    "action_detail_clause",
    "current_principal",
    "current_principal_or_none",
    "guarded_callback",
    "may_edit_action",
    "may_manage_action",
    "metric_value_clause",
    "permissions_for",
    "require",
    "require_lpa_visible",
    "scoped_actions",
]
