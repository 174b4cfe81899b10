"""Draws a pack chart as a PNG in memory with matplotlib's object API (Agg, no pyplot, no display)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from portal.boardpack.charts import Chart

# Okabe–Ito, safe for the common colour-vision deficiencies (yellow left out: too pale on white).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINES = ["-", "--", "-.", ":", "-", "--", "-."]
HATCHES = ["", "//", "..", "xx"]
BASELINE_GREY = "#8C8C8C"


def _bars(ax: object, chart: Chart) -> None:
    n = len(chart.series)
    width = 0.8 / n
    colour = 0
    for i, series in enumerate(chart.series):
        is_base = chart.baseline_series == i
        xs = [k + (i - (n - 1) / 2) * width for k in range(len(chart.categories))]
        bars = ax.bar(  # type: ignore[attr-defined]
            xs,
            [v or 0 for v in series.values],
            width * 0.95,
            label=series.label,
            color=BASELINE_GREY if is_base else COLOURS[colour % len(COLOURS)],
            hatch="//"
            if is_base
            else ("" if chart.baseline_series is not None else HATCHES[i % len(HATCHES)]),
            edgecolor="white",
            linewidth=0.5,
        )
        colour += 0 if is_base else 1
        ax.bar_label(bars, labels=[chart.fmt(v) for v in series.values], fontsize=7, padding=2)  # type: ignore[attr-defined]
    ax.set_xticks(range(len(chart.categories)), chart.categories, fontsize=8)  # type: ignore[attr-defined]


def _lines(ax: object, chart: Chart) -> None:
    days = [date.fromisoformat(d) for d in chart.categories]
    for i, series in enumerate(chart.series):
        points = [(d, v) for d, v in zip(days, series.values, strict=True) if v is not None]
        ax.plot(  # type: ignore[attr-defined]
            [d for d, _v in points],
            [v for _d, v in points],
            label=series.label,
            color=COLOURS[i % len(COLOURS)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINES[i % len(LINES)],
            markersize=4,
            linewidth=1.5,
        )
    ax.set_xticks(days, [d.strftime("%d/%m/%Y") for d in days], rotation=45, ha="right", fontsize=7)  # type: ignore[attr-defined]
    if chart.marker:
        label, day = chart.marker
        ax.axvline(date.fromisoformat(day), color="#333333", linestyle=":", linewidth=1)  # type: ignore[attr-defined]
        ax.annotate(  # type: ignore[attr-defined]
            label,
            (date.fromisoformat(day), 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -10),
            textcoords="offset points",
            fontsize=7,
        )


def render(chart: Chart) -> bytes:
    """The chart as PNG bytes, 6.3 × 3.2 inches at 150 dpi (15 cm wide in the document)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(6.3, 3.2), dpi=150, layout="constrained")
    ax = fig.add_subplot()
    (_bars if chart.kind == "bar" else _lines)(ax, chart)
    if chart.baseline:
        label, value = chart.baseline
        ax.axhline(value, color="#333333", linestyle="--", linewidth=1, label=label)
    decimals = 0 if not chart.percent else 1
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: f"{v:,.{decimals}f}" + ("%" if chart.percent else ""))
    )
    ax.set_ylabel(chart.y_label, fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(chart.title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    top = max([v or 0 for s in chart.series for v in s.values] + [chart.baseline[1] if chart.baseline else 0])
    ax.set_ylim(0, (top or 1) * 1.15)
    if chart.kind == "line":
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        handles = len(chart.series) + (1 if chart.baseline else 0)
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=handles)
    out = BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
