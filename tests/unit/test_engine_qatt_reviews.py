"""QATT counts and average grades by LPA and month, blank grades left out of the means."""

from __future__ import annotations

import pytest

from portal.metrics.catalogue import LPAS

REVIEWS = """\
review_id,review_date,lpa,department,victim_focus,suspect_management,investigation_standards,supervisor_review,overall
Q1,2023-11-05,Birmingham,CID,2,3,3,2,2
Q2,2023-11-20,Birmingham,cid,,3,2,1,3
Q3,2023-12-01,Coventry,Response,4,2,3,3,3
Q4,2024-01-31,Coventry,Response,,,,,1
"""


@pytest.fixture
def reviews(values):
    return values("qatt_reviews", REVIEWS)


def test_review_counts_for_every_lpa_and_month_in_the_file(reviews) -> None:
    assert len(reviews.dims("qatt_reviews")) == 8 * 4  # LPAs + ALL, three months + ALL
    assert reviews.get("qatt_reviews", lpa="ALL", month="ALL") == 4
    assert reviews.get("qatt_reviews", lpa="Birmingham", month="2023-11") == 2
    assert reviews.get("qatt_reviews", lpa="Birmingham", month="2024-01") == 0
    assert reviews.get("qatt_reviews", lpa="ALL", month="2023-12") == 1
    for lpa in LPAS:
        assert reviews.get("qatt_reviews", lpa=lpa, month="ALL") is not None
    assert reviews.get("qatt_reviews", lpa="ALL", month="2023-10") is None  # not in the file


def test_average_grades_are_means_of_non_blank_grades(reviews) -> None:
    assert reviews.get("qatt_avg_overall", lpa="ALL", month="ALL") == 2.25
    assert reviews.get("qatt_avg_victim_focus", lpa="ALL", month="ALL") == 3.0  # 2 and 4
    assert reviews.get("qatt_avg_victim_focus", lpa="Birmingham", month="2023-11") == 2.0
    assert reviews.get("qatt_avg_suspect_management", lpa="Birmingham", month="ALL") == 3.0
    assert reviews.get("qatt_avg_investigation_standards", lpa="ALL", month="ALL") == pytest.approx(8 / 3)
    assert reviews.get("qatt_avg_supervisor_review", lpa="Coventry", month="ALL") == 3.0


def test_averages_over_no_reviews_or_only_blank_grades_are_absent(reviews) -> None:
    assert reviews.get("qatt_avg_overall", lpa="Dudley", month="ALL") is None
    assert reviews.get("qatt_avg_overall", lpa="Birmingham", month="2023-12") is None
    assert reviews.get("qatt_avg_victim_focus", lpa="Coventry", month="2024-01") is None
    assert reviews.get("qatt_avg_overall", lpa="Coventry", month="2024-01") == 1.0
