"""Builds the Dash portal on the Flask server: pages with guarded layouts, guarded callbacks."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dash
from dash import Dash
from flask import Flask

import callbacks
import layouts
from layouts import shell
from layouts.components import denied
from portal.access.guard import register_callback_permission
from portal.access.permissions import Permission
from portal.access.principal import current_principal_or_none

# Dash's own page router (one callback, registered on the first request): it only renders
# page skeletons, and each page's layout checks the page permission below.
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."
ASSETS = Path(__file__).resolve().parent / "assets"


def _guard_layout(permission: Permission, layout: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(layout)
    def guarded(**kwargs: Any) -> Any:
        principal = current_principal_or_none()
        if principal is None or not principal.can(permission):
            return denied()
        return layout(**kwargs)

    return guarded


def build_dash(server: Flask) -> Dash:
    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        serve_locally=True,
        title="Engage Portal",
        update_title=None,
        suppress_callback_exceptions=True,
        external_stylesheets=[
            "/bootstrap/static/css/bootstrap.min.css",
            "/bootstrap/static/css/font/bootstrap-icons.min.css",
        ],
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en-GB">')
    for spec in layouts.pages():
        dash.register_page(
            f"layouts.{spec.module}",
            path=spec.path,
            path_template=spec.path_template,
            name=spec.name,
            title=f"{spec.title} – Engage Portal",
            layout=_guard_layout(spec.permission, spec.layout),
            permission=spec.permission,
            nav=spec.nav,
        )
    app.layout = shell.layout
    register_callback_permission(server, ROUTER_OUTPUT, Permission.PORTAL_VIEW)
    callbacks.register(app)
    server.extensions["portal.dash"] = app
    return app
