"""The guard every Dash callback goes through: registration records the permission it needs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import Flask, abort

from portal.access.permissions import Permission
from portal.access.principal import AccessDenied, NotSignedIn, current_principal

if TYPE_CHECKING:  # importing Dash costs 0.2 s, and the command line and workers never need it
    from dash import Dash

REGISTRY_KEY = "portal.callback_permissions"


def callback_permissions(server: Flask) -> dict[str, Permission]:
    """Output id (as Dash keys its callback map) -> the permission that callback requires."""
    return server.extensions.setdefault(REGISTRY_KEY, {})


def register_callback_permission(server: Flask, output_id: str, permission: Permission) -> None:
    callback_permissions(server)[output_id] = permission


def _enforce(permission: Permission) -> None:
    try:
        principal = current_principal()
    except NotSignedIn:
        abort(401)
    if not principal.can(permission):
        abort(403)


def guarded_callback(
    app: Dash, *dependencies: Any, permission: Permission, **kwargs: Any
) -> Callable[[Callable[..., Any]], Any]:
    """`app.callback` that refuses the request unless the signed-in principal holds `permission`.

    The request gate refuses any callback not registered here, so an unguarded callback cannot run.
    Scope checks on ids that come from the browser stay in the services the callback calls.
    """

    def decorator(func: Callable[..., Any]) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kw: Any) -> Any:
            _enforce(permission)
            try:
                return func(*args, **kw)
            except AccessDenied:
                abort(403)

        before = set(app.callback_map)
        registered = app.callback(*dependencies, **kwargs)(wrapper)
        for output_id in set(app.callback_map) - before:
            register_callback_permission(app.server, output_id, permission)
        return registered

    return decorator
