"""Figures of one metric as cards: latest against baseline, trend, LPA breakdown (shared by the pages)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from layouts.charts import Bands, Baseline, Series, bar_figure, chart, data_table, describe, fmt, line_figure
from portal.formatting import uk_date
from portal.models import MetricDefinition

ALL = "ALL"
SERIES_DIMS = ("crime_class", "stage")  # drawn as separate lines
BREAKDOWN_DIMS = ("lpa", "team")  # drawn as bars at the latest date
LABELS = {
    "victim_based": "Victim-based crime",
    "intelligence_development": "Intelligence development",
    "awaiting_enforcement": "Awaiting enforcement",
    "very_high": "Very high",
    "high": "High",
    "medium": "Medium",
    "standard": "Standard",
}
TOTAL_LABEL = {"crime_class": "All crime", "stage": "Both stages"}
RAG_TEXT = {"green": "Within tolerance", "amber": "Amber: near tolerance", "red": "Red: outside tolerance"}


@dataclass(frozen=True)
class MetricInfo:
    key: str
    name: str
    unit: str
    description: str
    dims: tuple[str, ...]
    bands: Bands
    baseline: Baseline | None
    recommendations: tuple[int, ...] = ()

    @property
    def places(self) -> int | None:
        """Outcome rates carry two decimal places, as the paper gives them."""
        return 2 if "outcome_rate" in self.key or self.key.endswith("change_pct") else None


def info_from(definition: MetricDefinition) -> MetricInfo:
    baseline = None
    if definition.baseline_value is not None:
        baseline = Baseline(
            definition.baseline_value, definition.baseline_label or "baseline", definition.baseline_date
        )
    return MetricInfo(
        key=definition.key,
        name=definition.name,
        unit=definition.unit,
        description=definition.description or "",
        dims=tuple(definition.dims or ()),
        bands=Bands(definition.amber_threshold, definition.red_threshold, str(definition.direction)),
        baseline=baseline,
        recommendations=tuple(sorted(r.number for r in definition.recommendations)),
    )


def by_key(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["key"]].append(row)
    return grouped


def label(value: str, dim: str = "") -> str:
    if value == ALL:
        return TOTAL_LABEL.get(dim, "Force")
    return LABELS.get(value, value)


def _is(row: dict[str, Any], wanted: dict[str, str]) -> bool:
    """Every dimension of the row is the wanted value, or ALL where nothing is wanted."""
    return all(row["dims"].get(d) == wanted.get(d, ALL) for d in row["dims"])


def _day(row: dict[str, Any]) -> date:
    return date.fromisoformat(row["as_of"])


def totals(rows: Sequence[dict[str, Any]], lpa: str = ALL, **dims: str) -> Series:
    """(as-of date, value) of the total for one LPA (or the force), oldest first."""
    wanted = {"lpa": lpa, **dims}
    return sorted(((_day(r), r["value"]) for r in rows if _is(r, wanted)), key=lambda p: p[0])


def value_at(rows: Sequence[dict[str, Any]], on: str, **dims: str) -> float | None:
    found = [r["value"] for r in rows if r["as_of"] == on and _is(r, dims)]
    return found[0] if found else None


def rag(value: float | None, bands: Bands) -> str | None:
    if value is None or bands.amber is None or bands.direction == "neutral":
        return None
    red = bands.red if bands.red is not None else bands.amber
    if bands.direction == "lower_better":
        return "red" if value > red else "amber" if value > bands.amber else "green"
    return "red" if value < red else "amber" if value < bands.amber else "green"


def headline(info: MetricInfo, rows: Sequence[dict[str, Any]], lpa: str = ALL, **dims: str) -> str | None:
    """ "Outstanding initial ARMS 4 (52 at inspection)": the latest total against its baseline."""
    points = totals(rows, lpa, **dims)
    if not points:
        return None
    text = f"{fmt(points[-1][1], info.unit, places=info.places)}"
    if info.baseline is not None and lpa == ALL:
        text += f" ({fmt(info.baseline.value, info.unit, places=info.places)} {info.baseline.label})"
    elif len(points) > 1:
        text += f" ({fmt(points[0][1], info.unit, places=info.places)} on {uk_date(points[0][0])})"
    return text


def _series(info: MetricInfo, rows: Sequence[dict[str, Any]], lpa: str) -> dict[str, Series]:
    split = next((d for d in SERIES_DIMS if d in info.dims), None)
    if split is None:
        return {label(lpa): totals(rows, lpa)}
    values = sorted({r["dims"][split] for r in rows if split in r["dims"]}, key=lambda v: (v != ALL, v))
    series = {label(v, split): totals(rows, lpa, **{split: v}) for v in values}
    return {name: points for name, points in series.items() if points}


def _months(rows: Sequence[dict[str, Any]], lpa: str, latest: str) -> Series:
    picked = [
        (r["dims"]["month"], r["value"])
        for r in rows
        if r["as_of"] == latest and r["dims"].get("month") != ALL and r["dims"].get("lpa", ALL) == lpa
    ]
    return sorted(picked)


def _breakdown(info: MetricInfo, rows: Sequence[dict[str, Any]], latest: str) -> tuple[str, Series] | None:
    dim = next((d for d in BREAKDOWN_DIMS if d in info.dims), None)
    if dim is None:
        return None
    picked = [
        (r["dims"][dim], r["value"])
        for r in rows
        if r["as_of"] == latest and r["dims"].get(dim) != ALL and _is(r, {dim: r["dims"].get(dim, ALL)})
    ]
    return (dim, sorted(picked)) if picked else None


def metric_card(
    info: MetricInfo, rows: Sequence[dict[str, Any]], *, lpa: str = ALL, highlight: str = ""
) -> dbc.Card:
    """A metric's card: latest value against its baseline and tolerance, the trend and the breakdown."""
    uid = f"{info.key}-{lpa}".lower()
    series = _series(info, rows, lpa)
    points = next(iter(series.values()), [])
    if not points:
        body: list[Any] = [
            html.H3(info.name, className="h6 mb-1"),
            html.P("No figures yet: an analyst uploads the extract that feeds it.", className="small mb-0"),
        ]
        return dbc.Card(dbc.CardBody(body), className="h-100 metric-card")
    latest_day, latest = points[-1]
    latest_iso = latest_day.isoformat()
    state = rag(latest, info.bands)
    head = headline(info, rows, lpa) or ""
    body = [
        html.H3(info.name, className="h6 mb-1"),
        html.P(
            [
                html.Span(head, className="fs-5 fw-bold me-2"),
                html.Span(f"as of {uk_date(latest_day)}", className="small text-secondary"),
            ],
            className="mb-1",
        ),
        html.Span(RAG_TEXT[state], className=f"rag rag-{state} small") if state else None,
        html.P(info.description, className="small text-secondary mt-1 mb-2"),
    ]
    if "month" in info.dims:
        months = _months(rows, lpa, latest_iso)
        if months:
            monthly = {"By month": months}
            body.append(
                chart(
                    bar_figure(months, unit=info.unit, height=220, places=info.places),
                    title=f"{info.name} by month",
                    summary=describe(monthly, info.unit),
                    table=data_table(monthly, info.unit, x_heading="Month"),
                )
            )
    elif len(series) > 1 and all(len(p) == 1 for p in series.values()):
        named = [(name, p[-1][1]) for name, p in series.items()]
        body.append(
            chart(
                bar_figure(named, unit=info.unit, height=160, places=info.places),
                title=f"{info.name} on {uk_date(latest_day)}",
                summary=_spread(named, info),
                table=_breakdown_table(named, info.unit, "Figure", info.places),
            )
        )
    elif len(points) > 1 or len(series) > 1:
        body.append(
            chart(
                line_figure(
                    series, unit=info.unit, baseline=info.baseline if lpa == ALL else None, bands=info.bands
                ),
                title=f"{info.name} over time",
                summary=describe(series, info.unit),
                table=data_table(series, info.unit),
            )
        )
    split = _breakdown(info, rows, latest_iso) if lpa == ALL else None
    if split is not None and len(split[1]) > 0:
        dim, bars = split
        named = [(label(x, dim), v) for x, v in bars]
        body.append(
            chart(
                bar_figure(named, unit=info.unit, bands=info.bands, highlight=highlight, places=info.places),
                title=f"{info.name} by {'LPA' if dim == 'lpa' else dim} on {uk_date(latest_day)}",
                summary=_spread(named, info),
                table=_breakdown_table(named, info.unit, "LPA" if dim == "lpa" else dim.title(), info.places),
            )
        )
    return dbc.Card(dbc.CardBody(body), className="h-100 metric-card", id=f"metric-{uid}")


def _spread(named: Series, info: MetricInfo) -> str:
    high, low = max(named, key=lambda p: p[1]), min(named, key=lambda p: p[1])
    if high == low:
        return f"{high[0]}: {fmt(high[1], info.unit, places=info.places)}."
    return (
        f"highest {high[0]} ({fmt(high[1], info.unit, places=info.places)}), "
        f"lowest {low[0]} ({fmt(low[1], info.unit, places=info.places)}); every value is in the table."
    )


def _breakdown_table(named: Series, unit: str, heading: str, places: int | None = None) -> html.Table:
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(heading, scope="col"), html.Th("Value", scope="col")])),
            html.Tbody(
                [html.Tr([html.Th(n, scope="row"), html.Td(fmt(v, unit, places=places))]) for n, v in named]
            ),
        ],
        className="table table-sm mb-0",
    )


def cards_grid(cards: Sequence[Any]) -> dbc.Row:
    return dbc.Row([dbc.Col(c, lg=6, className="mb-3") for c in cards], className="g-3")
