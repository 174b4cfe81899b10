"""Readiness to leave Engage, per Cause of Concern: verification, evidence, figures, overdue actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.access import Permission, Principal, require
from portal.models import (
    DONE_STATUSES,
    Action,
    Cause,
    Evidence,
    MetricDefinition,
    Recommendation,
    RecommendationStatus,
)
from portal.services import tolerances

VERIFIED_STATUSES = (RecommendationStatus.COMPLETE, RecommendationStatus.NO_FURTHER_ACTION)


@dataclass
class Readiness:
    code: str
    title: str
    recommendations: int = 0
    verified: int = 0
    evidence: int = 0
    metrics_banded: int = 0
    metrics_steady: int = 0
    overdue: int = 0
    snapshots: int = 3
    blockers: list[str] = field(default_factory=list)

    @property
    def verified_share(self) -> float:
        return 100.0 * self.verified / self.recommendations if self.recommendations else 0.0

    @property
    def ready(self) -> bool:
        return not self.blockers


def readiness(session: Session, *, principal: Principal, today: date, snapshots: int = 3) -> list[Readiness]:
    """Force-wide readiness of each cause (a summary every reader of the overview may see)."""
    require(principal, Permission.PORTAL_VIEW)
    causes = session.scalars(select(Cause).order_by(Cause.position, Cause.code)).all()
    out = {c.code: Readiness(c.code, c.title, snapshots=snapshots) for c in causes}
    for code, status, verified_at in session.execute(
        select(Cause.code, Recommendation.status, Recommendation.verified_at).join(Recommendation.cause)
    ):
        out[code].recommendations += 1
        if verified_at is not None or status in VERIFIED_STATUSES:
            out[code].verified += 1
    for code, count in session.execute(
        select(Cause.code, func.count(Evidence.id))
        .select_from(Evidence)
        .join(Action, Evidence.action_id == Action.id)
        .join(Action.recommendation)
        .join(Recommendation.cause)
        .group_by(Cause.code)
    ):
        out[code].evidence = count
    for code, count in session.execute(
        select(Cause.code, func.count(Action.id))
        .join(Action.recommendation)
        .join(Recommendation.cause)
        .where(Action.due_date < today, Action.status.not_in(DONE_STATUSES))
        .group_by(Cause.code)
    ):
        out[code].overdue = count
    history = tolerances.status_history(session)
    unsteady: dict[str, list[str]] = {}
    for definition, code in session.execute(
        select(MetricDefinition, Cause.code).join(Cause, MetricDefinition.cause_id == Cause.id)
    ):
        points = history.get((definition.key, "ALL"))
        if points is None:
            continue
        out[code].metrics_banded += 1
        if len(points) >= snapshots and all(p == "green" for p in points[:snapshots]):
            out[code].metrics_steady += 1
        else:
            unsteady.setdefault(code, []).append(definition.name)
    for code, r in out.items():
        if r.verified < r.recommendations:
            r.blockers.append(
                f"{r.recommendations - r.verified:,} of {r.recommendations:,} recommendations not verified"
            )
        if r.evidence == 0:
            r.blockers.append("No evidence recorded on any action")
        for name in unsteady.get(code, []):
            r.blockers.append(f"{name} not within tolerance for {snapshots} consecutive snapshots")
        if r.overdue:
            r.blockers.append(f"{r.overdue:,} action{'s' if r.overdue != 1 else ''} overdue")
    return list(out.values())
