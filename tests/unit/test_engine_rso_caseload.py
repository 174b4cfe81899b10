"""Offenders managed in the community: caseload per manager and outstanding SOM demand."""

from __future__ import annotations

from datetime import date

import pytest

AS_OF = date(2024, 2, 20)
HEADER = (
    "visor_ref,lpa,offender_manager,risk_level,management,in_custody,"
    "initial_arms_due,initial_arms_completed,last_arms_date,rmp_review_due,next_visit_due\n"
)
CASELOAD = HEADER + (
    "V1,Birmingham,M1,high,active,no,2024-02-19,,2023-02-19,2024-02-19,2024-02-19\n"
    "V2,Birmingham,M2,low,active,no,2024-02-20,,2023-02-20,2024-02-20,2024-02-20\n"
    "V3,Birmingham,M1,low,active,no,2024-01-01,2024-01-05,,,\n"
    "V4,Coventry,M1,medium,active,no,,,,,\n"
    "V5,Coventry,M3,low,reactive,no,,,,,2024-01-01\n"
    "V6,Dudley,M9,low,active,yes,2024-01-01,,2022-01-01,2024-01-01,2024-01-01\n"
)


@pytest.fixture
def caseload(values):
    return values("rso_caseload", CASELOAD, as_of=AS_OF)


def test_caseload_leaves_out_offenders_in_custody(caseload) -> None:
    assert caseload.get("rso_caseload", lpa="ALL") == 5
    assert caseload.get("rso_caseload", lpa="Dudley") == 0


def test_active_cases_per_distinct_manager(caseload) -> None:
    row = caseload.row("rso_cases_per_manager", lpa="Birmingham")
    assert (row["value"], row["numerator"], row["denominator"]) == (1.5, 3.0, 2.0)
    assert caseload.get("rso_cases_per_manager", lpa="Coventry") == 0.5  # M1 and M3 (reactive)
    # Across the force M1 counts once: 4 active cases, managers M1, M2, M3.
    row = caseload.row("rso_cases_per_manager", lpa="ALL")
    assert (row["numerator"], row["denominator"]) == (4.0, 3.0)
    assert caseload.get("rso_cases_per_manager", lpa="Dudley") is None  # nobody in the community


def test_outstanding_initial_arms_are_due_before_today_and_not_completed(caseload) -> None:
    assert caseload.get("som_outstanding_initial_arms", lpa="ALL") == 1  # V1; V2 due today; V3 done


def test_outstanding_12_month_arms(caseload) -> None:
    assert caseload.get("som_outstanding_12m_arms", lpa="ALL") == 1  # V1; V2 falls due today


def test_12_months_after_29_february_is_28_february(values) -> None:
    text = HEADER + "V1,Walsall,M1,low,active,no,,,2024-02-29,,\n"
    assert (
        values("rso_caseload", text, as_of=date(2025, 3, 1)).get("som_outstanding_12m_arms", lpa="Walsall")
        == 1
    )
    assert (
        values("rso_caseload", text, as_of=date(2025, 2, 28)).get("som_outstanding_12m_arms", lpa="Walsall")
        == 0
    )


def test_outstanding_rmp_reviews_and_visits(caseload) -> None:
    assert caseload.get("som_outstanding_rmp_reviews", lpa="Birmingham") == 1
    assert caseload.get("som_outstanding_visits", lpa="Birmingham") == 1
    assert caseload.get("som_outstanding_visits", lpa="Coventry") == 0  # V5 is reactive
    assert caseload.get("som_outstanding_visits", lpa="Solihull") == 0
