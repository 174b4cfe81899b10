"""Engine settings: DATA.md's defaults, and overrides checked when they are made."""

from __future__ import annotations

import pytest

from portal.metrics.config import EngineConfig


def test_defaults_are_those_of_data_md() -> None:
    config = EngineConfig()
    assert config.positive_set == {1, 2, 3, 4, 6, 7, 8}
    assert config.nfa_set == {14, 15, 16, 18}
    assert dict(config.ocset_timescales) == {"very_high": 2, "high": 7, "medium": 21, "standard": 60}
    assert (config.marac_over_days, config.investigation_over_days) == (28, 28)
    assert config.outcome_change_window_days == 49


def test_overrides_are_stored_immutably() -> None:
    timescales = {"very_high": 1, "high": 2, "medium": 3, "standard": 4}
    config = EngineConfig(positive_set={1, 2}, ocset_timescales=timescales)
    timescales["high"] = 99
    assert config.ocset_timescales["high"] == 2
    assert isinstance(config.positive_set, frozenset)
    with pytest.raises(TypeError):
        config.ocset_timescales["high"] = 5  # type: ignore[index]


@pytest.mark.parametrize(
    "overrides",
    [
        {"positive_set": {0}},
        {"nfa_set": {23}},
        {"positive_set": set()},
        {"ocset_timescales": {"high": 7}},
        {"ocset_timescales": {"very_high": -1, "high": 7, "medium": 21, "standard": 60}},
        {"marac_over_days": -1},
        {"outcome_change_window_days": 0},
    ],
)
def test_invalid_overrides_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        EngineConfig(**overrides)  # type: ignore[arg-type]
