"""The programme as people read it: RAG rules and per-cause summaries within the reader's scope."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.access import Permission, Principal, action_detail_clause, require
from portal.models import DONE_STATUSES, Action, ActionStatus, Cause, Milestone, Recommendation

DUE_SOON_DAYS = 14


def action_rag(status: ActionStatus, due_date: date, today: date) -> str:
    """Derived, never typed in: green done or on track, amber due soon or awaiting sign-off,
    red late or blocked."""
    if status in DONE_STATUSES:
        return "green"
    if status == ActionStatus.BLOCKED or due_date < today:
        return "red"
    if status == ActionStatus.COMPLETE_PROPOSED or due_date <= today + timedelta(days=DUE_SOON_DAYS):
        return "amber"
    return "green"


def is_overdue(status: ActionStatus, due_date: date, today: date) -> bool:
    return status not in DONE_STATUSES and due_date < today


@dataclass
class ActionCounts:
    total: int = 0
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    completed: int = 0

    def add(self, status: ActionStatus, due_date: date, today: date) -> None:
        self.total += 1
        if status in DONE_STATUSES:
            self.completed += 1
            return
        self.open += 1
        if due_date < today:
            self.overdue += 1
        elif due_date <= today + timedelta(days=DUE_SOON_DAYS):
            self.due_soon += 1


@dataclass
class CauseSummary:
    code: str
    title: str
    statement: str
    recommendations: int
    recommendation_status: Counter[str] = field(default_factory=Counter)
    actions: ActionCounts = field(default_factory=ActionCounts)  # force-wide
    in_scope: ActionCounts | None = None  # only for readers whose detail scope is narrower

    @property
    def rag(self) -> str:
        if self.actions.overdue:
            return "red"
        if self.actions.due_soon or self.actions.open:
            return "amber"
        return "green" if self.actions.total else "grey"


def cause_summaries(session: Session, *, principal: Principal, today: date) -> list[CauseSummary]:
    """Force-wide counts for everyone who may read summaries; in-scope counts for narrower roles."""
    require(principal, Permission.CAUSES_READ)
    causes = session.scalars(select(Cause).order_by(Cause.position, Cause.code)).all()
    summaries = {c.code: CauseSummary(c.code, c.title, c.statement, 0) for c in causes}
    for code, status in session.execute(select(Cause.code, Recommendation.status).join(Recommendation.cause)):
        summaries[code].recommendations += 1
        summaries[code].recommendation_status[str(status)] += 1
    narrow = not principal.sees_all_detail
    rows = session.execute(
        select(Cause.code, Action.status, Action.due_date, action_detail_clause(principal))
        .select_from(Action)
        .join(Action.recommendation)
        .join(Recommendation.cause)
    )
    for code, status, due, visible in rows:
        summary = summaries[code]
        summary.actions.add(status, due, today)
        if narrow and principal.can(Permission.ACTIONS_READ):
            if summary.in_scope is None:
                summary.in_scope = ActionCounts()
            if visible:
                summary.in_scope.add(status, due, today)
    return list(summaries.values())


def get_cause(session: Session, *, principal: Principal, code: str) -> Cause | None:
    """One Cause of Concern with its recommendations and their silver groups; None for an unknown code."""
    require(principal, Permission.CAUSES_READ)
    return session.scalar(
        select(Cause)
        .where(Cause.code == code.upper())
        .options(selectinload(Cause.recommendations).selectinload(Recommendation.silver_group))
    )


def milestones(session: Session, *, principal: Principal) -> Sequence[Milestone]:
    """The Engage timeline (notice, inspection, letter, meetings) in date order."""
    require(principal, Permission.PORTAL_VIEW)
    return session.scalars(select(Milestone).order_by(Milestone.on_date, Milestone.id)).all()
