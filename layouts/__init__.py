"""Dash page layouts and pure components; `PAGES` describes every page and the permission it needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from portal.access.permissions import Permission


@dataclass(frozen=True)
class PageSpec:
    module: str
    path: str
    name: str  # the navigation label
    title: str
    permission: Permission
    layout: Callable[..., Any]
    nav: bool = True
    path_template: str | None = None


def pages() -> list[PageSpec]:
    from layouts import overview

    return [
        PageSpec("overview", "/", "Overview", "Overview", Permission.PORTAL_VIEW, overview.layout),
    ]
