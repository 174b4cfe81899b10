"""Row-level scoping: the filters that narrow every list query to what the principal may see."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true

from portal.access.permissions import Permission
from portal.access.principal import AccessDenied, Principal
from portal.models import Action, Cause, MetricValue, Recommendation, Role
from portal.models.metrics import MetricDefinition


def _recommendation_clause(refs: frozenset[str]) -> ColumnElement[bool]:
    clauses = []
    for ref in sorted(refs):
        code, _, number = ref.rpartition("-")
        if code and number.isdigit():
            clauses.append(and_(Cause.code == code, Recommendation.number == int(number)))
    return or_(*clauses) if clauses else false()


def action_detail_clause(principal: Principal) -> ColumnElement[bool]:
    """Which actions the principal may see in detail; the query must join Recommendation and Cause."""
    if not principal.can(Permission.ACTIONS_READ):
        return false()
    if principal.sees_all_detail:
        return true()
    owned = Action.owner_id == principal.user_id
    if principal.role == Role.GOLD:
        return or_(Cause.code.in_(sorted(principal.causes)), owned)
    if principal.role == Role.SILVER:
        return or_(_recommendation_clause(principal.recommendations), owned)
    if principal.role == Role.LPA:
        return or_(Action.lpa == principal.lpa, owned) if principal.lpa else owned
    return false()


def scoped_actions(principal: Principal) -> Select[tuple[Action]]:
    """SELECT of the actions the principal may see in detail."""
    return (
        select(Action)
        .join(Action.recommendation)
        .join(Recommendation.cause)
        .where(action_detail_clause(principal))
    )


def may_edit_action(principal: Principal, action: Action) -> bool:
    """Progress, status, evidence and due date (with reason) on an action in the principal's remit."""
    if not principal.can(Permission.ACTIONS_UPDATE):
        return False
    rec = action.recommendation
    if principal.role == Role.GOLD:
        return rec.cause.code in principal.causes
    if principal.role == Role.SILVER:
        return rec.ref in principal.recommendations or action.owner_id == principal.user_id
    if principal.role == Role.LPA:
        return principal.lpa is not None and action.lpa == principal.lpa
    return False


def may_manage_action(principal: Principal, action: Action) -> bool:
    """Owner changes, approvals and new actions: the gold lead of the action's cause."""
    return principal.can(Permission.ACTIONS_MANAGE) and action.recommendation.cause.code in principal.causes


def metric_value_clause(principal: Principal) -> ColumnElement[bool]:
    """LPA leads see force totals and their own LPA's breakdown, never another LPA's figures."""
    if not principal.can(Permission.METRICS_READ):
        return false()
    if principal.role == Role.LPA:
        allowed = ["ALL"] + ([principal.lpa] if principal.lpa else [])
        return or_(MetricValue.lpa.is_(None), MetricValue.lpa.in_(allowed))
    return true()


def metric_definition_clause(principal: Principal) -> ColumnElement[bool]:
    return true() if principal.can(Permission.METRICS_READ) else MetricDefinition.id.is_(None)


def require_lpa_visible(principal: Principal, lpa: str) -> None:
    """Refuse a request naming an LPA whose breakdown the principal may not see."""
    if lpa == "ALL":
        return
    if principal.role == Role.LPA and lpa != principal.lpa:
        raise AccessDenied("LPA leads see only their own LPA")
