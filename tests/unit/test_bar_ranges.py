"""LPA breakdown bars: the axis runs from zero to the furthest bar on whichever side the values fall."""

from __future__ import annotations

from layouts.charts import bar_figure


def _range(values: list[tuple[str, float]]) -> list[float] | None:
    return bar_figure(values, unit="percent")["layout"]["xaxis"]["range"]


def test_a_fall_runs_left_of_zero_with_every_bar_inside() -> None:
    low, high = _range([("All crime", -9.15), ("Victim-based crime", -6.93)])
    assert high == 0.0 and low < -9.15  # the larger fall is not cut off (it was, with its label)


def test_counts_run_right_of_zero() -> None:
    low, high = _range([("Birmingham", 285.0), ("Coventry", 132.0)])
    assert low == 0.0 and high > 285.0


def test_mixed_signs_show_both_sides_and_all_zero_leaves_it_to_plotly() -> None:
    low, high = _range([("Dudley", -3.0), ("Walsall", 5.0)])
    assert low < -3.0 and high > 5.0
    assert _range([("Solihull", 0.0)]) is None
