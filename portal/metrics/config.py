"""Engine settings with the defaults of DATA.md; the web app may load overrides from the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from portal.metrics.catalogue import OCSET_RISKS

OUTCOME_TYPES = range(1, 23)


def _default_timescales() -> Mapping[str, int]:
    return MappingProxyType({"very_high": 2, "high": 7, "medium": 21, "standard": 60})


@dataclass(frozen=True)
class EngineConfig:
    """Outcome sets, OCSET enforcement timescales (days) and the day thresholds of the metrics."""

    positive_set: frozenset[int] = frozenset({1, 2, 3, 4, 6, 7, 8})
    nfa_set: frozenset[int] = frozenset({14, 15, 16, 18})
    ocset_timescales: Mapping[str, int] = field(default_factory=_default_timescales)
    marac_over_days: int = 28
    investigation_over_days: int = 28
    # D-48 .. D inclusive: seven weeks ending on the as-of date.
    outcome_change_window_days: int = 49

    def __post_init__(self) -> None:
        # Overrides arrive as plain sets and dicts; store immutable copies.
        object.__setattr__(self, "positive_set", frozenset(self.positive_set))
        object.__setattr__(self, "nfa_set", frozenset(self.nfa_set))
        object.__setattr__(self, "ocset_timescales", MappingProxyType(dict(self.ocset_timescales)))
        for name in ("positive_set", "nfa_set"):
            codes = getattr(self, name)
            if not codes or not codes <= set(OUTCOME_TYPES):
                raise ValueError(f"{name} must hold outcome types between 1 and 22")
        if set(self.ocset_timescales) != set(OCSET_RISKS) or min(self.ocset_timescales.values()) < 0:
            raise ValueError(f"ocset_timescales needs days of 0 or more for {', '.join(OCSET_RISKS)}")
        if min(self.marac_over_days, self.investigation_over_days) < 0:
            raise ValueError("day thresholds must be 0 or more")
        if self.outcome_change_window_days < 1:
            raise ValueError("outcome_change_window_days must be 1 or more")
