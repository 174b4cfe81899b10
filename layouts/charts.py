"""Chart helpers: pure functions turning plain figures into Plotly charts with a text alternative."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dash import dcc, html

from portal.formatting import number, uk_date

NAVY = "#1d2a4d"
PALETTE = ("#1d2a4d", "#0b6e99", "#8a4f00", "#5b3b8c", "#2e6b30", "#9c2a2a", "#4a4a4a")
BAND_AMBER = "rgba(255, 193, 7, 0.18)"
BAND_RED = "rgba(220, 53, 69, 0.14)"
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
UNIT_SUFFIX = {
    "percent": "%",
    "days": " days",
    "working_days": " working days",
    "per_manager": " per manager",
}


@dataclass(frozen=True)
class Bands:
    """Tolerance of a metric: amber and red thresholds, read in the metric's direction."""

    amber: float | None = None
    red: float | None = None
    direction: str = "neutral"  # higher_better, lower_better, neutral


@dataclass(frozen=True)
class Baseline:
    value: float
    label: str  # "at inspection"
    on: date | None = None


Series = Sequence[tuple[Any, float]]  # (x, y): x is a date, a month "2024-01" or a category


def decimals(unit: str) -> int:
    return 1 if unit in ("percent", "grade", "per_manager") else 0


def fmt(value: float | None, unit: str, *, places: int | None = None) -> str:
    """A figure as the pages show it: thousands separators, one decimal for rates, the unit."""
    if value is None:
        return "–"
    text = number(value, decimals(unit) if places is None else places)
    return text + UNIT_SUFFIX.get(unit, "")


def _x_label(x: Any) -> str:
    return uk_date(x) if isinstance(x, date) else str(x)


Figure = dict[str, Any]  # a plain Plotly figure: building dicts is far cheaper than graph_objects


def _hband(y0: float, y1: float, colour: str) -> dict[str, Any]:
    return {
        "type": "rect",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y0,
        "y1": y1,
        "fillcolor": colour,
        "line": {"width": 0},
        "layer": "below",
    }


def _band_shapes(bands: Bands | None, top: float) -> list[dict[str, Any]]:
    if bands is None or bands.amber is None or bands.direction == "neutral":
        return []
    red = bands.red if bands.red is not None else bands.amber
    if bands.direction == "lower_better":
        return [_hband(bands.amber, red, BAND_AMBER), _hband(red, max(top, red) * 1.15 + 1, BAND_RED)]
    return [_hband(red, bands.amber, BAND_AMBER), _hband(0, red, BAND_RED)]


def _layout(*, height: int, unit: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": "none",
        "height": height,
        "margin": {"l": 48, "r": 16, "t": 16, "b": 40},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"family": "system-ui, sans-serif", "size": 12, "color": "#212529"},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
        "yaxis": {
            "gridcolor": "#e9ecef",
            "rangemode": "tozero",
            "ticksuffix": "%" if unit == "percent" else "",
        },
        "xaxis": {"showgrid": False},
    }
    layout.update(extra)
    return layout


def line_figure(
    series: dict[str, Series],
    *,
    unit: str = "count",
    baseline: Baseline | None = None,
    bands: Bands | None = None,
    height: int = 260,
) -> Figure:
    """One line per named series; a dashed baseline marker and amber/red tolerance bands behind."""
    data = []
    top = 0.0
    for i, (name, points) in enumerate(series.items()):
        ys = [p[1] for p in points]
        top = max([top, *ys])
        data.append(
            {
                "type": "scatter",
                "x": [p[0].isoformat() if isinstance(p[0], date) else p[0] for p in points],
                "y": ys,
                "name": name,
                "mode": "lines+markers",
                "line": {"color": PALETTE[i % len(PALETTE)], "width": 2},
                "marker": {"size": 7, "symbol": ("circle", "square", "diamond", "triangle-up")[i % 4]},
            }
        )
    shapes, annotations = [], []
    if baseline is not None:
        top = max(top, baseline.value)
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": baseline.value,
                "y1": baseline.value,
                "line": {"dash": "dash", "color": "#6c757d", "width": 1.5},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "y": baseline.value,
                "yanchor": "bottom",
                "xanchor": "left",
                "showarrow": False,
                "font": {"size": 11, "color": "#495057"},
                "text": f"Baseline {fmt(baseline.value, unit)} {baseline.label}",
            }
        )
    shapes = _band_shapes(bands, top) + shapes
    layout = _layout(height=height, unit=unit, shapes=shapes, annotations=annotations)
    if top:
        layout["yaxis"]["range"] = [0, top * 1.15 + (0 if unit == "percent" else 1)]
    return {"data": data, "layout": layout}


