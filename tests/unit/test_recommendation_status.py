"""The recommendation's register status derived from its actions and its own verification."""

from __future__ import annotations

from portal.models import ActionStatus as A
from portal.models import RecommendationStatus as R
from portal.services.signoff import derive_recommendation_status as derive


def test_no_actions_awaits_review() -> None:
    assert derive([], verified=False, current=R.BEING_PROGRESSED) == R.AWAITING_REVIEW


def test_open_actions_are_being_progressed() -> None:
    assert (
        derive([A.IN_PROGRESS, A.VERIFIED], verified=False, current=R.AWAITING_REVIEW) == R.BEING_PROGRESSED
    )
    assert derive([A.COMPLETE], verified=False, current=R.AWAITING_REVIEW) == R.BEING_PROGRESSED


def test_all_actions_verified_awaits_review_of_the_recommendation() -> None:
    assert derive([A.VERIFIED, A.VERIFIED], verified=False, current=R.BEING_PROGRESSED) == R.AWAITING_REVIEW


def test_verified_recommendation_is_complete() -> None:
    assert derive([A.VERIFIED], verified=True, current=R.AWAITING_REVIEW) == R.COMPLETE


def test_no_further_action_is_kept() -> None:
    assert derive([A.IN_PROGRESS], verified=False, current=R.NO_FURTHER_ACTION) == R.NO_FURTHER_ACTION
