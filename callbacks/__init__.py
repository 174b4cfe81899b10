"""Dash callbacks: thin — guard, call a service, build components."""

from __future__ import annotations

from dash import Dash


def register(app: Dash) -> None:
    from callbacks import overview, shell

    shell.register(app)
    overview.register(app)
