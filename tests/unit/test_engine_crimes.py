"""Recorded crime and positive outcomes: windows, rates, codes with suffixes, every combination."""

from __future__ import annotations

from datetime import date

import pytest

from portal.metrics.catalogue import LPAS
from portal.metrics.config import EngineConfig

AS_OF = date(2024, 2, 25)  # YTD 2023-04-01..2024-02-25; previous year 2022-04-01..2023-02-25
HEADER = "crime_ref,recorded_date,lpa,offence_group,crime_class,outcome_code,outcome_date\n"
CRIMES = HEADER + (
    "C1,2023-04-01,Birmingham,Theft,victim_based,1,2023-05-01\n"  # first YTD day
    "C2,2023-03-31,Birmingham,Theft,victim_based,3a,2023-04-02\n"  # recorded last year, outcome now
    "C3,2024-02-25,Coventry,Drugs,other_society,14,2024-02-25\n"  # as-of day; NFA is not positive
    "C4,2022-04-01,Coventry,Theft,victim_based,,\n"  # first day of the previous-year window
    "C5,2023-02-25,Dudley,Theft,victim_based,,\n"  # last day of the previous-year window
    "C6,2023-02-26,Dudley,Theft,victim_based,,\n"  # in neither window
    "C7,2024-01-10,Birmingham,Theft,victim_based,1A,2024-01-11\n"
    "C8,2023-06-01,Walsall,Drugs,other_society,2,2023-06-02\n"
)


@pytest.fixture
def crimes(values):
    return values("crimes", CRIMES, as_of=AS_OF)


def test_recorded_crime_ytd_counts_crimes_recorded_in_the_window(crimes) -> None:
    assert crimes.get("recorded_crime_ytd", lpa="ALL", crime_class="ALL") == 4  # C1 C3 C7 C8
    assert crimes.get("recorded_crime_ytd", lpa="ALL", crime_class="victim_based") == 2
    assert crimes.get("recorded_crime_ytd", lpa="Birmingham", crime_class="ALL") == 2
    assert crimes.get("recorded_crime_ytd", lpa="Coventry", crime_class="victim_based") == 0


def test_every_lpa_and_crime_class_combination_is_counted(crimes) -> None:
    for key in ("recorded_crime_ytd", "positive_outcomes_ytd"):
        assert len(crimes.dims(key)) == 16
        for lpa in (*LPAS, "ALL"):
            for crime_class in ("ALL", "victim_based"):
                assert crimes.get(key, lpa=lpa, crime_class=crime_class) is not None
    assert crimes.get("recorded_crime_ytd", lpa="Sandwell", crime_class="ALL") == 0
    assert crimes.get("recorded_crime_ytd", lpa="ALL", crime_class="other_society") is None


def test_change_on_last_year(crimes) -> None:
    row = crimes.row("recorded_crime_ytd_change_pct", lpa="ALL", crime_class="ALL")
    assert (row["value"], row["numerator"], row["denominator"]) == (100.0, 2.0, 2.0)  # 4 against 2
    assert crimes.get("recorded_crime_ytd_change_pct", lpa="ALL", crime_class="victim_based") == 0.0
    assert crimes.get("recorded_crime_ytd_change_pct", lpa="Dudley", crime_class="ALL") == -100.0
    # Birmingham recorded nothing in last year's window: no change can be stated.
    assert crimes.get("recorded_crime_ytd_change_pct", lpa="Birmingham", crime_class="ALL") is None


def test_change_is_absent_unless_the_file_reaches_back_to_last_years_window_start(values) -> None:
    later = CRIMES.replace("C4,2022-04-01", "C4,2022-04-02")
    result = values("crimes", later, as_of=AS_OF)
    assert result.dims("recorded_crime_ytd_change_pct") == []
    assert result.get("recorded_crime_ytd", lpa="ALL", crime_class="ALL") == 4


def test_positive_outcomes_count_outcomes_claimed_in_the_window_whenever_recorded(crimes) -> None:
    # C1, C2 (3a: base type 3, crime recorded before the window), C7 (1A), C8.
    assert crimes.get("positive_outcomes_ytd", lpa="ALL", crime_class="ALL") == 4
    assert crimes.get("positive_outcomes_ytd", lpa="Birmingham", crime_class="victim_based") == 3
    assert crimes.get("positive_outcomes_ytd", lpa="Coventry", crime_class="ALL") == 0


def test_positive_outcome_rate_is_not_capped_at_100(crimes) -> None:
    row = crimes.row("positive_outcome_rate_ytd", lpa="Birmingham", crime_class="ALL")
    assert (row["value"], row["numerator"], row["denominator"]) == (150.0, 3.0, 2.0)
    assert crimes.get("positive_outcome_rate_ytd", lpa="ALL", crime_class="ALL") == 100.0
    assert crimes.get("positive_outcome_rate_ytd", lpa="Coventry", crime_class="ALL") == 0.0


def test_rate_over_no_recorded_crime_is_absent(crimes) -> None:
    assert crimes.get("positive_outcome_rate_ytd", lpa="Dudley", crime_class="ALL") is None
    assert crimes.get("positive_outcome_rate_ytd", lpa="Sandwell", crime_class="victim_based") is None


def test_financial_year_boundary(values) -> None:
    text = HEADER + "C1,2024-03-31,Solihull,Theft,victim_based,2,2024-04-01\n"
    at_year_end = values("crimes", text, as_of=date(2024, 4, 1))
    assert at_year_end.get("recorded_crime_ytd", lpa="Solihull", crime_class="ALL") == 0
    assert at_year_end.get("positive_outcomes_ytd", lpa="Solihull", crime_class="ALL") == 1
    text = HEADER + "C1,2024-03-31,Solihull,Theft,victim_based,2,2024-03-31\n"
    on_31_march = values("crimes", text, as_of=date(2024, 3, 31))
    assert on_31_march.get("recorded_crime_ytd", lpa="Solihull", crime_class="ALL") == 1


def test_29_february_compares_with_28_february(values) -> None:
    text = HEADER + (
        "C1,2022-04-01,Walsall,Theft,victim_based,,\n"
        "C2,2023-02-28,Walsall,Theft,victim_based,,\n"
        "C3,2023-03-01,Walsall,Theft,victim_based,,\n"  # after the previous-year window
        "C4,2024-02-29,Walsall,Theft,victim_based,,\n"
    )
    result = values("crimes", text, as_of=date(2024, 2, 29))
    row = result.row("recorded_crime_ytd_change_pct", lpa="Walsall", crime_class="ALL")
    assert (row["numerator"], row["denominator"], row["value"]) == (-1.0, 2.0, -50.0)


def test_positive_set_is_configurable(values) -> None:
    result = values("crimes", CRIMES, as_of=AS_OF, config=EngineConfig(positive_set={14}))
    assert result.get("positive_outcomes_ytd", lpa="ALL", crime_class="ALL") == 1  # C3


def test_dims_are_canonical_json(crimes) -> None:
    assert '{"crime_class":"ALL","lpa":"Birmingham"}' in crimes.dims("recorded_crime_ytd")
