"""Gathers what the pack says, through the scoped services, into plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import Principal, require_lpa_visible, scoped_actions
from portal.boardpack.figures import Figure, FigureBook
from portal.metrics.catalogue import LPAS
from portal.models import (
    DONE_STATUSES,
    Action,
    ActionUpdate,
    BoardPack,
    BoardPackStatus,
    Cause,
    Extract,
    GovernanceGroup,
    Milestone,
    MilestoneKind,
)
from portal.services import metrics as metric_service
from portal.services import programme
from portal.services.readiness import Readiness, readiness

STATUS_TEXT = {
    "not_started": "not started",
    "in_progress": "in progress",
    "blocked": "blocked",
    "complete_proposed": "completion proposed",
    "complete": "complete",
    "verified": "verified",
}


@dataclass
class RecommendationPart:
    number: int
    text: str
    deadline_text: str
    points: list[str] = field(default_factory=list)


@dataclass
class CausePart:
    code: str
    title: str
    statement: str
    recommendations: list[RecommendationPart] = field(default_factory=list)


@dataclass
class OverdueLine:
    ref: str
    title: str
    owner: str
    lpa: str | None
    due: date


@dataclass
class PackContent:
    as_of: date
    lpa: str | None
    since: date | None
    timeline: list[Milestone]
    upcoming: list[Milestone]
    groups: list[GovernanceGroup]
    causes: list[CausePart]
    overdue: list[OverdueLine]
    book: FigureBook
    readiness: list[Readiness] = field(default_factory=list)


def previous_pack_date(session: Session, *, as_of: date, lpa: str | None) -> date | None:
    """The as-of date of the last READY pack before this one: progress is reported since then."""
    return session.scalar(
        select(BoardPack.as_of)
        .where(BoardPack.status == BoardPackStatus.READY, BoardPack.as_of < as_of)
        .where(BoardPack.lpa.is_(None) if lpa is None else BoardPack.lpa == lpa)
        .order_by(BoardPack.as_of.desc())
        .limit(1)
    )


def _update_text(update: ActionUpdate) -> str | None:
    if update.note:
        return update.note.strip()
    if update.status_to:
        return f"Status changed to {STATUS_TEXT.get(str(update.status_to), str(update.status_to))}."
    if update.due_to:
        return f"Due date moved to {update.due_to:%d/%m/%Y}: {update.reason or 'no reason recorded'}."
    return None


def _book(session: Session, *, principal: Principal, as_of: date, lpa: str | None) -> FigureBook:
    rows = [
        r
        for r in metric_service.values(session, principal=principal)
        if r["as_of"] <= as_of.isoformat() and (lpa is None or r["dims"].get("lpa") in (None, "ALL", lpa))
    ]
    ids = {r["extract_id"] for r in rows}
    extracts = {e.id: e for e in session.scalars(select(Extract).where(Extract.id.in_(ids)))} if ids else {}
    book = FigureBook()
    for r in rows:
        extract = extracts.get(r["extract_id"])
        book.rows.append(
            Figure(
                r["key"],
                r["dims"],
                r["as_of"],
                r["value"],
                r["extract_id"],
                extract.file_name if extract else None,
                extract.sha256 if extract else None,
            )
        )
    return book


def gather(
    session: Session, *, principal: Principal, as_of: date, lpa: str | None = None, snapshots: int = 3
) -> PackContent:
    if lpa:
        require_lpa_visible(principal, lpa)
    since = previous_pack_date(session, as_of=as_of, lpa=lpa)
    actions = session.scalars(scoped_actions(principal).order_by(Action.id)).all()
    if lpa:
        actions = [a for a in actions if a.lpa in (None, lpa)]
    by_rec: dict[int, list[Action]] = {}
    for action in actions:
        by_rec.setdefault(action.recommendation_id, []).append(action)
    causes = []
    for cause in session.scalars(select(Cause).order_by(Cause.position, Cause.code)):
        full = programme.get_cause(session, principal=principal, code=cause.code)
        part = CausePart(cause.code, cause.title, cause.statement)
        for rec in full.recommendations if full else []:
            rp = RecommendationPart(rec.number, rec.text, rec.deadline_text)
            for action in by_rec.get(rec.id, []):
                for update in sorted(action.updates, key=lambda u: u.created_at):
                    day = update.created_at.date()
                    if day > as_of or (since is not None and day <= since):
                        continue
                    text = _update_text(update)
                    if text and lpa and any(other in text for other in LPAS if other != lpa):
                        continue  # an LPA pack never carries another LPA's breakdown, even in a note
                    if text and text not in rp.points:
                        rp.points.append(text)
            part.recommendations.append(rp)
        causes.append(part)
    overdue = [
        OverdueLine(
            a.recommendation.ref, a.title, a.owner.name if a.owner else "Unassigned", a.lpa, a.due_date
        )
        for a in actions
        if a.status not in DONE_STATUSES and a.due_date < as_of
    ]
    milestones = list(programme.milestones(session, principal=principal))
    return PackContent(
        as_of=as_of,
        lpa=lpa,
        since=since,
        timeline=[m for m in milestones if m.on_date <= as_of],
        upcoming=[m for m in milestones if m.on_date > as_of and m.kind == MilestoneKind.MEETING],
        groups=list(session.scalars(select(GovernanceGroup).order_by(GovernanceGroup.position))),
        causes=causes,
        overdue=sorted(overdue, key=lambda o: (o.due, o.ref)),
        book=_book(session, principal=principal, as_of=as_of, lpa=lpa),
        # Readiness is judged force-wide (counts only, no LPA breakdown); "overdue" is as at the pack's date.
        readiness=readiness(session, principal=principal, today=as_of, snapshots=snapshots),
    )
