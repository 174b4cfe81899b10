"""Dash callbacks: thin — guard, call a service, build components. Each module has `register(app)`."""

from __future__ import annotations

import importlib
import pkgutil

from dash import Dash


def register(app: Dash) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register_module = getattr(module, "register", None)
        if register_module is not None:
            register_module(app)
