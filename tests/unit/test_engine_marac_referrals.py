"""MARAC referrals awaiting, longest waits in working days, and referrals by month."""

from __future__ import annotations

from datetime import date

import pytest

from portal.metrics.config import EngineConfig

AS_OF = date(2024, 1, 2)
REFERRALS = """\
referral_id,lpa,referral_date,status,marac_date,dash_score,repeat
R1,Birmingham,2023-12-22,awaiting,,14,yes
R2,Birmingham,2023-12-04,awaiting,,,
R3,Coventry,2023-11-01,heard,2023-11-20,20,n
R4,Coventry,2023-12-29,rejected,,,
R5,Sandwell,2024-01-02,awaiting,,,
R6,Sandwell,2023-12-05,withdrawn,,,
"""


@pytest.fixture
def referrals(values):
    return values("marac_referrals", REFERRALS, as_of=AS_OF)


def test_cases_awaiting(referrals) -> None:
    assert referrals.get("marac_cases_awaiting", lpa="ALL") == 3
    assert referrals.get("marac_cases_awaiting", lpa="Birmingham") == 2
    assert referrals.get("marac_cases_awaiting", lpa="Coventry") == 0


def test_longest_wait_in_working_days_skips_christmas_bank_holidays(referrals) -> None:
    # R2: 5 to 29 December less weekends, the 25th and the 26th is 17; then 2 January (not the 1st).
    assert referrals.get("marac_max_wait_working_days", lpa="Birmingham") == 18
    assert referrals.get("marac_max_wait_working_days", lpa="ALL") == 18
    assert referrals.get("marac_max_wait_working_days", lpa="Sandwell") == 0  # referred today


def test_longest_wait_with_nobody_awaiting_is_absent(referrals) -> None:
    assert referrals.get("marac_max_wait_working_days", lpa="Coventry") is None
    assert referrals.get("marac_max_wait_working_days", lpa="Dudley") is None


def test_awaiting_over_28_days(referrals) -> None:
    assert referrals.get("marac_awaiting_over_28_days", lpa="Birmingham") == 1  # R2, 29 days
    assert referrals.get("marac_awaiting_over_28_days", lpa="ALL") == 1
    assert referrals.get("marac_awaiting_over_28_days", lpa="Sandwell") == 0


def test_threshold_is_configurable(values) -> None:
    result = values("marac_referrals", REFERRALS, as_of=AS_OF, config=EngineConfig(marac_over_days=29))
    assert result.get("marac_awaiting_over_28_days", lpa="Birmingham") == 0


def test_referrals_received_by_lpa_and_month_whatever_their_status(referrals) -> None:
    assert len(referrals.dims("marac_referrals_received")) == 8 * 4  # Nov, Dec, Jan + ALL
    assert referrals.get("marac_referrals_received", lpa="ALL", month="ALL") == 6
    assert referrals.get("marac_referrals_received", lpa="Coventry", month="2023-11") == 1
    assert referrals.get("marac_referrals_received", lpa="Sandwell", month="2023-12") == 1
    assert referrals.get("marac_referrals_received", lpa="Birmingham", month="2023-11") == 0
    assert referrals.get("marac_referrals_received", lpa="ALL", month="2024-01") == 1
