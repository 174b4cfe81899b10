"""Governance oversight: the group tree, overdue and slipped actions and recent updates, within scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.access import Permission, Principal, action_detail_clause, require, scoped_actions
from portal.models import DONE_STATUSES, Action, ActionUpdate, Cause, Recommendation
from portal.models.governance import GovernanceGroup


@dataclass
class GroupNode:
    name: str
    kind: str
    chair: str
    cadence: str
    purpose: str | None
    leads: list[str] = field(default_factory=list)  # causes (gold) or recommendations (silver) it owns
    children: list[GroupNode] = field(default_factory=list)


@dataclass(frozen=True)
class ActionLine:
    ref: str  # "INV-4"
    title: str
    owner: str
    lpa: str | None
    due_date: date
    original_due_date: date
    status: str
    reason: str | None = None  # latest due-date change reason (slippage)


@dataclass(frozen=True)
class UpdateLine:
    at: object
    ref: str
    action: str
    author: str
    note: str | None
    status_to: str | None
    due_from: date | None
    due_to: date | None
    reason: str | None


def governance_tree(session: Session, *, principal: Principal) -> list[GroupNode]:
    """Boards and groups as a forest (roots first), each with the causes or recommendations it leads."""
    require(principal, Permission.GOVERNANCE_READ)
    groups = session.scalars(select(GovernanceGroup).order_by(GovernanceGroup.position)).all()
    nodes = {g.id: GroupNode(g.name, str(g.kind), g.chair, g.cadence, g.purpose) for g in groups}
    for code, group_id in session.execute(select(Cause.code, Cause.gold_group_id).order_by(Cause.position)):
        if group_id in nodes:
            nodes[group_id].leads.append(code)
    recs = session.execute(
        select(Cause.code, Recommendation.number, Recommendation.silver_group_id)
        .join(Recommendation.cause)
        .order_by(Cause.position, Recommendation.number)
    )
    for code, number, group_id in recs:
        if group_id in nodes:
            nodes[group_id].leads.append(f"{code}-{number}")
    roots: list[GroupNode] = []
    for g in groups:
        parent = nodes.get(g.parent_id) if g.parent_id else None
        (parent.children if parent else roots).append(nodes[g.id])
    return roots


def _line(action: Action, reason: str | None = None) -> ActionLine:
    return ActionLine(
        ref=action.recommendation.ref,
        title=action.title,
        owner=action.owner.name if action.owner else "Unassigned",
        lpa=action.lpa,
        due_date=action.due_date,
        original_due_date=action.original_due_date,
        status=str(action.status),
        reason=reason,
    )


def _actions(principal: Principal):  # type: ignore[no-untyped-def]
    return scoped_actions(principal).options(
        selectinload(Action.recommendation).selectinload(Recommendation.cause), selectinload(Action.owner)
    )


def overdue_actions(session: Session, *, principal: Principal, today: date) -> list[ActionLine]:
    require(principal, Permission.GOVERNANCE_READ)
    query = _actions(principal).where(Action.due_date < today, Action.status.not_in(DONE_STATUSES))
    return [_line(a) for a in session.scalars(query.order_by(Action.due_date, Action.id)).unique()]


def slipped_actions(session: Session, *, principal: Principal) -> list[ActionLine]:
    """Actions whose due date moved from the original one, with the latest recorded reason."""
    require(principal, Permission.GOVERNANCE_READ)
    query = _actions(principal).where(Action.due_date != Action.original_due_date)
    found = session.scalars(query.order_by(Action.due_date, Action.id)).unique().all()
    reasons: dict[int, str] = {}
    if found:
        rows = session.execute(
            select(ActionUpdate.action_id, ActionUpdate.reason)
            .where(ActionUpdate.action_id.in_([a.id for a in found]), ActionUpdate.due_to.is_not(None))
            .order_by(ActionUpdate.created_at)
        )
        reasons = {action_id: reason for action_id, reason in rows if reason}
    return [_line(a, reasons.get(a.id)) for a in found]


def recent_updates(session: Session, *, principal: Principal, limit: int = 12) -> list[UpdateLine]:
    require(principal, Permission.GOVERNANCE_READ)
    query = (
        select(ActionUpdate)
        .join(ActionUpdate.action)
        .join(Action.recommendation)
        .join(Recommendation.cause)
        .where(action_detail_clause(principal))
        .options(
            selectinload(ActionUpdate.author),
            selectinload(ActionUpdate.action)
            .selectinload(Action.recommendation)
            .selectinload(Recommendation.cause),
        )
        .order_by(ActionUpdate.created_at.desc(), ActionUpdate.id.desc())
        .limit(limit)
    )
    return [
        UpdateLine(
            at=u.created_at,
            ref=u.action.recommendation.ref,
            action=u.action.title,
            author=u.author.name if u.author else "Portal",
            note=u.note,
            status_to=str(u.status_to) if u.status_to else None,
            due_from=u.due_from,
            due_to=u.due_to,
            reason=u.reason,
        )
        for u in session.scalars(query)
    ]
