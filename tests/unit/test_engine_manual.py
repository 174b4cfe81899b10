"""Figures entered by hand become metric values as given."""

from __future__ import annotations


def test_manual_rows_become_values_for_an_lpa_or_the_force(values) -> None:
    result = values(
        "manual",
        """\
        metric_key,value,lpa,note
        masterclass_completion_pct,92,,of those eligible
        som_uplift_posts,14,birmingham,
        qatt_reviews_completed,3700.0,,
        """,
    )
    assert result.get("masterclass_completion_pct", lpa="ALL") == 92.0
    assert result.get("som_uplift_posts", lpa="Birmingham") == 14.0
    row = result.row("qatt_reviews_completed", lpa="ALL")
    assert (row["value"], row["numerator"], row["denominator"]) == (3700.0, None, None)
    assert result.frame.height == 3
