"""The paper's charts, chosen from the pack's own figures (so an LPA pack charts only its LPA)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from portal.boardpack.figures import Figure, FigureBook, count, pct
from portal.boardpack.narrative import INSPECTION
from portal.metrics.catalogue import LPAS

SOM = [
    ("Initial ARMS", "som_outstanding_initial_arms"),
    ("12-month ARMS", "som_outstanding_12m_arms"),
    ("RMP reviews", "som_outstanding_rmp_reviews"),
    ("Visits", "som_outstanding_visits"),
]


def uk(day: str) -> str:
    """25/02/2024: the date labels of the charts."""
    return date.fromisoformat(day).strftime("%d/%m/%Y")


@dataclass
class Series:
    label: str
    values: list[float | None]


@dataclass
class Chart:
    """One chart: categories along x (names, or ISO dates for a time series), series and a baseline."""

    slug: str
    kind: str  # "bar" (grouped bars by category) or "line" (series over dates)
    title: str
    caption: str
    y_label: str
    categories: list[str]
    series: list[Series]
    percent: bool = False
    baseline: tuple[str, float] | None = None  # a dashed reference line: its label and value
    marker: tuple[str, str] | None = None  # a dated event on a time series: its label and ISO date
    baseline_series: int | None = None  # a series that is itself the baseline (drawn grey, hatched)
    figures: list[Figure] = field(default_factory=list)

    def fmt(self, value: float | None) -> str:
        return pct(value) if self.percent else count(value)

    def alt(self) -> str:
        """Alt text for screen readers: the kind of chart and every value it shows."""
        shape = "Bar chart" if self.kind == "bar" else "Line chart"
        names = [uk(c) if self.kind == "line" else c for c in self.categories]
        parts = [
            f"{s.label}: " + ", ".join(f"{n} {self.fmt(v)}" for n, v in zip(names, s.values, strict=True))
            for s in self.series
        ]
        text = f"{shape}: {self.title}. " + "; ".join(parts) + "."
        if self.baseline:
            text += f" Reference line: {self.baseline[0]}."
        return text


class _Picker:
    """Reads figures through the book (so charts are recorded in the pack's lineage) and keeps them."""

    def __init__(self, book: FigureBook) -> None:
        self.book, self.figures = book, []

    def value(self, key: str, as_of: str | None = None, **dims: str) -> float | None:
        found = self.book.get(key, as_of, **dims)
        if found is not None and (as_of is None or found.as_of == as_of):
            self.figures.append(found)
            return found.value
        return None

    def dates(self, key: str) -> list[str]:
        return sorted({r.as_of for r in self.book.rows if r.key == key})

    def lpas(self, key: str, lpa: str | None) -> list[str]:
        found = {r.dims.get("lpa") for r in self.book.rows if r.key == key}
        return [name for name in LPAS if name in found and (lpa is None or name == lpa)]


def _outcome_rate(p: _Picker, lpa: str | None) -> Chart | None:
    names = p.lpas("positive_outcome_rate_ytd", lpa)
    force = p.value("positive_outcome_rate_ytd")
    if not names or force is None:
        return None
    day = p.book.get("positive_outcome_rate_ytd")
    series = [
        Series(label, [p.value("positive_outcome_rate_ytd", lpa=n, crime_class=cls) for n in names])
        for label, cls in (("All crime", "ALL"), ("Victim-based crime", "victim_based"))
    ]
    title = f"YTD positive outcome rate, {lpa} LPA" if lpa else "YTD positive outcome rate by LPA"
    return Chart(
        "outcome-rate",
        "bar",
        title,
        f"{title}, all crime and victim-based crime, as at {uk(day.as_of) if day else ''}. "
        f"The dashed line is the force rate for all crime ({pct(force)}).",
        "Positive outcome rate",
        names,
        series,
        percent=True,
        baseline=(f"Force rate {pct(force)}", force),
        figures=p.figures,
    )


def _marac_awaiting(p: _Picker, lpa: str | None) -> Chart | None:
    days = p.dates("marac_cases_awaiting")
    names = p.lpas("marac_cases_awaiting", lpa)
    if len(days) < 2 or not names:
        return None
    series = [Series(n, [p.value("marac_cases_awaiting", d, lpa=n) for d in days]) for n in names]
    where = f"{lpa} LPA" if lpa else "each LPA"
    return Chart(
        "marac-awaiting",
        "line",
        f"Cases awaiting MARAC, {where}",
        f"Number of cases awaiting a MARAC, {where}, at each snapshot from {uk(days[0])} to {uk(days[-1])}.",
        "Cases awaiting MARAC",
        days,
        series,
        figures=p.figures,
    )


def _som_outstanding(p: _Picker, lpa: str | None) -> Chart | None:
    dims = {"lpa": lpa} if lpa else {}
    days = [d for d in p.dates(SOM[0][1]) if d > INSPECTION]
    if not days:
        return None
    then = [p.value(key, INSPECTION, **dims) for _label, key in SOM]
    now = [p.value(key, days[-1], **dims) for _label, key in SOM]
    if all(v is None for v in then + now):
        return None
    where = f"{lpa} LPA" if lpa else "force"
    return Chart(
        "som-outstanding",
        "bar",
        f"SOM outstanding work, {where}",
        f"Outstanding sex offender management work, {where}: at inspection ({uk(INSPECTION)}, hatched, "
        f"the baseline) and now ({uk(days[-1])}).",
        "Outstanding items",
        [label for label, _key in SOM],
        [Series(f"At inspection {uk(INSPECTION)}", then), Series(f"Now {uk(days[-1])}", now)],
        baseline_series=0,
        figures=p.figures,
    )


def _ocset_packages(p: _Picker, _lpa: str | None) -> Chart | None:
    days = p.dates("ocset_packages")
    if len(days) < 2:
        return None
    series = [
        Series(label, [p.value("ocset_packages", d, stage=stage) for d in days])
        for label, stage in (
            ("Awaiting enforcement", "awaiting_enforcement"),
            ("Intelligence development", "intelligence_development"),
        )
    ]
    return Chart(
        "ocset-packages",
        "line",
        "OCSET packages, force",
        f"OCSET packages awaiting enforcement and in intelligence development, force, from {uk(days[0])} to "
        f"{uk(days[-1])}; the dotted line marks the inspection ({uk(INSPECTION)}).",
        "Packages",
        days,
        series,
        marker=("Inspection", INSPECTION) if INSPECTION in days else None,
        figures=p.figures,
    )


_CHARTS: dict[tuple[str, int], Callable[[_Picker, str | None], Chart | None]] = {
    ("INV", 4): _outcome_rate,
    ("MARAC", 1): _marac_awaiting,
    ("RSO", 3): _som_outstanding,
    ("OCSET", 2): _ocset_packages,
}


def charts_for(code: str, number: int, book: FigureBook, lpa: str | None) -> list[Chart]:
    """The charts the paper shows for one recommendation (none when the figures are missing)."""
    build = _CHARTS.get((code, number))
    chart = build(_Picker(book), lpa) if build else None
    return [chart] if chart else []
