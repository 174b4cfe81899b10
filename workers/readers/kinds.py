"""The columns of each extract kind (DATA.md), as data the reader validates against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from portal.metrics.catalogue import OCSET_RISKS

ColumnType = Literal[
    "text",  # any text, trimmed
    "freetext",  # a free-text dimension (team, department): compared case-insensitively
    "date",
    "bool",
    "int",
    "number",
    "enum",
    "lpa",
    "outcome",  # a Home Office outcome type, optionally with a letter suffix
    "metric_key",  # a manual metric key
]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    not_before: str | None = None  # a date column this one may not precede
    required_with: str | None = None  # required whenever that column has a value
    required_when: tuple[str, str] | None = None  # required when that column has that value

    @property
    def records_event(self) -> bool:
        """Dates of things that happened may not follow the as-of date; due dates may."""
        return self.type == "date" and not self.name.endswith("_due")

    @property
    def derived(self) -> str | None:
        """The column holding an outcome code's base type (outcome_code -> outcome_type)."""
        if self.type != "outcome":
            return None
        return self.name.removesuffix("_code") + "_type"


@dataclass(frozen=True)
class KindSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique in the file


def _grade(name: str, *, required: bool = False) -> Column:
    return Column(name, "int", required=required, low=1, high=5)


SPECS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            "crimes",
            (
                Column("crime_ref", "text", required=True),
                Column("recorded_date", "date", required=True),
                Column("lpa", "lpa", required=True),
                Column("offence_group", "text", required=True),
                Column("crime_class", "enum", required=True, choices=("victim_based", "other_society")),
                Column("outcome_code", "outcome"),
                Column("outcome_date", "date", required_with="outcome_code", not_before="recorded_date"),
            ),
            key=("crime_ref",),
        ),
        KindSpec(
            "outcome_changes",
            (
                Column("crime_ref", "text", required=True),
                Column("change_date", "date", required=True),
                Column("old_outcome_code", "outcome", required=True),
                Column("new_outcome_code", "outcome", required=True),
                Column("team", "freetext", required=True),
            ),
            key=(),
        ),
        KindSpec(
            "investigations",
            (
                Column("crime_ref", "text", required=True),
                Column("lpa", "lpa", required=True),
                Column("department", "freetext", required=True),
                Column("recorded_date", "date", required=True),
                Column("status", "enum", required=True, choices=("open", "closed")),
                Column("plan_completed", "bool", required=True),
                Column("supervisor_reviews", "int", required=True, low=0),
            ),
            key=("crime_ref",),
        ),
        KindSpec(
            "qatt_reviews",
            (
                Column("review_id", "text", required=True),
                Column("review_date", "date", required=True),
                Column("lpa", "lpa", required=True),
                Column("department", "freetext", required=True),
                _grade("victim_focus"),
                _grade("suspect_management"),
                _grade("investigation_standards"),
                _grade("supervisor_review"),
                _grade("overall", required=True),
            ),
            key=("review_id",),
        ),
        KindSpec(
            "marac_referrals",
            (
                Column("referral_id", "text", required=True),
                Column("lpa", "lpa", required=True),
                Column("referral_date", "date", required=True),
                Column(
                    "status", "enum", required=True, choices=("awaiting", "heard", "rejected", "withdrawn")
                ),
                Column("marac_date", "date", required_when=("status", "heard"), not_before="referral_date"),
                Column("dash_score", "int", low=0, high=27),
                Column("repeat", "bool"),
            ),
            key=("referral_id",),
        ),
        KindSpec(
            "rso_caseload",
            (
                Column("visor_ref", "text", required=True),
                Column("lpa", "lpa", required=True),
                Column("offender_manager", "text", required=True),
                Column("risk_level", "enum", required=True, choices=("low", "medium", "high", "very_high")),
                Column("management", "enum", required=True, choices=("active", "reactive")),
                Column("in_custody", "bool", required=True),
                Column("initial_arms_due", "date"),
                Column("initial_arms_completed", "date"),
                Column("last_arms_date", "date"),
                Column("rmp_review_due", "date"),
                Column("next_visit_due", "date"),
            ),
            key=("visor_ref",),
        ),
        KindSpec(
            "ocset_packages",
            (
                Column("package_id", "text", required=True),
                Column("received_date", "date", required=True),
                Column(
                    "stage",
                    "enum",
                    required=True,
                    choices=("intelligence_development", "awaiting_enforcement", "enforced", "closed"),
                ),
                Column("risk", "enum", required=True, choices=OCSET_RISKS),
                Column("lpa", "lpa"),
            ),
            key=("package_id",),
        ),
        KindSpec(
            "dfu_cases",
            (
                Column("dfu_ref", "text", required=True),
                Column("received_date", "date", required=True),
                Column(
                    "status",
                    "enum",
                    required=True,
                    choices=("unallocated", "allocated", "in_progress", "complete", "cancelled"),
                ),
                Column("allocated_date", "date", not_before="received_date"),
            ),
            key=("dfu_ref",),
        ),
        KindSpec(
            "manual",
            (
                Column("metric_key", "metric_key", required=True),
                Column("value", "number", required=True),
                Column("lpa", "lpa"),
                Column("note", "text"),
            ),
            key=("metric_key", "lpa"),
        ),
    )
}

KINDS: tuple[str, ...] = tuple(SPECS)
