"""Tolerances: metric figures against green/amber/red bands, breach alerts and their acknowledgement."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from portal.access import AccessDenied, Permission, Principal, action_detail_clause, require
from portal.clock import utcnow
from portal.metrics.catalogue import LPAS
from portal.models import (
    Action,
    Alert,
    AlertKind,
    AlertStatus,
    Cause,
    Direction,
    Extract,
    ExtractStatus,
    MetricDefinition,
    MetricValue,
    Recommendation,
    Role,
    ScopeKind,
    ToleranceOverride,
    User,
    UserScope,
)
from portal.services import audit

BREACH_ACTION_DAYS = 28
MAX_COMMENT = 2000


class AlertError(ValueError):
    """An acknowledgement that cannot be made as asked; nothing was changed."""


@dataclass(frozen=True)
class Band:
    amber: float
    red: float
    direction: Direction
    trigger_plan: str | None


def rag(value: float, band: Band) -> str:
    """green, amber or red for a value; direction says which side is good."""
    if band.direction == Direction.HIGHER_BETTER:
        return "red" if value < band.red else "amber" if value < band.amber else "green"
    return "red" if value > band.red else "amber" if value > band.amber else "green"


def band_for(definition: MetricDefinition, override: ToleranceOverride | None) -> Band | None:
    amber, red, plan = definition.amber_threshold, definition.red_threshold, definition.trigger_plan
    if override is not None and override.amber_threshold is not None:
        amber, red = override.amber_threshold, override.red_threshold
        plan = override.trigger_plan or plan
    if amber is None or definition.direction == Direction.NEUTRAL:
        return None
    return Band(amber, red if red is not None else amber, definition.direction, plan)


def _series(session: Session, keys: Sequence[str]) -> dict[tuple[str, str], list[tuple[date, float, str]]]:
    """(metric, dims) -> [(as_of, value, lpa)] newest first, for the headline combinations only:
    every non-lpa dimension at ALL (or at its single value when it has no total)."""
    rows = session.execute(
        select(
            MetricValue.metric_key, MetricValue.dims, MetricValue.as_of, MetricValue.value, MetricValue.lpa
        )
        .join(Extract, MetricValue.extract_id == Extract.id)
        .where(Extract.status == ExtractStatus.SUCCEEDED, MetricValue.metric_key.in_(list(keys)))
    ).all()
    values_by_dim: dict[tuple[str, str], set[str]] = defaultdict(set)
    parsed = []
    for key, raw, as_of, value, lpa in rows:
        dims = json.loads(raw) if raw else {}
        for name, v in dims.items():
            values_by_dim[(key, name)].add(v)
        parsed.append((key, raw, dims, as_of, value, lpa))
    series: dict[tuple[str, str], list[tuple[date, float, str]]] = defaultdict(list)
    for key, raw, dims, as_of, value, lpa in parsed:
        headline = all(
            v == "ALL" or ("ALL" not in values_by_dim[(key, n)] and len(values_by_dim[(key, n)]) == 1)
            for n, v in dims.items()
            if n != "lpa"
        )
        if headline:
            series[(key, raw)].append((as_of, value, lpa or "ALL"))
    for points in series.values():
        points.sort(key=lambda p: p[0], reverse=True)
    return series


def status_history(
    session: Session, *, keys: Sequence[str] | None = None
) -> dict[tuple[str, str], list[str]]:
    """(metric, lpa) -> RAG of each snapshot, newest first (readiness reads the force totals)."""
    defs = _definitions(session, keys)
    overrides = _overrides(session)
    out: dict[tuple[str, str], list[str]] = {}
    for (key, _dims), points in _series(session, list(defs)).items():
        lpa = points[0][2]
        band = band_for(defs[key], overrides.get((key, lpa)))
        if band is not None:
            out[(key, lpa)] = [rag(v, band) for _, v, _ in points]
    return out


def _definitions(session: Session, keys: Sequence[str] | None = None) -> dict[str, MetricDefinition]:
    query = select(MetricDefinition).options(selectinload(MetricDefinition.recommendations))
    if keys is not None:
        query = query.where(MetricDefinition.key.in_(list(keys)))
    return {d.key: d for d in session.scalars(query)}


def _overrides(session: Session) -> dict[tuple[str, str], ToleranceOverride]:
    return {(o.metric_key, o.lpa): o for o in session.scalars(select(ToleranceOverride))}


def _message(definition: MetricDefinition, lpa: str, value: float, band: Band, colour: str) -> str:
    where = "force-wide" if lpa == "ALL" else lpa
    threshold = band.red if colour == "red" else band.amber
    word = "below" if band.direction == Direction.HIGHER_BETTER else "above"
    return f"{definition.name} ({where}) is {value:,.2f}, {word} the {colour} threshold of {threshold:,.2f}."


def evaluate(session: Session, *, today: date, open_actions: bool = False) -> dict[str, int]:
    """Raise, update or resolve breach alerts from the latest snapshot of every banded metric."""
    defs = _definitions(session)
    overrides = _overrides(session)
    open_alerts = {
        (a.metric_key, a.dims): a
        for a in session.scalars(
            select(Alert).where(Alert.kind == AlertKind.METRIC_BREACH, Alert.status != AlertStatus.RESOLVED)
        )
    }
    raised = resolved = 0
    for (key, dims), points in _series(session, list(defs)).items():
        lpa = points[0][2]
        band = band_for(defs[key], overrides.get((key, lpa)))
        alert = open_alerts.get((key, dims))
        if band is None:
            continue
        _, value, _ = points[0]
        colour = rag(value, band)
        if colour == "green":
            if alert is not None:
                alert.status = AlertStatus.RESOLVED
                resolved += 1
            continue
        since = points[0][0]
        for as_of, earlier, _ in points[1:]:
            if rag(earlier, band) == "green":
                break
            since = as_of
        threshold = band.red if colour == "red" else band.amber
        message = _message(defs[key], lpa, value, band, colour)
        if alert is not None:
            alert.value, alert.threshold, alert.message = value, threshold, message
            continue
        alert = Alert(
            kind=AlertKind.METRIC_BREACH,
            metric_key=key,
            lpa=lpa,
            dims=dims,
            value=value,
            threshold=threshold,
            since=since,
            message=message,
        )
        session.add(alert)
        raised += 1
        if open_actions:
            _open_action(session, alert=alert, definition=defs[key], today=today)
    session.flush()
    return {"breaches_raised": raised, "breaches_resolved": resolved}


def _open_action(session: Session, *, alert: Alert, definition: MetricDefinition, today: date) -> None:
    """PORTAL_BREACH_OPENS_ACTION: an action for the LPA's lead under the metric's first recommendation."""
    if alert.lpa not in LPAS or not definition.recommendations:
        return
    lead = session.scalar(
        select(User)
        .join(UserScope, UserScope.user_id == User.id)
        .where(
            User.role == Role.LPA,
            User.is_active.is_(True),
            UserScope.kind == ScopeKind.LPA,
            UserScope.value == alert.lpa,
        )
        .order_by(User.id)
        .limit(1)
    )
    if lead is None:
        return
    due = today + timedelta(days=BREACH_ACTION_DAYS)
    action = Action(
        recommendation_id=definition.recommendations[0].id,
        title=f"Respond to breach: {definition.name} in {alert.lpa}"[:240],
        description=alert.message
        + (f"\n\nTrigger plan: {definition.trigger_plan}" if definition.trigger_plan else ""),
        owner_id=lead.id,
        lpa=alert.lpa,
        due_date=due,
        original_due_date=due,
    )
    session.add(action)
    session.flush()
    alert.action_id = action.id
    audit.record(
        session,
        actor=None,
        actor_email="system",
        event="action.create_from_breach",
        entity_type="action",
        entity_id=action.id,
        after={"metric": definition.key, "lpa": alert.lpa, "owner_id": lead.id},
    )


def _visible_clause(principal: Principal):  # type: ignore[no-untyped-def]
    if principal.role == Role.LPA:
        allowed = ["ALL"] + ([principal.lpa] if principal.lpa else [])
        return or_(Alert.lpa.is_(None), Alert.lpa.in_(allowed))
    return None


def list_alerts(session: Session, *, principal: Principal, include_resolved: bool = False) -> list[Alert]:
    """Breach alerts (LPA leads: force-wide and own LPA) and overdue-action alerts in detail scope."""
    require(principal, Permission.METRICS_READ)
    query = select(Alert).options(selectinload(Alert.acknowledged_by))
    if not include_resolved:
        query = query.where(Alert.status != AlertStatus.RESOLVED)
    breach = select(Alert.id).where(Alert.kind == AlertKind.METRIC_BREACH)
    clause = _visible_clause(principal)
    if clause is not None:
        breach = breach.where(clause)
    overdue = (
        select(Alert.id)
        .join(Action, Alert.action_id == Action.id)
        .join(Action.recommendation)
        .join(Recommendation.cause)
        .where(Alert.kind == AlertKind.ACTION_OVERDUE, action_detail_clause(principal))
    )
    query = query.where(or_(Alert.id.in_(breach), Alert.id.in_(overdue)))
    return list(session.scalars(query.order_by(Alert.status, Alert.since.desc(), Alert.id.desc())))


def may_acknowledge(session: Session, principal: Principal, alert: Alert) -> bool:
    """Owners: executive any; gold the alerts of own causes; LPA leads only their own LPA's."""
    if not principal.can(Permission.ALERTS_ACKNOWLEDGE):
        return False
    if principal.role in (Role.EXECUTIVE, Role.ADMIN):
        return True
    if principal.role == Role.LPA:
        return principal.lpa is not None and alert.lpa == principal.lpa
    if principal.role == Role.GOLD:
        if alert.kind == AlertKind.ACTION_OVERDUE and alert.action is not None:
            return alert.action.recommendation.cause.code in principal.causes
        code = session.scalar(
            select(Cause.code)
            .join(MetricDefinition, MetricDefinition.cause_id == Cause.id)
            .where(MetricDefinition.key == alert.metric_key)
        )
        return code in principal.causes
    return False


def acknowledge(session: Session, *, principal: Principal, alert_id: int, comment: str) -> Alert:
    require(principal, Permission.ALERTS_ACKNOWLEDGE)
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise AlertError("There is no such alert.")
    if not may_acknowledge(session, principal, alert):
        raise AccessDenied("This alert is outside your remit.")
    text = (comment or "").strip()
    if not text:
        raise AlertError("Write a comment saying what is being done.")
    if alert.status == AlertStatus.RESOLVED:
        raise AlertError("This alert is already resolved.")
    before = {"status": str(alert.status), "comment": alert.comment}
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_by_id, alert.acknowledged_at = principal.user_id, utcnow()
    alert.comment = text[:MAX_COMMENT]
    session.flush()
    audit.record(
        session,
        actor=principal,
        event="alert.acknowledge",
        entity_type="alert",
        entity_id=alert.id,
        before=before,
        after={"status": str(alert.status), "comment": alert.comment},
    )
    return alert


def trigger_plans(
    session: Session, *, principal: Principal, keys: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """metric key -> (name, trigger plan text) for the alert list."""
    require(principal, Permission.METRICS_READ)
    return {k: (d.name, d.trigger_plan or "") for k, d in _definitions(session, keys).items()}
