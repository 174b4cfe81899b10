"""NFA outcomes changed to positive: the seven-week window, teams compared without case."""

from __future__ import annotations

from datetime import date

import pytest

from portal.metrics.config import EngineConfig

AS_OF = date(2024, 2, 20)  # seven weeks: 2024-01-03 .. 2024-02-20
CHANGES = """\
crime_ref,change_date,old_outcome_code,new_outcome_code,team
C1,2024-01-03,14,1,Outcome Review Team
C2,2024-01-02,15,3a,outcome review team
C3,2024-02-20,16,8,OOCR
C4,2024-02-01,1,14,OOCR
C5,2024-02-01,14,9,OOCR
C6,2024-02-10,18,5,Other team
C1,2024-02-11,18,2A,  Outcome REVIEW team
"""


@pytest.fixture
def changes(values):
    return values("outcome_changes", CHANGES, as_of=AS_OF)


def test_changes_in_the_seven_weeks_ending_on_the_as_of_date(changes) -> None:
    assert changes.get("outcomes_nfa_to_positive", team="ALL") == 3  # C1 (D-48), C3 (D), C1 again
    assert changes.get("outcomes_nfa_to_positive", team="Outcome Review Team") == 2
    assert changes.get("outcomes_nfa_to_positive", team="OOCR") == 1


def test_total_over_the_whole_file(changes) -> None:
    assert changes.get("outcomes_nfa_to_positive_total", team="ALL") == 4
    assert changes.get("outcomes_nfa_to_positive_total", team="Outcome Review Team") == 3


def test_teams_take_their_first_spelling_and_teams_with_none_count_zero(changes) -> None:
    assert sorted(changes.dims("outcomes_nfa_to_positive")) == [
        '{"team":"ALL"}',
        '{"team":"OOCR"}',
        '{"team":"Other team"}',
        '{"team":"Outcome Review Team"}',
    ]
    assert changes.get("outcomes_nfa_to_positive", team="Other team") == 0


def test_window_and_sets_are_configurable(values) -> None:
    config = EngineConfig(outcome_change_window_days=1, nfa_set={1})
    result = values("outcome_changes", CHANGES, as_of=AS_OF, config=config)
    assert result.get("outcomes_nfa_to_positive", team="ALL") == 0
    assert result.get("outcomes_nfa_to_positive_total", team="ALL") == 0
    result = values(
        "outcome_changes", CHANGES, as_of=AS_OF, config=EngineConfig(outcome_change_window_days=1)
    )
    assert result.get("outcomes_nfa_to_positive", team="ALL") == 1  # C3 on the as-of date
