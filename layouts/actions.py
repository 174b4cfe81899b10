"""Action tracker page (/actions): filters, an AG Grid of actions in scope, slippage modal, detail panel."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import PageSpec
from layouts.action_detail import detail_panel
from layouts.components import page_header
from portal.access.permissions import Permission
from portal.metrics.catalogue import LPAS

STATUS_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "blocked": "Blocked",
    "complete_proposed": "Completion proposed",
    "complete": "Complete",
    "verified": "Verified",
}
EDITABLE_STATUS_LABELS = ["Not started", "In progress", "Blocked"]
RAG_STYLES = {
    "Red": {"backgroundColor": "#b10e1e", "color": "#fff", "fontWeight": 600},
    "Amber": {"backgroundColor": "#f0b323", "color": "#1b1b1b", "fontWeight": 600},
    "Green": {"backgroundColor": "#00703c", "color": "#fff", "fontWeight": 600},
}
ANY_VALUE = "all"
ANY = [{"label": "Any", "value": ANY_VALUE}]
WRAP = {"lineHeight": "1.35", "paddingTop": "6px", "paddingBottom": "6px"}


def _select(ident: str, label: str, options: list[dict[str, str]]) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label, html_for=ident, className="small fw-semibold mb-1"),
            dbc.Select(id=ident, options=options, value=ANY_VALUE),
        ],
        md=4,
        lg=2,
    )


def filters() -> dbc.Card:
    statuses = ANY + [{"label": label, "value": value} for value, label in STATUS_LABELS.items()]
    lpas = ANY + [{"label": n, "value": n} for n in LPAS]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Filter actions", className="h6 mb-2"),
                dbc.Row(
                    [
                        _select("actions-filter-cause", "Cause of Concern", ANY),
                        _select("actions-filter-recommendation", "Recommendation", ANY),
                        _select("actions-filter-owner", "Owner", ANY),
                        _select("actions-filter-lpa", "LPA", lpas),
                        _select("actions-filter-status", "Status", statuses),
                        dbc.Col(
                            dbc.Switch(
                                id="actions-filter-overdue",
                                label="Overdue only",
                                value=False,
                                className="mb-2",
                            ),
                            md=4,
                            lg=2,
                            className="d-flex align-items-end",
                        ),
                    ],
                    className="g-3",
                ),
            ]
        ),
        className="shadow-sm mb-3",
    )


def column_defs(
    *, editable: bool, owner_names: list[str] | None = None, show_mine: bool = False
) -> list[dict[str, Any]]:
    """The grid's columns; editing switches on per row (`can_edit`, `can_manage`) and the server re-checks."""
    edit_hint = " (double-click or Enter to change)" if editable else ""
    columns: list[dict[str, Any]] = [
        {"field": "ref", "headerName": "Ref", "width": 95, "pinned": "left", "sort": None},
        {
            "field": "title",
            "headerName": "Action",
            "flex": 3,
            "minWidth": 220,
            "cellStyle": WRAP,
            "wrapText": True,
            "autoHeight": True,
        },
        {
            "field": "owner",
            "headerName": "Owner",
            "flex": 1.3,
            "minWidth": 140,
            "headerTooltip": "The person responsible" + (edit_hint if owner_names else ""),
            "editable": {"function": "params.data.can_manage"} if owner_names else False,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": owner_names or []},
        },
        {
            "field": "group",
            "headerName": "Group",
            "flex": 1.3,
            "minWidth": 130,
            "wrapText": True,
            "autoHeight": True,
            "cellStyle": WRAP,
        },
        {"field": "lpa", "headerName": "LPA", "width": 115},
        {
            "field": "due",
            "headerName": "Due date",
            "width": 125,
            "headerTooltip": "Due date" + (edit_hint + "; a reason is required" if editable else ""),
            "valueFormatter": {"function": "params.data.due_label"},
            "editable": {"function": "params.data.can_edit"} if editable else False,
            "cellEditor": "agDateStringCellEditor",
        },
        {
            "field": "status",
            "headerName": "Status",
            "width": 150,
            "headerTooltip": "Status" + edit_hint,
            "editable": {"function": "params.data.status_editable"} if editable else False,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": EDITABLE_STATUS_LABELS},
        },
        {
            "field": "rag",
            "headerName": "RAG",
            "width": 90,
            "headerTooltip": "Derived from status and due date",
            "cellStyle": {
                "styleConditions": [
                    {"condition": f"params.value === '{word}'", "style": style}
                    for word, style in RAG_STYLES.items()
                ]
            },
        },
    ]
    if show_mine:
        columns.insert(
            1, {"field": "mine", "headerName": "Mine", "width": 80, "headerTooltip": "Actions you own"}
        )
    return columns


