"""The figure sentences of the paper, per Cause of Concern and recommendation, from the pack's figures."""

from __future__ import annotations

from datetime import date

from portal.boardpack.figures import FigureBook, count, grade, now_then, over, pct
from portal.formatting import uk_date

INSPECTION = "2023-06-15"
VSA = "2023-03-31"
TIMESCALES = [
    ("very_high", "Very high risk", "48 hours"),
    ("high", "High risk", "7 days"),
    ("medium", "Medium risk", "21 days"),
    ("standard", "Standard risk", "60 days"),
]


def _dates(book: FigureBook, key: str) -> list[str]:
    return sorted({r.as_of for r in book.rows if r.key == key})


def _previous_month(as_of: str) -> str:
    day = date.fromisoformat(as_of)
    return f"{day.year - 1}-12" if day.month == 1 else f"{day.year}-{day.month - 1:02d}"


def crime_rows(book: FigureBook) -> list[list[str]]:
    """The paper's YTD panels (para 29) as a table: all crime and victim-based crime."""
    rows = []
    for label, cls in (("All crime", "ALL"), ("Victim-based crime", "victim_based")):
        rows.append(
            [
                label,
                count(book.value("recorded_crime_ytd", crime_class=cls)),
                pct(book.value("recorded_crime_ytd_change_pct", crime_class=cls)),
                count(book.value("positive_outcomes_ytd", crime_class=cls)),
                pct(book.value("positive_outcome_rate_ytd", crime_class=cls)),
            ]
        )
    return rows


def lines(code: str, number: int, book: FigureBook) -> list[str]:
    """Figure points for one recommendation, as the paper writes them; empty when none apply."""
    return _LINES.get((code, number), lambda _b: [])(book)


def _inv1(b: FigureBook) -> list[str]:
    v = b.value("masterclass_completion_pct")
    return [f"{pct(v, 0)} of those eligible have now completed the investigation masterclasses."] if v else []


def _inv2(b: FigureBook) -> list[str]:
    out = []
    n = b.value("qatt_reviews", month="ALL")
    if n is not None:
        out.append(f"To date, {over(n)} QATT have been completed ({count(n)}).")
        parts = [
            ("Victim Focus", "qatt_avg_victim_focus"),
            ("Suspect Management", "qatt_avg_suspect_management"),
            ("Investigation Standards", "qatt_avg_investigation_standards"),
            ("Supervisor Review", "qatt_avg_supervisor_review"),
        ]
        detail = "; ".join(f"{label} – {grade(b.value(key, month='ALL'))}" for label, key in parts)
        out.append(
            f"The average overall grade of the investigations reviewed so far is "
            f"{grade(b.value('qatt_avg_overall', month='ALL'))}. By aspect: {detail}."
        )
    now, then = b.value("supervisor_review_pct"), b.value("supervisor_review_pct", VSA)
    if now is not None:
        text = (
            f"Of investigations open for more than 28 days, {pct(now, 0)} have a completed supervisor review"
        )
        out.append(
            text + (f", compared with {pct(then, 0)} at the Victim Service Assessment." if then else ".")
        )
    return out


def _inv3(b: FigureBook) -> list[str]:
    v = b.value("investigation_plan_pct")
    out = [f"{pct(v, 0)} of investigations have the investigative plan completed."] if v is not None else []
    g = b.value("qatt_avg_investigation_standards", month="ALL")
    return out + (
        [f"The QATT baseline score for investigation standards is {grade(g)} out of 5."] if g else []
    )


def _inv4(b: FigureBook) -> list[str]:
    rate, vb = (
        b.value("positive_outcome_rate_ytd"),
        b.value("positive_outcome_rate_ytd", crime_class="victim_based"),
    )
    out = []
    if rate is not None:
        out.append(
            f"YTD the positive outcome rate is {pct(rate)} "
            f"({count(b.value('positive_outcomes_ytd'))} positive outcomes"
            f" from {count(b.value('recorded_crime_ytd'))} crimes, "
            f"{pct(b.value('recorded_crime_ytd_change_pct'))} on last year); see the table below."
        )
    if vb is not None:
        out.append(f"For victim-based crimes the YTD positive outcome rate is {pct(vb)}.")
    return out


def _inv5(b: FigureBook) -> list[str]:
    v = b.value("outcomes_nfa_to_positive")
    return (
        [
            f"In seven weeks, {over(v)} positive outcomes ({count(v)}) have been claimed for crimes "
            "that had been incorrectly filed as NFA."
        ]
        if v is not None
        else []
    )


def _marac1(b: FigureBook) -> list[str]:
    return (
        [
            "The table below shows the number of cases awaiting a MARAC and the number of working days "
            "for a MARAC to be held."
        ]
        if _dates(b, "marac_cases_awaiting")
        else []
    )


