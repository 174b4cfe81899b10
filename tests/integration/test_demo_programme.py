"""The demo programme is the paper's: causes, recommendations, actions owned in scope, idempotent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.clock import LONDON
from portal.db import Base, make_engine
from portal.demo.programme import DEMO_ACCOUNTS, seed_programme
from portal.models import (
    DONE_STATUSES,
    Action,
    ActionStatus,
    AuditEvent,
    Cause,
    GovernanceGroup,
    GroupKind,
    Milestone,
    Recommendation,
    RecommendationStatus,
    Role,
    User,
)
from portal.passwords import Hasher

PAPER = Path(__file__).resolve().parents[2] / "docs" / "source" / "board-paper-2024-02-27.txt"
PAPER_DATE = date(2024, 2, 27)
DESIGN_ACCOUNTS = [
    ("admin@portal.example", "admin"),
    ("dcc@portal.example", "executive"),
    ("gold.investigations@portal.example", "gold"),
    ("gold.marac@portal.example", "gold"),
    ("silver.outcomes@portal.example", "silver"),
    ("opcc@portal.example", "opcc"),
    ("lpa.birmingham@portal.example", "lpa"),
    ("lpa.coventry@portal.example", "lpa"),
    ("analyst@portal.example", "analyst"),
]
HASHER = Hasher(time_cost=1, memory_kib=1024)
Seeded = tuple[Session, dict[str, int], dict[str, int]]


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    """Seeds, commits, then seeds again in a fresh session: the second run must find everything."""
    engine = make_engine(f"sqlite:///{tmp_path}/t.sqlite")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        first = seed_programme(session, hasher=HASHER, password="engage-demo")
        session.commit()
    with Session(engine) as session:
        second = seed_programme(session, hasher=HASHER, password="engage-demo")
        session.commit()
        yield session, first, second
    engine.dispose()


def _plain(text: str) -> str:
    """Lower case, without quote marks or bold markers, one space between words."""
    return re.sub(r"\s+", " ", re.sub(r"[‘’'\"*]", "", text)).strip().lower()


def test_causes_and_recommendations_are_the_papers(seeded: Seeded) -> None:
    session, _, _ = seeded
    causes = {c.code: c for c in session.scalars(select(Cause))}
    assert {code: len(c.recommendations) for code, c in causes.items()} == {
        "INV": 5,
        "MARAC": 4,
        "RSO": 6,
        "OCSET": 6,
    }
    paper = _plain(PAPER.read_text())
    for cause in causes.values():
        assert cause.raised_on == date(2023, 11, 24) and cause.status == "open"
        assert cause.gold_group is not None and cause.gold_group.kind == GroupKind.GOLD
        assert _plain(cause.statement).rstrip(".") in paper, cause.code
        assert [r.number for r in cause.recommendations] == list(range(1, len(cause.recommendations) + 1))
        for rec in cause.recommendations:
            assert _plain(rec.text) in paper, rec.ref
            assert rec.status in (RecommendationStatus.BEING_PROGRESSED, RecommendationStatus.AWAITING_REVIEW)
            assert rec.theme
    six_months = {
        rec.ref for c in causes.values() for rec in c.recommendations if rec.deadline != c.raised_on
    }
    assert six_months == {"MARAC-3", "MARAC-4"}
    assert all(
        r.deadline == date(2024, 5, 24)
        for c in causes.values()
        for r in c.recommendations
        if r.ref in six_months
    )


def test_every_action_is_owned_within_scope(seeded: Seeded) -> None:
    session, _, _ = seeded
    for rec in session.scalars(select(Recommendation)):
        assert 3 <= len(rec.actions) <= 6, rec.ref
        for action in rec.actions:
            owner = action.owner
            scopes = {s.value for s in owner.scopes}
            assert (
                (owner.role == Role.GOLD and rec.cause.code in scopes)
                or (owner.role == Role.SILVER and rec.ref in scopes)
                or (owner.role == Role.LPA and action.lpa in scopes)
            ), (rec.ref, action.title, owner.email)
            assert action.group is not None


def test_status_due_date_and_log_agree(seeded: Seeded) -> None:
    session, _, _ = seeded
    earliest, latest = date(2023, 12, 1), date(2024, 2, 26)
    for action in session.scalars(select(Action)):
        log = sorted(action.updates, key=lambda u: u.created_at)
        assert 1 <= len(log) <= 3, action.title
        status, due = ActionStatus.NOT_STARTED, action.original_due_date
        for update in log:
            when = update.created_at.astimezone(LONDON)
            assert earliest <= when.date() <= latest and update.note, action.title
            if update.status_to is not None:
                assert update.status_from == status, action.title
                status = update.status_to
            if update.due_to is not None:
                assert update.due_from == due and update.reason, action.title
                due = update.due_to
        assert (action.status, action.due_date) == (status, due), action.title
        assert (action.completed_on is not None) == (action.status in DONE_STATUSES), action.title
        assert action.version == 1


def test_the_programme_has_overdue_slipped_blocked_and_verified_actions(
    seeded: Seeded,
) -> None:
    session, _, _ = seeded
    actions = list(session.scalars(select(Action)))
    overdue = [a for a in actions if a.status not in DONE_STATUSES and a.due_date < PAPER_DATE]
    slipped = [a for a in actions if a.due_date > a.original_due_date]
    assert len(overdue) >= 3 and len(slipped) >= 3
    for action in slipped:
        assert any(u.due_from and u.due_to == action.due_date and u.reason for u in action.updates)
    statuses = {a.status for a in actions}
    assert {ActionStatus.BLOCKED, ActionStatus.COMPLETE, ActionStatus.VERIFIED} <= statuses
    assert {a.lpa for a in actions} >= {"Birmingham", "Coventry", "Sandwell"}


def test_demo_accounts_are_designs_and_audited(seeded: Seeded) -> None:
    session, _, _ = seeded
    assert list(DEMO_ACCOUNTS) == DESIGN_ACCOUNTS
    users = {u.email: u for u in session.scalars(select(User))}
    for email, role in DESIGN_ACCOUNTS + [
        ("gold.som@portal.example", "gold"),
        ("gold.ocset@portal.example", "gold"),
    ]:
        assert users[email].role == role and users[email].is_demo and users[email].name, email
        assert HASHER.verify(users[email].password_hash, "engage-demo")
    assert {s.value for s in users["silver.outcomes@portal.example"].scopes} == {"INV-4", "INV-5"}
    assert {s.value for s in users["lpa.coventry@portal.example"].scopes} == {"Coventry"}
    assert users["dcc@portal.example"].name == "Scott Green"
    created = session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "user.create")
    )
    assert created == len(users)


def test_governance_tree_and_timeline(seeded: Seeded) -> None:
    session, _, _ = seeded
    board = session.scalar(select(GovernanceGroup).where(GovernanceGroup.name == "HMICFRS Board"))
    assert board.parent is None and (board.chair, board.cadence) == ("DCC", "monthly")
    golds = session.scalars(select(GovernanceGroup).where(GovernanceGroup.kind == GroupKind.GOLD)).all()
    assert len(golds) == 4 and all(g.parent == board for g in golds)
    for silver in session.scalars(select(GovernanceGroup).where(GovernanceGroup.kind == GroupKind.SILVER)):
        assert silver.parent in golds, silver.name
    opcc_board = session.scalar(
        select(GovernanceGroup).where(GovernanceGroup.name == "MARAC Strategic Governance Board")
    )
    assert (opcc_board.chair, opcc_board.cadence) == ("OPCC", "to be set")
    days = set(session.scalars(select(Milestone.on_date)))
    assert {date(2023, 1, 23), date(2023, 7, 31), date(2023, 11, 24), date(2024, 2, 27)} <= days


def test_seeding_twice_creates_nothing(seeded: Seeded) -> None:
    session, first, second = seeded
    assert first["causes"] == 4 and first["recommendations"] == 21 and first["demo accounts"] == 11
    assert set(second.values()) == {0}
    assert session.scalar(select(func.count()).select_from(Action)) == first["actions"]
    assert session.scalar(select(func.count()).select_from(User)) == 11