def grid() -> dag.AgGrid:
    return dag.AgGrid(
        id="actions-grid",
        columnDefs=column_defs(editable=False),
        rowData=[],
        getRowId="params.data.row_id",
        defaultColDef={"sortable": True, "resizable": True, "filter": False, "suppressMovable": True},
        dashGridOptions={
            "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
            "singleClickEdit": False,
            "stopEditingWhenCellsLoseFocus": True,
            "overlayNoRowsTemplate": "No actions match these filters. Clear a filter to see more.",
            "overlayLoadingTemplate": "Loading actions…",
            "domLayout": "autoHeight",
            "pagination": True,
            "paginationPageSize": 25,
            "paginationPageSizeSelector": False,
            "tooltipShowDelay": 300,
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
        },
        style={"width": "100%"},
        className="actions-grid",
    )


def slippage_modal() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Why is the due date changing?")),
            dbc.ModalBody(
                [
                    html.P(id="actions-slip-summary", className="mb-2"),
                    dbc.Label("Reason (kept in the slippage history)", html_for="actions-slip-reason"),
                    dbc.Textarea(id="actions-slip-reason", rows=3, maxLength=4000, value=""),
                    html.Div(id="actions-slip-feedback", className="mt-2"),
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        "Cancel", id="actions-slip-cancel", color="secondary", outline=True, n_clicks=0
                    ),
                    dbc.Button("Save new due date", id="actions-slip-save", color="primary", n_clicks=0),
                ]
            ),
        ],
        id="actions-slip-modal",
        is_open=False,
        backdrop="static",
    )


def layout(**_query: str) -> html.Div:
    export = html.A(
        [html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}), "Download CSV"],
        id="actions-export",
        href="/actions/export.csv",
        className="btn btn-outline-primary",
        download="",
    )
    return html.Div(
        [
            page_header(
                "Action tracker",
                "Every action answering an HMICFRS recommendation: owner, due date, status and evidence.",
                actions=export,
            ),
            filters(),
            html.Div(id="actions-feedback", **{"aria-live": "polite"}),
            dbc.Alert(
                [
                    html.Span(
                        "Someone else saved this action while you were editing it, so your change was not "
                        "saved. The row now shows their saved values; make your change again if it is "
                        "still needed. ",
                        className="me-2",
                    ),
                    dbc.Button("Reload row", id="actions-reload", color="warning", size="sm", n_clicks=0),
                ],
                id="actions-conflict",
                color="warning",
                is_open=False,
                className="d-flex align-items-center flex-wrap",
            ),
            dcc.Store(id="actions-conflict-id"),
            dcc.Store(id="actions-slip-pending"),
            dcc.Store(id="actions-changed"),
            html.Section(
                [
                    html.Div(
                        [
                            html.H2("Actions", className="h5 mb-0", id="actions-grid-heading"),
                            html.Span(id="actions-count", className="small text-secondary"),
                        ],
                        className="d-flex flex-wrap justify-content-between align-items-baseline gap-2 mb-1",
                    ),
                    html.P(id="actions-grid-help", className="small text-secondary mb-2"),
                    dcc.Loading(grid(), type="default", color="#1d2a4d", delay_show=300),
                ],
                className="bg-white border rounded shadow-sm p-3 mb-4",
                **{"aria-labelledby": "actions-grid-heading"},
            ),
            slippage_modal(),
            detail_panel(),
        ]
    )


PAGES = [
    PageSpec("actions", "/actions", "Actions", "Action tracker", Permission.ACTIONS_READ, layout, order=20)
]