def _rso3(b: FigureBook) -> list[str]:
    items = [
        ("Outstanding initial ARMS", "som_outstanding_initial_arms"),
        ("Outstanding 12-month ARMS", "som_outstanding_12m_arms"),
        ("Outstanding RMP Review", "som_outstanding_rmp_reviews"),
        ("Outstanding Visits", "som_outstanding_visits"),
    ]
    out = [
        now_then(label, b.value(key), b.value(key, INSPECTION))
        for label, key in items
        if b.value(key) is not None
    ]
    if not out:
        return []
    numerals = ["i", "ii", "iii", "iv"]
    listed = "; ".join(f"({numerals[k]}) {text}" for k, text in enumerate(out))
    return [f"The current position in terms of demand (compared to June 2023, at inspection): {listed}."]


def _ocset2(b: FigureBook) -> list[str]:
    out = []
    for day in _dates(b, "ocset_packages"):
        enf = b.value("ocset_packages", day, stage="awaiting_enforcement")
        dev = b.value("ocset_packages", day, stage="intelligence_development")
        if day == INSPECTION:
            out.append(
                f"During the inspection, there were {over(enf)} packages awaiting enforcement "
                f"({count(enf)}), and {over(dev)} intelligence packages in development ({count(dev)})."
            )
        else:
            out.append(
                f"On {uk_date(date.fromisoformat(day))}: {count(enf)} packages for enforcement and "
                f"{count(dev)} intelligence packages in development."
            )
    return out


def _ocset3(b: FigureBook) -> list[str]:
    scales = "; ".join(f"{label} – {limit}" for _k, label, limit in TIMESCALES)
    out = [f"The timescales for enforcement are set in line with national standards: {scales}."]
    parts = []
    for key, label, _limit in TIMESCALES:
        n = b.value("ocset_packages", stage="awaiting_enforcement", risk=key)
        if n is None:
            continue
        oldest = b.value("ocset_oldest_days", stage="awaiting_enforcement", risk=key)
        parts.append(
            f"{label.lower()} {count(n)}"
            + (f" (oldest {count(oldest)} days)" if n and oldest is not None else "")
        )
    if parts:
        out.append("Packages awaiting enforcement now: " + ", ".join(parts) + ".")
    return out


def _ocset5(b: FigureBook) -> list[str]:
    days = _dates(b, "dfu_unallocated")
    out = []
    if days:
        now = b.value("dfu_unallocated", days[-1])
        text = f"The total number of unallocated cases is currently {count(now)}"
        if len(days) > 1:
            before = count(b.value("dfu_unallocated", days[-2]))
            text += f", down from {before} on {uk_date(date.fromisoformat(days[-2]))}"
        out.append(text + ".")
    received = _dates(b, "dfu_cases_received")
    if received:
        month = _previous_month(received[-1])
        n = b.value("dfu_cases_received", received[-1], month=month)
        if n is not None:
            label = date.fromisoformat(month + "-01").strftime("%B %Y")
            out.append(f"{count(n)} cases were received in {label}.")
    return out


_LINES = {
    ("INV", 1): _inv1,
    ("INV", 2): _inv2,
    ("INV", 3): _inv3,
    ("INV", 4): _inv4,
    ("INV", 5): _inv5,
    ("MARAC", 1): _marac1,
    ("RSO", 3): _rso3,
    ("OCSET", 2): _ocset2,
    ("OCSET", 3): _ocset3,
    ("OCSET", 5): _ocset5,
}


def marac_table(book: FigureBook, lpa: str | None) -> tuple[list[str], list[list[str]]]:
    """Cases awaiting MARAC per LPA over the snapshot dates, and the latest maximum wait in working days."""
    every = _dates(book, "marac_cases_awaiting")
    if not every:
        return ["LPA"], []
    # The peak snapshot, then the snapshots of the last eight weeks (as the paper's table reads).
    peak = max(every, key=lambda d: book.value("marac_cases_awaiting", d) or 0)
    recent = [d for d in every if (date.fromisoformat(every[-1]) - date.fromisoformat(d)).days <= 56]
    days = sorted({peak, *recent})
    waits = [d for d in _dates(book, "marac_max_wait_working_days") if d in recent][-2:]
    lpas = sorted({r.dims.get("lpa") for r in book.rows if r.key == "marac_cases_awaiting"} - {None, "ALL"})
    if lpa:
        lpas = [x for x in lpas if x == lpa]
    short = lambda d: date.fromisoformat(d).strftime("%d/%m/%y")  # noqa: E731
    headers = ["LPA"] + [f"Number of cases awaiting MARAC {short(d)}" for d in days]
    headers += [f"Maximum number of working days for a MARAC {short(d)}" for d in waits]
    rows = []
    for name in [*lpas, "ALL"]:
        row = [name if name != "ALL" else "Force total"]
        row += [count(book.value("marac_cases_awaiting", d, lpa=name)) for d in days]
        row += [count(book.value("marac_max_wait_working_days", d, lpa=name)) for d in waits]
        rows.append(row)
    return headers, rows
