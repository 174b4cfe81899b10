"""The demo programme is the paper's: causes, recommendations, actions with owners in scope, idempotent."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.demo.programme import DEMO_ACCOUNTS, seed_programme
from portal.models import DONE_STATUSES, Action, Cause, GovernanceGroup, GroupKind, Recommendation, User
from portal.passwords import Hasher

PAPER = (Path(__file__).resolve().parents[2] / "docs" / "source" / "board-paper-2024-02-27.txt").read_text()
PAPER_DATE = date(2024, 2, 27)


def _plain(text: str) -> str:
    return re.sub(r"[‘’'\"*\s]+", " ", text).strip().lower()


def test_causes_and_recommendations_are_the_papers(db_session: Session) -> None:
    causes = {c.code: c for c in db_session.scalars(select(Cause))}
    assert {code: len(c.recommendations) for code, c in causes.items()} == {
        "INV": 5,
        "MARAC": 4,
        "RSO": 6,
        "OCSET": 6,
    }
    paper = _plain(PAPER)
    for cause in causes.values():
        assert _plain(cause.statement).rstrip(".") in paper, cause.code
        for rec in cause.recommendations:
            assert _plain(rec.text) in paper, rec.ref


def test_every_recommendation_has_actions_owned_within_scope(db_session: Session) -> None:
    for rec in db_session.scalars(select(Recommendation)):
        assert len(rec.actions) >= 3, rec.ref
        for action in rec.actions:
            owner = action.owner
            scopes = {s.value for s in owner.scopes}
            assert (
                (owner.role == "gold" and rec.cause.code in scopes)
                or (owner.role == "silver" and rec.ref in scopes)
                or (owner.role == "lpa" and action.lpa in scopes)
            ), (action.title, owner.email)


def test_the_programme_has_overdue_slipped_complete_and_blocked_actions(db_session: Session) -> None:
    actions = list(db_session.scalars(select(Action)))
    overdue = [a for a in actions if a.status not in DONE_STATUSES and a.due_date < PAPER_DATE]
    slipped = [a for a in actions if a.due_date > a.original_due_date]
    assert len(overdue) >= 3 and len(slipped) >= 3
    assert any(a.status == "blocked" for a in actions)
    assert any(a.status == "verified" for a in actions)
    for action in slipped:
        assert any(u.due_to == action.due_date and u.reason for u in action.updates), action.title


def test_demo_accounts_and_governance_tree(db_session: Session) -> None:
    roles = {email: role for email, role in db_session.execute(select(User.email, User.role))}
    for email, role in DEMO_ACCOUNTS:
        assert roles[email] == role
    board = db_session.scalar(select(GovernanceGroup).where(GovernanceGroup.name == "HMICFRS Board"))
    golds = db_session.scalars(select(GovernanceGroup).where(GovernanceGroup.kind == GroupKind.GOLD)).all()
    assert len(golds) == 4 and all(g.parent_id == board.id for g in golds)


def test_seeding_twice_creates_nothing(db_session: Session) -> None:
    before = db_session.scalar(select(func.count()).select_from(Action))
    created = seed_programme(db_session, hasher=Hasher(time_cost=1, memory_kib=1024), password="engage-demo")
    assert set(created.values()) == {0}
    assert db_session.scalar(select(func.count()).select_from(Action)) == before
