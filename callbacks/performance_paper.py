"""The board paper's tables: MARAC waits by LPA, OCSET packages by risk, SOM backlog, crime outcomes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dash import html

from callbacks.performance_views import ALL, LABELS, value_at
from layouts.charts import chart, fmt, grouped_bar_figure
from portal.formatting import uk_date as _uk_date
from portal.metrics.catalogue import LPAS, OCSET_RISKS

Rows = Mapping[str, Sequence[dict[str, Any]]]
SOM = (
    ("som_outstanding_initial_arms", "Initial ARMS"),
    ("som_outstanding_12m_arms", "12-month ARMS"),
    ("som_outstanding_rmp_reviews", "RMP reviews"),
    ("som_outstanding_visits", "Visits"),
)
BREACH = "Breach"


def uk_date(iso: str, *, short: bool = False) -> str:
    return _uk_date(date.fromisoformat(iso), short=short)


def _dates(rows: Sequence[dict[str, Any]]) -> list[str]:
    return sorted({r["as_of"] for r in rows})


def _table(head: Sequence[Any], body: Sequence[Any], caption: str) -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="caption-top small"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                html.Tbody(list(body)),
            ],
            className="table table-sm table-bordered bg-white align-middle mb-0",
        ),
        className="table-responsive mb-3",
    )


def _section(title: str, *content: Any) -> html.Section:
    ident = "paper-" + "".join(c if c.isalnum() else "-" for c in title.lower())
    return html.Section(
        [html.H3(title, className="h5 mb-2", id=ident), *content],
        className="bg-white border rounded p-3 mb-4",
        **{"aria-labelledby": ident},
    )


def marac_table(
    rows: Rows, snapshots: Sequence[str] = ("2023-10-06", "2024-01-04", "2024-02-01")
) -> html.Section:
    """Cases awaiting MARAC on each snapshot date, the longest wait and breaches of 28 days, per LPA."""
    keys = ("marac_cases_awaiting", "marac_max_wait_working_days", "marac_awaiting_over_28_days")
    awaiting, longest, over = (rows.get(k, []) for k in keys)
    dates = [d for d in snapshots if d in _dates(awaiting)] or _dates(awaiting)[-3:]
    latest = _dates(awaiting)[-1] if awaiting else None
    if latest is None:
        return _section("MARAC: cases awaiting", html.P("No MARAC figures yet.", className="mb-0"))
    if latest not in dates:
        dates.append(latest)
    seen = sorted(
        {r["dims"].get("lpa") for r in awaiting if r["dims"].get("lpa") not in (None, ALL)},
        key=lambda lpa: LPAS.index(lpa) if lpa in LPAS else 99,
    )
    body = []
    for lpa in [*seen, ALL]:
        breaches = value_at(over, latest, lpa=lpa)
        breach = bool(breaches)
        cells = [html.Th("Force" if lpa == ALL else lpa, scope="row")]
        cells += [html.Td(fmt(value_at(awaiting, d, lpa=lpa), "count"), className="text-end") for d in dates]
        cells.append(html.Td(fmt(value_at(longest, latest, lpa=lpa), "count"), className="text-end"))
        cells.append(
            html.Td(
                [html.Span("⚠ ", **{"aria-hidden": "true"}), f"{BREACH}: {fmt(breaches, 'count')}"]
                if breach
                else fmt(breaches, "count"),
                className="text-end fw-bold text-danger" if breach else "text-end",
            )
        )
        body.append(html.Tr(cells, className="table-danger" if breach else None))
    head = ["LPA", *[f"Awaiting {uk_date(d, short=True)}" for d in dates]]
    head += [
        f"Max working days ({uk_date(latest, short=True)})",
        f"Waiting over 28 days ({uk_date(latest, short=True)})",
    ]
    note = html.P(
        "SafeLives guidance: a MARAC within 28 days. Rows marked “Breach” have referrals waiting longer.",
        className="small text-secondary mb-0",
    )
    return _section("MARAC: cases awaiting by LPA", _table(head, body, "Cases awaiting MARAC per LPA"), note)


def ocset_table(rows: Rows, timescales: Mapping[str, int]) -> html.Section:
    """Packages awaiting enforcement by risk against the national enforcement timescales."""
    packages, oldest, over = (
        rows.get(k, []) for k in ("ocset_packages", "ocset_oldest_days", "ocset_over_timescale")
    )
    if not packages:
        return _section("OCSET: packages by risk", html.P("No OCSET figures yet.", className="mb-0"))
    latest = _dates(packages)[-1]
    body = []
    for risk in OCSET_RISKS:
        stage = "awaiting_enforcement"
        outside = value_at(over, latest, stage=stage, risk=risk) or 0
        age = value_at(oldest, latest, stage=stage, risk=risk)
        within = outside == 0
        body.append(
            html.Tr(
                [
                    html.Th(LABELS[risk], scope="row"),
                    html.Td(f"{timescales.get(risk, 0)} days", className="text-end"),
                    html.Td(
                        fmt(value_at(packages, latest, stage=stage, risk=risk), "count"), className="text-end"
                    ),
                    html.Td(fmt(age, "days") if age is not None else "none waiting", className="text-end"),
                    html.Td(
                        "Within timescale" if within else f"{BREACH}: {fmt(outside, 'count')} outside",
                        className="fw-bold text-danger" if not within else "text-success",
                    ),
                ],
                className=None if within else "table-danger",
            )
        )
    development = value_at(packages, latest, stage="intelligence_development", risk=ALL)
    head = ["Risk", "Enforcement timescale", "Awaiting enforcement", "Oldest", "Against timescale"]
    note = html.P(
        f"As of {uk_date(latest)}; {fmt(development, 'count')} intelligence packages in development.",
        className="small text-secondary mb-0",
    )
    return _section(
        "OCSET: packages by risk", _table(head, body, "OCSET packages awaiting enforcement"), note
    )


def som_section(rows: Rows, baselines: Mapping[str, tuple[float, str]]) -> html.Section:
    """SOM outstanding work now against the inspection baseline."""
    latest_vals, base_vals, labels, body = [], [], [], []
    latest = None
    for key, name in SOM:
        series = sorted((r["as_of"], r["value"]) for r in rows.get(key, []) if r["dims"].get("lpa") == ALL)
        if not series:
            continue
        latest = series[-1][0]
        base = baselines.get(key, (series[0][1], f"on {uk_date(series[0][0])}"))
        labels.append(name)
        base_vals.append(base[0])
        latest_vals.append(series[-1][1])
        change = series[-1][1] - base[0]
        body.append(
            html.Tr(
                [
                    html.Th(name, scope="row"),
                    html.Td(fmt(base[0], "count"), className="text-end"),
                    html.Td(fmt(series[-1][1], "count"), className="text-end"),
                    html.Td(
                        f"{'down' if change < 0 else 'up'} {fmt(abs(change), 'count')}", className="text-end"
                    ),
                ]
            )
        )
    if latest is None:
        return _section("SOM: outstanding work", html.P("No SOM figures yet.", className="mb-0"))
    now = f"Now ({uk_date(latest, short=True)})"
    figure = grouped_bar_figure(labels, {"At inspection": base_vals, now: latest_vals})
    summary = "; ".join(
        f"{n}: {fmt(b, 'count')} at inspection, {fmt(v, 'count')} now"
        for n, b, v in zip(labels, base_vals, latest_vals, strict=True)
    )
    table = _table(["Outstanding", "At inspection", now, "Change"], body, "SOM outstanding work")
    return _section(
        "SOM: outstanding work against the inspection baseline",
        chart(figure, title="SOM outstanding work", summary=summary),
        table,
    )


def crime_table(rows: Rows) -> html.Section:
    """The paper's crime table: recorded crime, change, positive outcomes, rate; all and victim-based."""
    keys = (
        ("recorded_crime_ytd", "YTD crime", "count", 0),
        ("recorded_crime_ytd_change_pct", "YTD % change", "percent", 2),
        ("positive_outcomes_ytd", "YTD positive outcomes", "count", 0),
        ("positive_outcome_rate_ytd", "YTD outcome rate", "percent", 2),
    )
    dates = _dates(rows.get("positive_outcome_rate_ytd", []))
    if not dates:
        return _section("Crime and positive outcomes", html.P("No crime figures yet.", className="mb-0"))
    latest = dates[-1]
    body = []
    for cls, name in ((ALL, "All crime"), ("victim_based", "Victim-based crime")):
        cells = [html.Th(name, scope="row")]
        for key, _, unit, places in keys:
            value = value_at(rows.get(key, []), latest, lpa=ALL, crime_class=cls)
            cells.append(html.Td(fmt(value, unit, places=places), className="text-end"))
        body.append(html.Tr(cells))
    head = ["Crime class", *[k[1] for k in keys]]
    return _section(
        f"Crime and positive outcomes, year to {uk_date(latest)}", _table(head, body, "Force totals")
    )
