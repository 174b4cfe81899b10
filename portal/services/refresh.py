"""Refresh runs: what the nightly job does to the data, and the record of each run."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.clock import utcnow
from portal.models import DONE_STATUSES, Action, Alert, AlertKind, AlertStatus, RefreshRun
from portal.services import metrics as metric_service


def start_run(session: Session, *, task: str, trigger: str, user_id: int | None) -> int:
    run = RefreshRun(task=task, trigger=trigger, triggered_by_id=user_id)
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session, *, run_id: int, outcome: str, detail: dict[str, Any], seconds: float
) -> None:
    run = session.get(RefreshRun, run_id)
    if run is None:
        return
    run.outcome = outcome
    run.finished_at = utcnow()
    run.duration_ms = int(seconds * 1000)
    run.detail = ", ".join(f"{k}: {v}" for k, v in detail.items())


def overdue_alerts(session: Session, *, today: date) -> dict[str, int]:
    """One open alert per overdue action; resolved when the action is done or re-planned."""
    open_alerts = {
        a.action_id: a
        for a in session.scalars(
            select(Alert).where(Alert.kind == AlertKind.ACTION_OVERDUE, Alert.status != AlertStatus.RESOLVED)
        )
    }
    raised = resolved = 0
    for action in session.scalars(select(Action)):
        overdue = action.status not in DONE_STATUSES and action.due_date < today
        alert = open_alerts.get(action.id)
        if overdue and alert is None:
            session.add(
                Alert(
                    kind=AlertKind.ACTION_OVERDUE,
                    action_id=action.id,
                    lpa=action.lpa,
                    since=action.due_date,
                    message=f"“{action.title}” was due on {action.due_date:%d/%m/%Y} and is not complete.",
                )
            )
            raised += 1
        elif not overdue and alert is not None:
            alert.status = AlertStatus.RESOLVED
            resolved += 1
    session.flush()
    return {"overdue_raised": raised, "overdue_resolved": resolved}


def refresh(session: Session, *, today: date) -> dict[str, Any]:
    detail: dict[str, Any] = {"catalogue_added": metric_service.sync_catalogue(session)}
    detail.update(overdue_alerts(session, today=today))
    return detail
