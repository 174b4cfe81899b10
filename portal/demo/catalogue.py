"""The demo's metric baselines, targets and tolerances, as the board paper states them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Extract, ExtractStatus, MetricDefinition, MetricValue

INSPECTION = date(2023, 6, 15)
VSA = date(2023, 3, 31)

# key -> (baseline date, label, target, amber threshold, red threshold, trigger plan)
SETTINGS: dict[str, tuple[date | None, str | None, float | None, float | None, float | None, str | None]] = {
    # The first tolerances: SafeLives' MARAC 28-day guidance and OCSET's national enforcement timescales.
    "marac_max_wait_working_days": (
        None,
        None,
        15,
        15,
        20,
        "SafeLives guidance: a MARAC within 28 days (20 working days). On breach the LPA MARAC chair adds "
        "an extra conference within 5 working days, funded under the OPCC agreement.",
    ),
    "marac_awaiting_over_28_days": (
        None,
        None,
        0,
        0.5,
        5,
        "Any referral waiting over 28 days is escalated to the MARAC Gold Group the same day.",
    ),
    "ocset_over_timescale": (
        None,
        None,
        0,
        0.5,
        3,
        "Packages outside the national enforcement timescales (very high 48 hours, high 7 days, "
        "medium 21 days, "
        "standard 60 days) are escalated to the PPU SLT; overtime is authorised to enforce them.",
    ),
    "som_outstanding_initial_arms": (INSPECTION, "at inspection", 0, 10, 25, None),
    "som_outstanding_12m_arms": (INSPECTION, "at inspection", 0, 50, 100, None),
    "som_outstanding_rmp_reviews": (INSPECTION, "at inspection", 0, 50, 100, None),
    "som_outstanding_visits": (INSPECTION, "at inspection", 0, 80, 150, None),
    "supervisor_review_pct": (VSA, "at the Victim Service Assessment", 90, 80, 60, None),
    "investigation_plan_pct": (None, None, 95, 85, 70, None),
    "dfu_unallocated": (None, None, 60, 90, 120, None),
    "positive_outcome_rate_ytd": (None, None, 10, 8, 6, None),
}


def _total_at(session: Session, key: str, on: date) -> float | None:
    """The force total a metric had on a date, read from the figures (so baselines trace to an extract)."""
    return session.scalar(
        select(MetricValue.value)
        .join(Extract, MetricValue.extract_id == Extract.id)
        .where(
            MetricValue.metric_key == key,
            MetricValue.as_of == on,
            MetricValue.lpa.in_(["ALL"]),
            Extract.status == ExtractStatus.SUCCEEDED,
        )
        .order_by(MetricValue.dims)
        .limit(1)
    )


def apply_demo_settings(session: Session) -> int:
    """Fill baselines and tolerances the administrator has not set; returns how many metrics changed."""
    changed = 0
    for definition in session.scalars(select(MetricDefinition).where(MetricDefinition.key.in_(SETTINGS))):
        on, label, target, amber, red, plan = SETTINGS[definition.key]
        if on is not None and definition.baseline_value is None:
            value = _total_at(session, definition.key, on)
            if value is not None:
                definition.baseline_value, definition.baseline_date, definition.baseline_label = (
                    value,
                    on,
                    label,
                )
                changed += 1
        if definition.amber_threshold is None and amber is not None:
            definition.target_value, definition.amber_threshold, definition.red_threshold = target, amber, red
            definition.trigger_plan = plan
            changed += 1
    session.flush()
    return changed
