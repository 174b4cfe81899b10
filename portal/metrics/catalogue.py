"""The metric catalogue: every metric key of DATA.md, its unit, dimensions and recommendations."""

from __future__ import annotations

from dataclasses import dataclass

LPAS = ("Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton")
ALL = "ALL"
# Dimension vocabularies the engine emits (the extract enumerations live in workers.readers.kinds).
CRIME_CLASSES = ("victim_based",)
OCSET_COUNTED_STAGES = ("intelligence_development", "awaiting_enforcement")
OCSET_RISKS = ("very_high", "high", "medium", "standard")

UNITS = ("count", "percent", "days", "working_days", "grade", "per_manager", "number")
DIRECTIONS = ("higher_better", "lower_better", "neutral")


@dataclass(frozen=True)
class MetricSpec:
    key: str
    kind: str
    name: str
    unit: str
    direction: str
    dims: tuple[str, ...]
    cause: str | None
    recommendations: tuple[int, ...]
    description: str
    paper_label: str | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS or self.direction not in DIRECTIONS:
            raise ValueError(f"{self.key}: unknown unit or direction")


_m = MetricSpec  # a short name keeps the table below readable

_CRIME = ("lpa", "crime_class")
_LPA = ("lpa",)
_QATT = ("lpa", "month")
_OCSET = ("stage", "risk")
_GRADE = "mean of the non-blank {} grades (1 to 5) over all reviews in the file"