def bar_figure(
    values: Series,
    *,
    unit: str = "count",
    bands: Bands | None = None,
    height: int = 260,
    highlight: str = "",
    places: int | None = None,
) -> Figure:
    """Horizontal bars (an LPA breakdown); the highlighted category is drawn darker."""
    labels = [str(p[0]) for p in values]
    xs = [p[1] for p in values]
    colours = [NAVY if label == highlight or not highlight else "#8da0c4" for label in labels]
    bar = {
        "type": "bar",
        "x": xs,
        "y": labels,
        "orientation": "h",
        "marker": {"color": colours},
        "text": [fmt(x, unit, places=places) for x in xs],  # as the headline writes it: -9.15%
        "textposition": "auto",
        "name": "",
    }
    shapes = []
    if bands is not None and bands.amber is not None and bands.direction != "neutral":
        for threshold, colour in ((bands.amber, "#b58100"), (bands.red, "#b02a37")):
            if threshold is not None:
                shapes.append(
                    {
                        "type": "line",
                        "yref": "paper",
                        "y0": 0,
                        "y1": 1,
                        "x0": threshold,
                        "x1": threshold,
                        "line": {"dash": "dot", "color": colour},
                    }
                )
    layout = _layout(height=max(height, 34 * len(labels) + 60), unit=unit, shapes=shapes, hovermode="closest")
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["xaxis"] = {
        "gridcolor": "#e9ecef",
        "range": _value_range(xs),
        "ticksuffix": "%" if unit == "percent" else "",
        "tickformat": ",~f" if unit == "count" else "",  # 20,000 rather than 20k
    }
    layout["margin"]["l"] = 110
    return {"data": [bar], "layout": layout}


def _value_range(xs: Sequence[float]) -> list[float] | None:
    """From zero to the furthest bar, with room for its label, on whichever side the values fall
    (a fall in crime is negative: its bars run left of zero)."""
    lo, hi = min([*xs, 0.0]), max([*xs, 0.0])
    if lo == hi:
        return None
    room = 0.15 * (hi - lo)
    return [lo - room if lo < 0 else 0.0, hi + room if hi > 0 else 0.0]


def grouped_bar_figure(
    groups: Sequence[str], series: dict[str, Sequence[float]], *, height: int = 300
) -> Figure:
    """Categories side by side for each named series (e.g. at inspection against now)."""
    data = [
        {
            "type": "bar",
            "name": name,
            "x": list(groups),
            "y": list(ys),
            "text": list(ys),
            "marker": {"color": ("#8da0c4", NAVY)[i % 2]},
        }
        for i, (name, ys) in enumerate(series.items())
    ]
    return {"data": data, "layout": _layout(height=height, unit="count", barmode="group")}


def sparkline_svg(values: Sequence[float], *, width: int = 120, height: int = 36) -> str:
    """The trend as a small SVG polyline with a dot on the latest point (no JavaScript needed)."""
    pad = 4
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = [
        (pad + i * step, height - pad - (v - low) / span * (height - 2 * pad)) for i, v in enumerate(values)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><polyline fill="none" stroke="{NAVY}" stroke-width="2" '
        f'stroke-linejoin="round" points="{line}"/><circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="3" '
        f'fill="{NAVY}"/></svg>'
    )


def sparkline(points: Series, *, label: str) -> html.Img:
    """A small static trend line, drawn on the server as an SVG image, with its text alternative.

    An image rather than a Plotly graph: the overview must not wait for plotly.js to load."""
    svg = sparkline_svg([float(p[1]) for p in points])
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return html.Img(src=source, alt=label, className="sparkline", width=120, height=36)


def describe(series: dict[str, Series], unit: str) -> str:
    """Summary text of a chart: first and latest value of each series."""
    parts = []
    for name, points in series.items():
        if not points:
            continue
        first, last = points[0], points[-1]
        if len(points) == 1:
            parts.append(f"{name}: {fmt(last[1], unit)} at {_x_label(last[0])}")
        else:
            start, end = f"{fmt(first[1], unit)} at {_x_label(first[0])}", f"{fmt(last[1], unit)}"
            parts.append(f"{name}: {start}, {end} at {_x_label(last[0])}")
    return "; ".join(parts) + "." if parts else "No figures."


def data_table(series: dict[str, Series], unit: str, *, x_heading: str = "As of") -> html.Table:
    xs: list[Any] = []
    for points in series.values():
        for x, _ in points:
            if x not in xs:
                xs.append(x)
    lookup = {name: dict(points) for name, points in series.items()}
    return html.Table(
        [
            html.Thead(
                html.Tr([html.Th(x_heading, scope="col")] + [html.Th(n, scope="col") for n in series])
            ),
            html.Tbody(
                [
                    html.Tr(
                        [html.Th(_x_label(x), scope="row", className="fw-normal")]
                        + [html.Td(fmt(lookup[n].get(x), unit), className="text-end") for n in series]
                    )
                    for x in xs
                ]
            ),
        ],
        className="table table-sm mb-0",
    )


def chart(
    figure: Figure,
    *,
    title: str,
    summary: str,
    table: html.Table | None = None,
    graph_id: str | dict[str, Any] | None = None,
) -> html.Figure:
    """A chart with a caption that states the figures and a 'show as a table' toggle."""
    graph_kwargs: dict[str, Any] = {"id": graph_id} if graph_id else {}
    return html.Figure(
        [
            html.Div(
                dcc.Graph(figure=figure, config=GRAPH_CONFIG, **graph_kwargs),
                **{"aria-label": f"Chart: {title}"},
            ),
            html.Figcaption(
                [html.Span(title, className="fw-semibold"), f" – {summary}"], className="small mt-1"
            ),
            html.Details([html.Summary("Show as a table", className="small"), table], className="mt-1")
            if table is not None
            else None,
        ],
        className="mb-3",
    )
