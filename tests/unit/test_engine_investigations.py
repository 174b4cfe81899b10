"""Open investigations over 28 days, supervisor reviews and investigation plans by LPA."""

from __future__ import annotations

from datetime import date

import pytest

AS_OF = date(2024, 2, 20)  # 28 days earlier: 2024-01-23
INVESTIGATIONS = """\
crime_ref,lpa,department,recorded_date,status,plan_completed,supervisor_reviews
I1,Birmingham,CID,2024-01-22,open,yes,1
I2,Birmingham,CID,2024-01-01,open,no,0
I3,Birmingham,Response,2024-01-23,open,yes,0
I4,Coventry,CID,2023-12-01,closed,yes,3
I5,Coventry,cid,2024-02-20,open,no,2
"""


@pytest.fixture
def investigations(values):
    return values("investigations", INVESTIGATIONS, as_of=AS_OF)


def test_open_investigations(investigations) -> None:
    assert investigations.get("investigations_open", lpa="ALL") == 4
    assert investigations.get("investigations_open", lpa="Coventry") == 1
    assert investigations.get("investigations_open", lpa="Dudley") == 0


def test_open_over_28_days_means_more_than_28_days_old(investigations) -> None:
    assert investigations.get("investigations_open_over_28d", lpa="Birmingham") == 2  # I1 (29), I2
    assert investigations.get("investigations_open_over_28d", lpa="ALL") == 2


def test_supervisor_review_pct_over_open_investigations_over_28_days(investigations) -> None:
    row = investigations.row("supervisor_review_pct", lpa="ALL")
    assert (row["value"], row["numerator"], row["denominator"]) == (50.0, 1.0, 2.0)
    assert investigations.get("supervisor_review_pct", lpa="Coventry") is None  # none over 28 days


def test_investigation_plan_pct_over_open_investigations(investigations) -> None:
    assert investigations.get("investigation_plan_pct", lpa="ALL") == 50.0
    assert investigations.get("investigation_plan_pct", lpa="Birmingham") == pytest.approx(200 / 3)
    assert investigations.get("investigation_plan_pct", lpa="Coventry") == 0.0
    assert investigations.get("investigation_plan_pct", lpa="Dudley") is None
