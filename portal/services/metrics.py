"""Metric catalogue in the database and the figures, read through the reader's scope."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Permission, Principal, metric_value_clause, require, require_lpa_visible
from portal.metrics.catalogue import METRICS
from portal.models import (
    Cause,
    Direction,
    Extract,
    ExtractStatus,
    MetricDefinition,
    MetricValue,
    Recommendation,
)

CURRENT = (ExtractStatus.SUCCEEDED,)


def sync_catalogue(session: Session) -> int:
    """Insert definitions missing from the database; never overwrite what an admin edited."""
    existing = set(session.scalars(select(MetricDefinition.key)))
    causes = {c.code: c for c in session.scalars(select(Cause))}
    created = 0
    for spec in METRICS:
        if spec.key in existing:
            continue
        cause = causes.get(spec.cause or "")
        recs = [r for r in cause.recommendations if r.number in spec.recommendations] if cause else []
        session.add(
            MetricDefinition(
                key=spec.key,
                kind=spec.kind,
                name=spec.name,
                paper_label=spec.paper_label,
                description=spec.description,
                unit=spec.unit,
                direction=Direction(spec.direction),
                dims=list(spec.dims),
                cause=cause,
                recommendations=recs,
            )
        )
        created += 1
    session.flush()
    return created


def definitions(session: Session, *, principal: Principal) -> Sequence[MetricDefinition]:
    require(principal, Permission.METRICS_READ)
    return session.scalars(select(MetricDefinition).order_by(MetricDefinition.id)).all()


def values(
    session: Session,
    *,
    principal: Principal | None,
    key: str | None = None,
    as_of: date | None = None,
    lpa: str | None = None,
) -> list[dict[str, Any]]:
    """Current figures (from succeeded extracts) in DATA.md's JSON shape, narrowed to the reader's scope."""
    query = (
        select(MetricValue, MetricDefinition.unit)
        .join(Extract, MetricValue.extract_id == Extract.id)
        .outerjoin(MetricDefinition, MetricDefinition.key == MetricValue.metric_key)
        .where(Extract.status.in_(CURRENT))
        .order_by(MetricValue.metric_key, MetricValue.as_of, MetricValue.dims)
    )
    if principal is not None:
        require(principal, Permission.METRICS_READ)
        if lpa is not None:
            require_lpa_visible(principal, lpa)
        query = query.where(metric_value_clause(principal))
    if key:
        query = query.where(MetricValue.metric_key == key)
    if as_of:
        query = query.where(MetricValue.as_of == as_of)
    if lpa:
        query = query.where(MetricValue.lpa == lpa)
    return [
        {
            "key": v.metric_key,
            "as_of": v.as_of.isoformat(),
            "dims": _dims(v.dims),
            "value": v.value,
            "numerator": v.numerator,
            "denominator": v.denominator,
            "unit": unit,
            "extract_id": v.extract_id,
        }
        for v, unit in session.execute(query)
    ]


def _dims(raw: str) -> dict[str, str]:
    return json.loads(raw) if raw else {}


def recommendation_metrics(session: Session, *, recommendation: Recommendation) -> Sequence[MetricDefinition]:
    return [m for m in session.scalars(select(MetricDefinition)) if recommendation in m.recommendations]
