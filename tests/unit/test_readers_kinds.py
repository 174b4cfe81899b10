"""The column rules of each extract kind beyond the common ones."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from workers.readers import KINDS


def errors(result) -> list[tuple[int | None, str | None, str]]:
    return [(e.line, e.column, e.message) for e in result.errors]


def test_the_kinds_of_data_md() -> None:
    assert KINDS == (
        "crimes",
        "outcome_changes",
        "investigations",
        "qatt_reviews",
        "marac_referrals",
        "rso_caseload",
        "ocset_packages",
        "dfu_cases",
        "manual",
    )


def test_outcome_changes_may_repeat_a_crime_and_need_both_codes(read) -> None:
    header = "crime_ref,change_date,old_outcome_code,new_outcome_code,team\n"
    assert read("outcome_changes", header + "C1,2024-02-01,14,1,ORT\nC1,2024-02-02,1,14,ORT\n").ok
    result = read("outcome_changes", header + "C1,2024-02-01,,1A,ORT\n")
    assert errors(result) == [(2, "old_outcome_code", "blank: a value is required")]


INVESTIGATIONS = "crime_ref,lpa,department,recorded_date,status,plan_completed,supervisor_reviews\n"


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("I1,Dudley,CID,2024-01-01,pending,yes,0", "status", "not one of: open, closed"),
        (
            "I1,Dudley,CID,2024-01-01,open,maybe,0",
            "plan_completed",
            "not yes or no (use true/false, yes/no, y/n or 1/0)",
        ),
        ("I1,Dudley,CID,2024-01-01,open,yes,-1", "supervisor_reviews", "must be 0 or more"),
        ("I1,Dudley,CID,2024-01-01,open,yes,2.5", "supervisor_reviews", "not a whole number"),
        ("I1,Dudley,,2024-01-01,open,yes,1", "department", "blank: a value is required"),
    ],
)
def test_investigation_rules(read, cells: str, column: str, message: str) -> None:
    assert errors(read("investigations", INVESTIGATIONS + cells + "\n")) == [(2, column, message)]


def test_investigation_values(read) -> None:
    rows = (
        "I1,Dudley,CID,2024-01-01,OPEN,Y,2.0\n"
        "I2,Dudley,CID,2024-01-01,closed,False,0\n"
        "I3,Dudley,CID,2024-01-01,open,1,+3\n"
    )
    frame = read("investigations", INVESTIGATIONS + rows).frame
    assert frame.get_column("plan_completed").to_list() == [True, False, True]
    assert frame.get_column("supervisor_reviews").to_list() == [2, 0, 3]
    assert frame.schema["supervisor_reviews"] == pl.Int64
    assert frame.get_column("status").to_list() == ["open", "closed", "open"]


QATT = (
    "review_id,review_date,lpa,department,victim_focus,suspect_management,"
    "investigation_standards,supervisor_review,overall\n"
)


def test_qatt_grades_are_1_to_5_and_only_overall_is_required(read) -> None:
    assert read("qatt_reviews", QATT + "Q1,2024-01-01,Dudley,CID,,,,,3\n").ok
    result = read("qatt_reviews", QATT + "Q1,2024-01-01,Dudley,CID,0,6,3,3,\n")
    assert errors(result) == [
        (2, "victim_focus", "must be between 1 and 5"),
        (2, "suspect_management", "must be between 1 and 5"),
        (2, "overall", "blank: a value is required"),
    ]


MARAC = "referral_id,lpa,referral_date,status,marac_date,dash_score,repeat\n"


def test_a_heard_referral_needs_its_marac_date(read) -> None:
    result = read(
        "marac_referrals", MARAC + "R1,Dudley,2024-01-01,heard,,,\nR2,Dudley,2024-01-01,awaiting,,,\n"
    )
    assert errors(result) == [(2, "marac_date", "blank: required when status is heard")]


def test_marac_date_may_not_precede_the_referral(read) -> None:
    result = read("marac_referrals", MARAC + "R1,Dudley,2024-01-10,heard,2024-01-09,,\n")
    assert errors(result) == [(2, "marac_date", "before referral_date (10/01/2024)")]


@pytest.mark.parametrize(("score", "ok"), [("0", True), ("27", True), ("28", False), ("-1", False)])
def test_dash_score_is_0_to_27(read, score: str, ok: bool) -> None:
    result = read("marac_referrals", MARAC + f"R1,Dudley,2024-01-10,awaiting,,{score},no\n")
    assert result.ok is ok
    if not ok:
        assert errors(result) == [(2, "dash_score", "must be between 0 and 27")]


RSO = (
    "visor_ref,lpa,offender_manager,risk_level,management,in_custody,"
    "initial_arms_due,initial_arms_completed,last_arms_date,rmp_review_due,next_visit_due\n"
)


def test_due_dates_may_lie_in_the_future_but_events_may_not(read) -> None:
    as_of = date(2024, 2, 20)
    assert read(
        "rso_caseload", RSO + "V1,Dudley,M1,low,active,no,2024-05-01,,,2024-06-01,2024-03-01\n", as_of=as_of
    ).ok
    result = read("rso_caseload", RSO + "V1,Dudley,M1,low,active,no,,2024-02-21,2024-03-01,,\n", as_of=as_of)
    assert errors(result) == [
        (2, "initial_arms_completed", "after the as-of date (20/02/2024)"),
        (2, "last_arms_date", "after the as-of date (20/02/2024)"),
    ]


def test_rso_enumerations(read) -> None:
    result = read("rso_caseload", RSO + "V1,Dudley,M1,extreme,passive,no,,,,,\n")
    assert errors(result) == [
        (2, "risk_level", "not one of: low, medium, high, very_high"),
        (2, "management", "not one of: active, reactive"),
    ]


def test_ocset_lpa_is_optional_but_checked(read) -> None:
    header = "package_id,received_date,stage,risk,lpa\n"
    assert read("ocset_packages", header + "P1,2024-01-01,enforced,standard,\n").ok
    result = read("ocset_packages", header + "P1,2024-01-01,enforced,low,Atlantis\n")
    assert [e.column for e in result.errors] == ["risk", "lpa"]


def test_dfu_allocation_may_not_precede_receipt(read) -> None:
    header = "dfu_ref,received_date,status,allocated_date\n"
    result = read("dfu_cases", header + "D1,2024-01-10,allocated,2024-01-09\nD2,2024-01-10,queued,\n")
    assert errors(result) == [
        (2, "allocated_date", "before received_date (10/01/2024)"),
        (3, "status", "not one of: unallocated, allocated, in_progress, complete, cancelled"),
    ]


MANUAL = "metric_key,value,lpa,note\n"


def test_manual_rows_name_a_known_manual_metric_and_a_number(read) -> None:
    result = read("manual", MANUAL + "recorded_crime_ytd,5,,\nsom_uplift_posts,fourteen,,\n")
    assert errors(result) == [
        (
            2,
            "metric_key",
            "not a manual metric key (known: masterclass_completion_pct, qatt_reviews_completed, "
            "som_uplift_posts)",
        ),
        (3, "value", "not a number"),
    ]


def test_manual_keys_can_be_given(read) -> None:
    result = read("manual", MANUAL + "Custom_Figure,1.5,,\n", manual_keys={"custom_figure"})
    assert result.ok
    assert result.frame.row(0, named=True) == {
        "metric_key": "custom_figure",
        "value": 1.5,
        "lpa": None,
        "note": None,
    }


def test_a_manual_metric_appears_once_per_lpa(read) -> None:
    rows = (
        "som_uplift_posts,14,,\n"
        "som_uplift_posts,2,Dudley,\n"
        "som_uplift_posts,3,dudley,\n"
        "som_uplift_posts,1,,\n"
    )
    assert errors(read("manual", MANUAL + rows)) == [
        (4, "metric_key", "duplicate metric_key and lpa (first on line 3)"),
        (5, "metric_key", "duplicate metric_key and lpa (first on line 2)"),
    ]


def test_manual_value_must_be_finite(read) -> None:
    assert errors(read("manual", MANUAL + "som_uplift_posts,inf,,\n")) == [(2, "value", "not a number")]
