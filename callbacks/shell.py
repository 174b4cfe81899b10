"""Shell callbacks: navigation filtered by the reader's permissions, and who is signed in."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html

from portal.access import Permission, current_principal, guarded_callback


def _is_active(page_path: str, pathname: str | None) -> bool:
    pathname = pathname or "/"
    return pathname == page_path if page_path == "/" else pathname.startswith(page_path)


def register(app: Dash) -> None:
    @guarded_callback(
        app,
        Output("nav-links", "children"),
        Output("nav-user", "children"),
        Input("url", "pathname"),
        permission=Permission.PORTAL_VIEW,
    )
    def navigation(pathname: str | None) -> tuple[list[dbc.NavItem], list[object]]:
        principal = current_principal()
        links = [
            dbc.NavItem(
                dbc.NavLink(
                    page["name"],
                    href=page["relative_path"],
                    active=_is_active(page["relative_path"], pathname),  # dbc sets aria-current
                )
            )
            for page in dash.page_registry.values()
            if page.get("nav") and principal.can(page["permission"])
        ]
        user = [html.Span(principal.name, className="fw-semibold"), html.Span(f" · {principal.role_label}")]
        if principal.lpa:
            user.append(html.Span(f" · {principal.lpa}"))
        return links, user

    @guarded_callback(
        app,
        Output("nav-collapse", "is_open"),
        Input("nav-toggler", "n_clicks"),
        State("nav-collapse", "is_open"),
        prevent_initial_call=True,
        permission=Permission.PORTAL_VIEW,
    )
    def toggle(n_clicks: int | None, is_open: bool | None) -> bool:
        return not is_open
