"""Refresh runs: what the nightly job does to the data, and the record of each run."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Permission, Principal, require
from portal.clock import utcnow
from portal.models import DONE_STATUSES, Action, Alert, AlertKind, AlertStatus, RefreshRun
from portal.queue import REFRESH_TASK
from portal.services import audit
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


def recent_runs(session: Session, *, principal: Principal, limit: int = 10) -> list[RefreshRun]:
    require(principal, Permission.EXTRACTS_READ)
    return list(session.scalars(select(RefreshRun).order_by(RefreshRun.started_at.desc()).limit(limit)))


def request_run(session: Session, *, principal: Principal, queued: bool) -> None:
    """Audit a "refresh now" request (the caller sends the task and commits)."""
    require(principal, Permission.REFRESH_RUN)
    audit.record(
        session,
        actor=principal,
        event="refresh.requested" if queued else "refresh.enqueue_failed",
        entity_type="refresh",
        after={"task": REFRESH_TASK, "trigger": "manual", "queued": queued},
    )


@dataclass(frozen=True)
class ScheduleEntry:
    name: str
    task: str
    when: str


CELERY_APP = Path(__file__).resolve().parents[2] / "workers" / "celery_app.py"


def _describe(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        seconds = float(node.value)
        if seconds % 3600 == 0:
            return f"every {seconds / 3600:g} hour{'s' if seconds != 3600 else ''}"
        if seconds % 60 == 0:
            return f"every {seconds / 60:g} minutes"
        return f"every {seconds:g} seconds"
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "crontab":
        parts = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        hour, minute = parts.get("hour", "*"), parts.get("minute", "*")
        day = parts.get("day_of_week")
        if isinstance(hour, int) and isinstance(minute, int):
            at = f"at {hour:02d}:{minute:02d}"
            return f"{'every ' + str(day) if day is not None else 'daily'} {at} (UK time)"
        return "cron " + " ".join(f"{k}={v}" for k, v in parts.items())
    return ast.unparse(node)


def beat_schedule(*, principal: Principal, source: Path = CELERY_APP) -> list[ScheduleEntry]:
    """The beat schedule as declared in workers/celery_app.py (read, not imported: importing boots Celery)."""
    require(principal, Permission.EXTRACTS_READ)
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return []
    entries: list[ScheduleEntry] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "beat_schedule" and isinstance(node.value, ast.Dict):
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                if not isinstance(key, ast.Constant) or not isinstance(value, ast.Dict):
                    continue
                fields = {
                    k.value: v
                    for k, v in zip(value.keys, value.values, strict=True)
                    if isinstance(k, ast.Constant)
                }
                task = fields.get("task")
                entries.append(
                    ScheduleEntry(
                        name=str(key.value),
                        task=str(task.value) if isinstance(task, ast.Constant) else "?",
                        when=_describe(fields["schedule"]) if "schedule" in fields else "",
                    )
                )
    return entries
