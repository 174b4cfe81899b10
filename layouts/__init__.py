"""Dash page layouts and pure components; each page module declares `PAGES`, found here by discovery."""

from __future__ import annotations

import importlib
import pkgutil
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
    order: int = 100  # position in the navigation
    nav: bool = True
    path_template: str | None = None


def pages() -> list[PageSpec]:
    """Every `PAGES` declared by a module of this package, in navigation order."""
    found: list[PageSpec] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "PAGES", ()))
    return sorted(found, key=lambda p: (p.order, p.path))
