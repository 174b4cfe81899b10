"""Pure presentational components shared by the pages (no database, no current user)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

MARKING = "OFFICIAL-SENSITIVE"


def marking_bar() -> html.Div:
    return html.Div(MARKING, className="marking", role="note", **{"aria-label": "Protective marking"})


def page_header(title: str, lead: str | None = None, *, actions: Any = None) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H1(title, className="h2 mb-1"),
                    html.P(lead, className="text-secondary mb-0") if lead else None,
                ],
            ),
            html.Div(actions) if actions is not None else None,
        ],
        className="d-flex flex-wrap justify-content-between align-items-end gap-2 mb-4",
    )


def loading(component_id: str, *, label: str, min_height: str = "6rem") -> dcc.Loading:
    """A region filled by a callback, with a spinner and a screen-reader label while it loads."""
    return dcc.Loading(
        html.Div(
            html.Span(f"Loading {label}…", className="visually-hidden"),
            id=component_id,
            style={"minHeight": min_height},
            **{"aria-live": "polite", "aria-busy": "false"},
        ),
        type="default",
        color="#1d2a4d",
    )


def empty_state(message: str, hint: str | None = None) -> html.Div:
    return html.Div(
        [
            html.P(message, className="fw-semibold mb-1"),
            html.P(hint, className="text-secondary mb-0") if hint else None,
        ],
        className="border rounded p-4 text-center bg-white",
    )


def denied(message: str = "You do not have access to this page.") -> html.Div:
    return html.Div(
        [
            html.H1("Not available", className="h2"),
            dbc.Alert(message, color="warning", className="mt-3"),
            dcc.Link("Go to the overview", href="/"),
        ]
    )


def stat(label: str, value: str, *, tone: str = "secondary", hint: str | None = None) -> html.Div:
    return html.Div(
        [
            html.Div(value, className=f"fs-4 fw-bold text-{tone}"),
            html.Div(label, className="small text-secondary"),
            html.Div(hint, className="small text-body-tertiary") if hint else None,
        ],
        className="stat",
    )


def section(title: str, *body: Any, lead: str | None = None, actions: Any = None, **kwargs: Any) -> dbc.Card:
    """A titled card (H2) for one part of a page."""
    header = html.Div(
        [html.H2(title, className="h5 mb-0"), html.Div(actions) if actions is not None else None],
        className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2",
    )
    return dbc.Card(
        dbc.CardBody([header, html.P(lead, className="small text-secondary") if lead else None, *body]),
        className="shadow-sm mb-4",
        **kwargs,
    )


def simple_table(headers: list[str], rows: list[list[Any]], *, caption: str, small: bool = True) -> html.Div:
    """An accessible table: a caption (visually hidden), column headers with scope, any cell content."""
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
            ],
            className="table table-hover align-middle mb-0" + (" table-sm small" if small else ""),
        ),
        className="table-responsive",
    )


def table_or_empty(
    headers: list[str],
    rows: list[list[Any]],
    *,
    caption: str,
    empty: str,
    hint: str | None = None,
    small: bool = True,
) -> html.Div:
    """`simple_table` of the rows, or the empty state saying what to do when there are none."""
    if not rows:
        return empty_state(empty, hint)
    return simple_table(headers, rows, caption=caption, small=small)
