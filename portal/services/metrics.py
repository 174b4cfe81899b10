"""Metric catalogue in the database and the figures, read through the reader's scope."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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
from portal.services import audit

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
    keys: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Current figures (from succeeded extracts) in DATA.md's JSON shape, narrowed to the reader's scope.

    Plain columns, not ORM objects: pages and the API read thousands of rows, and building an identity-
    mapped object per row was most of their cost."""
    query = (
        select(
            MetricValue.metric_key,
            MetricValue.as_of,
            MetricValue.dims,
            MetricValue.value,
            MetricValue.numerator,
            MetricValue.denominator,
            MetricDefinition.unit,
            MetricValue.extract_id,
        )
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
    if keys is not None:
        query = query.where(MetricValue.metric_key.in_(list(keys)))
    if as_of:
        query = query.where(MetricValue.as_of == as_of)
    if lpa:
        query = query.where(MetricValue.lpa == lpa)
    return [
        {
            "key": key,
            "as_of": day.isoformat(),
            "dims": _dims(dims),
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "unit": unit,
            "extract_id": extract_id,
        }
        for key, day, dims, value, numerator, denominator, unit, extract_id in session.execute(query)
    ]


def _dims(raw: str) -> dict[str, str]:
    return json.loads(raw) if raw else {}


def recommendation_metrics(session: Session, *, recommendation: Recommendation) -> Sequence[MetricDefinition]:
    return [m for m in session.scalars(select(MetricDefinition)) if recommendation in m.recommendations]


def cause_definitions(
    session: Session, *, principal: Principal, cause: str | None = None
) -> list[MetricDefinition]:
    """Definitions (with their recommendations) of one cause, or all, in catalogue order."""
    require(principal, Permission.METRICS_READ)
    query = (
        select(MetricDefinition)
        .outerjoin(MetricDefinition.cause)
        .options(selectinload(MetricDefinition.recommendations), selectinload(MetricDefinition.cause))
        .order_by(MetricDefinition.id)
    )
    if cause is not None:
        query = query.where(Cause.code == cause)
    return list(session.scalars(query).unique())


class MetricError(ValueError):
    """A reference-data change that cannot be made as asked; nothing was changed."""


MAX_TRIGGER_PLAN = 4000
REFERENCE_FIELDS = (
    "baseline_value",
    "baseline_date",
    "baseline_label",
    "target_value",
    "amber_threshold",
    "red_threshold",
    "trigger_plan",
)


def _reference_snapshot(definition: MetricDefinition) -> dict[str, Any]:
    snap = {f: getattr(definition, f) for f in REFERENCE_FIELDS}
    snap["baseline_date"] = definition.baseline_date.isoformat() if definition.baseline_date else None
    return snap


def _finite(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise MetricError(f"The {name} must be a number.") from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise MetricError(f"The {name} must be a number.")
    return number


def update_reference(
    session: Session,
    *,
    principal: Principal,
    key: str,
    today: date,
    baseline_value: float | None,
    baseline_date: date | None,
    baseline_label: str | None,
    target_value: float | None,
    amber_threshold: float | None,
    red_threshold: float | None,
    trigger_plan: str | None,
) -> MetricDefinition:
    """Set a metric's baseline, target, tolerance bands and trigger plan; validated whole, audited."""
    require(principal, Permission.REFERENCE_MANAGE)
    definition = session.scalar(select(MetricDefinition).where(MetricDefinition.key == key))
    if definition is None:
        raise MetricError(f"There is no metric {key!r}.")
    baseline_value = _finite("baseline", baseline_value)
    target_value = _finite("target", target_value)
    amber = _finite("amber threshold", amber_threshold)
    red = _finite("red threshold", red_threshold)
    if baseline_date is not None and baseline_date > today:
        raise MetricError("The baseline date cannot be in the future.")
    if (baseline_date is None) != (baseline_value is None) and baseline_date is not None:
        raise MetricError("Give the baseline value with its date.")
    if (amber is None) != (red is None):
        raise MetricError("Set both the amber and the red threshold, or neither.")
    if amber is not None and red is not None:
        if definition.direction == Direction.LOWER_BETTER and red < amber:
            raise MetricError("Lower is better for this metric: the red threshold must be at or above amber.")
        if definition.direction == Direction.HIGHER_BETTER and red > amber:
            raise MetricError(
                "Higher is better for this metric: the red threshold must be at or below amber."
            )
    label = (baseline_label or "").strip() or None
    plan = (trigger_plan or "").strip() or None
    if label and len(label) > 80:
        raise MetricError("Keep the baseline label to 80 characters.")
    if plan and len(plan) > MAX_TRIGGER_PLAN:
        raise MetricError(f"Keep the trigger plan to {MAX_TRIGGER_PLAN:,} characters.")
    before = _reference_snapshot(definition)
    definition.baseline_value, definition.baseline_date, definition.baseline_label = (
        baseline_value,
        baseline_date,
        label,
    )
    definition.target_value, definition.amber_threshold, definition.red_threshold = target_value, amber, red
    definition.trigger_plan = plan
    after = _reference_snapshot(definition)
    if after == before:
        raise MetricError("Nothing to save: change a value first.")
    session.flush()
    audit.record(
        session,
        actor=principal,
        event="metric.reference",
        entity_type="metric",
        entity_id=definition.key,
        before={k: v for k, v in before.items() if before[k] != after[k]},
        after={k: v for k, v in after.items() if before[k] != after[k]},
    )
    return definition