# fmt: off
METRICS: tuple[MetricSpec, ...] = (
    # Investigating Crime (INV)
    _m("recorded_crime_ytd", "crimes", "Recorded crime, year to date", "count", "neutral", _CRIME,
       "INV", (4,), "Crimes recorded from 1 April to the as-of date.", "YTD Crime"),
    _m("recorded_crime_ytd_change_pct", "crimes", "Recorded crime, change on last year", "percent",
       "neutral", _CRIME, "INV", (4,),
       "Change in year-to-date recorded crime against the same days a year earlier.", "YTD % Change"),
    _m("positive_outcomes_ytd", "crimes", "Positive outcomes, year to date", "count", "higher_better",
       _CRIME, "INV", (4,),
       "Positive outcomes claimed from 1 April to the as-of date, whenever the crime was recorded.",
       "YTD Positive Outcomes"),
    _m("positive_outcome_rate_ytd", "crimes", "Positive outcome rate, year to date", "percent",
       "higher_better", _CRIME, "INV", (4,),
       "Positive outcomes year to date per 100 crimes recorded year to date (not capped).",
       "YTD Outcome Rate"),
    _m("outcomes_nfa_to_positive", "outcome_changes", "NFA outcomes changed to positive, 7 weeks",
       "count", "higher_better", ("team",), "INV", (5,),
       "Outcome changes from the NFA set to the positive set in the 7 weeks to the as-of date.",
       "positive outcomes claimed for crimes incorrectly filed as NFA, in seven weeks"),
    _m("outcomes_nfa_to_positive_total", "outcome_changes", "NFA outcomes changed to positive", "count",
       "higher_better", ("team",), "INV", (5,),
       "Outcome changes from the NFA set to the positive set over the whole extract."),
    _m("investigations_open", "investigations", "Open investigations", "count", "neutral", _LPA, "INV",
       (2,), "Investigations open at the as-of date."),
    _m("investigations_open_over_28d", "investigations", "Investigations open over 28 days", "count",
       "lower_better", _LPA, "INV", (2,),
       "Open investigations recorded more than 28 days before the as-of date.",
       "investigations that have been open for more than 28 days"),
    _m("supervisor_review_pct", "investigations", "Supervisor review compliance", "percent",
       "higher_better", _LPA, "INV", (2,),
       "Share of investigations open over 28 days with at least one supervisor review.",
       "open for more than 28 days with a completed supervisor review"),
    _m("investigation_plan_pct", "investigations", "Investigation plan completion", "percent",
       "higher_better", _LPA, "INV", (3,),
       "Share of open investigations with the investigation plan completed.",
       "investigations with the investigative plan completed"),
    _m("qatt_reviews", "qatt_reviews", "QATT reviews", "count", "higher_better", _QATT, "INV", (2,),
       "Quality Assurance Thematic Tool reviews in the extract.", "QATT completed"),
    _m("qatt_avg_overall", "qatt_reviews", "QATT average overall grade", "grade", "higher_better",
       _QATT, "INV", (2,), _GRADE.format("recorded overall"), "average overall grade"),
    _m("qatt_avg_victim_focus", "qatt_reviews", "QATT average grade: victim focus", "grade",
       "higher_better", _QATT, "INV", (2,), _GRADE.format("victim focus"), "Victim Focus"),
    _m("qatt_avg_suspect_management", "qatt_reviews", "QATT average grade: suspect management", "grade",
       "higher_better", _QATT, "INV", (2,), _GRADE.format("suspect management"), "Suspect Management"),
    _m("qatt_avg_investigation_standards", "qatt_reviews",
       "QATT average grade: investigation standards", "grade", "higher_better", _QATT, "INV", (2, 3),
       _GRADE.format("investigation standards"), "Investigation Standards"),
    _m("qatt_avg_supervisor_review", "qatt_reviews", "QATT average grade: supervisor review", "grade",
       "higher_better", _QATT, "INV", (2,), _GRADE.format("supervisor review"), "Supervisor Review"),
    # Protecting Vulnerable People - MARAC
    _m("marac_cases_awaiting", "marac_referrals", "Cases awaiting MARAC", "count", "lower_better", _LPA,
       "MARAC", (1,), "Referrals with status awaiting at the as-of date.",
       "Number of cases awaiting MARAC"),
    _m("marac_max_wait_working_days", "marac_referrals", "Longest wait for MARAC", "working_days",
       "lower_better", _LPA, "MARAC", (1,),
       "Most working days any awaiting referral has waited, after its referral date up to and "
        "including the as-of date.",
       "Maximum number of working days for a MARAC"),
    _m("marac_awaiting_over_28_days", "marac_referrals", "Cases awaiting MARAC over 28 days", "count",
       "lower_better", _LPA, "MARAC", (1,),
       "Awaiting referrals made more than 28 days before the as-of date.",
       "within the 28 days that is recommended in SafeLives guidance"),
    _m("marac_referrals_received", "marac_referrals", "MARAC referrals received", "count", "neutral",
       ("lpa", "month"), "MARAC", (1,), "Referrals by month of referral date, whatever their status."),
    # Managing Offenders and Suspects - Sex Offender Managers (RSO)
    _m("rso_caseload", "rso_caseload", "Registered sex offenders managed", "count", "neutral", _LPA,
       "RSO", (3,), "Registered sex offenders not in custody."),
    _m("rso_cases_per_manager", "rso_caseload", "Active cases per offender manager", "per_manager",
       "lower_better", _LPA, "RSO", (3,),
       "Actively managed offenders not in custody per distinct offender manager.",
       "the number of cases per officer"),
    _m("som_outstanding_initial_arms", "rso_caseload", "Outstanding initial ARMS", "count",
       "lower_better", _LPA, "RSO", (3,), "Initial ARMS due before the as-of date and not completed.",
       "Outstanding initial ARMS"),
    _m("som_outstanding_12m_arms", "rso_caseload", "Outstanding 12-month ARMS", "count", "lower_better",
       _LPA, "RSO", (3,), "Last ARMS more than 12 months before the as-of date.",
       "Outstanding 12-month ARMS"),
    _m("som_outstanding_rmp_reviews", "rso_caseload", "Outstanding RMP reviews", "count",
       "lower_better", _LPA, "RSO", (3,), "Risk management plan reviews due before the as-of date.",
       "Outstanding RMP Review"),
    _m("som_outstanding_visits", "rso_caseload", "Outstanding visits", "count", "lower_better", _LPA,
       "RSO", (3,), "Actively managed offenders whose next visit was due before the as-of date.",
       "Outstanding Visits"),
    # Managing Offenders and Suspects - OCSET
    _m("ocset_packages", "ocset_packages", "OCSET packages", "count", "lower_better", _OCSET, "OCSET",
       (2, 3), "Packages in intelligence development or awaiting enforcement.",
       "packages for enforcement and intelligence packages in development"),
    _m("ocset_oldest_days", "ocset_packages", "Oldest OCSET package", "days", "lower_better", _OCSET,
       "OCSET", (3,), "Largest age in days of a counted package.", "oldest"),
    _m("ocset_over_timescale", "ocset_packages", "OCSET packages outside timescale", "count",
       "lower_better", _OCSET, "OCSET", (2, 3),
       "Packages awaiting enforcement older than the enforcement timescale for their risk.",
       "packages that are outside of the nationally recognised timescales"),
    _m("dfu_unallocated", "dfu_cases", "Unallocated digital forensics cases", "count", "lower_better",
       (), "OCSET", (5,), "Digital forensics cases with status unallocated.",
       "total number of unallocated cases"),
    _m("dfu_oldest_unallocated_days", "dfu_cases", "Oldest unallocated digital forensics case", "days",
       "lower_better", (), "OCSET", (5,),
       "Largest age in days of an unallocated digital forensics case."),
    _m("dfu_cases_received", "dfu_cases", "Digital forensics cases received", "count", "neutral",
       ("month",), "OCSET", (5,), "Cases by month of received date, whatever their status.",
       "number of cases received"),
    # Figures with no system extract
    _m("masterclass_completion_pct", "manual", "Investigation masterclass completion", "percent",
       "higher_better", _LPA, "INV", (1,),
       "Share of those eligible who completed the investigation masterclass.",
       "of those eligible have now completed this training"),
    _m("qatt_reviews_completed", "manual", "QATT reviews completed", "count", "higher_better", _LPA,
       "INV", (2,), "QATT reviews completed to date, as reported.", "QATT have been completed"),
    _m("som_uplift_posts", "manual", "SOM uplift posts", "count", "higher_better", _LPA, "RSO", (1,),
       "Posts added to sex offender management.", "uplift into SOMs"),
)
# fmt: on

_BY_KEY = {spec.key: spec for spec in METRICS}
MANUAL_KEYS: tuple[str, ...] = tuple(spec.key for spec in METRICS if spec.kind == "manual")


def get(key: str) -> MetricSpec:
    """The metric with this key; KeyError when the catalogue has none."""
    return _BY_KEY[key]
