"""OCSET packages by stage and risk: counted stages only, oldest, over enforcement timescale."""

from __future__ import annotations

from datetime import date

import pytest

from portal.metrics.config import EngineConfig

AS_OF = date(2024, 2, 20)
PACKAGES = """\
package_id,received_date,stage,risk,lpa
P1,2024-02-13,awaiting_enforcement,medium,Birmingham
P2,2024-01-20,awaiting_enforcement,medium,
P3,2024-01-16,awaiting_enforcement,standard,
P4,2024-02-17,intelligence_development,very_high,
P5,2023-01-01,enforced,high,
P6,2024-02-18,awaiting_enforcement,very_high,
P7,2023-01-01,closed,standard,
"""


@pytest.fixture
def packages(values):
    return values("ocset_packages", PACKAGES, as_of=AS_OF)


def test_packages_count_only_development_and_awaiting_enforcement(packages) -> None:
    assert packages.get("ocset_packages", stage="ALL", risk="ALL") == 5
    assert packages.get("ocset_packages", stage="awaiting_enforcement", risk="ALL") == 4
    assert packages.get("ocset_packages", stage="intelligence_development", risk="ALL") == 1
    assert packages.get("ocset_packages", stage="awaiting_enforcement", risk="medium") == 2
    assert packages.get("ocset_packages", stage="ALL", risk="high") == 0  # P5 is enforced
    assert packages.get("ocset_packages", stage="enforced", risk="ALL") is None
    assert len(packages.dims("ocset_packages")) == 3 * 5


def test_oldest_package_age_in_days(packages) -> None:
    assert packages.get("ocset_oldest_days", stage="awaiting_enforcement", risk="medium") == 31
    assert packages.get("ocset_oldest_days", stage="awaiting_enforcement", risk="standard") == 35
    assert packages.get("ocset_oldest_days", stage="ALL", risk="ALL") == 35
    assert packages.get("ocset_oldest_days", stage="awaiting_enforcement", risk="high") is None


def test_over_timescale_only_for_packages_awaiting_enforcement(packages) -> None:
    assert packages.get("ocset_over_timescale", stage="awaiting_enforcement", risk="medium") == 1  # P2
    assert packages.get("ocset_over_timescale", stage="awaiting_enforcement", risk="very_high") == 0  # 2 days
    assert packages.get("ocset_over_timescale", stage="awaiting_enforcement", risk="ALL") == 1
    assert sorted(packages.dims("ocset_over_timescale")) == sorted(
        f'{{"risk":"{risk}","stage":"awaiting_enforcement"}}'
        for risk in ("very_high", "high", "medium", "standard", "ALL")
    )


def test_timescales_are_configurable(values) -> None:
    config = EngineConfig(ocset_timescales={"very_high": 1, "high": 7, "medium": 40, "standard": 30})
    result = values("ocset_packages", PACKAGES, as_of=AS_OF, config=config)
    assert result.get("ocset_over_timescale", stage="awaiting_enforcement", risk="ALL") == 2  # P3, P6
