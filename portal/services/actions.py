"""Actions: scoped lists, detail, edits with optimistic locking and slippage history, progress notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from portal.access import (
    AccessDenied,
    Permission,
    Principal,
    may_edit_action,
    may_manage_action,
    require,
    scoped_actions,
)
from portal.metrics.catalogue import LPAS
from portal.models import DONE_STATUSES, Action, ActionStatus, ActionUpdate, Cause, Recommendation, Role, User
from portal.services import audit

# What an editor may set by hand; completion goes through sign-off (propose → validate → approve → verify).
EDITABLE_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)
MAX_NOTE = 4000


class ActionError(ValueError):
    """A change that cannot be made as asked; the message is for the person who asked."""


class NotFound(LookupError):
    pass


class Conflict(Exception):
    """Someone else saved the action first; nothing was changed."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            "Someone else saved this action while you were editing it. "
            "Reload to see their change, then try again."
        )


@dataclass(frozen=True)
class Filters:
    cause: str | None = None
    recommendation_id: int | None = None
    owner_id: int | None = None
    lpa: str | None = None
    status: str | None = None
    overdue: bool | None = None
    mine: bool = False


def get_all(
    session: Session, *, principal: Principal, today: date, filters: Filters = Filters()
) -> Sequence[Action]:
    require(principal, Permission.ACTIONS_READ)
    query = scoped_actions(principal).options(
        selectinload(Action.recommendation).selectinload(Recommendation.cause),
        selectinload(Action.owner),
        selectinload(Action.group),
    )
    if filters.cause:
        query = query.where(Cause.code == filters.cause.upper())
    if filters.recommendation_id:
        query = query.where(Action.recommendation_id == filters.recommendation_id)
    if filters.owner_id:
        query = query.where(Action.owner_id == filters.owner_id)
    if filters.lpa:
        query = query.where(Action.lpa == filters.lpa)
    if filters.status:
        try:
            query = query.where(Action.status == ActionStatus(filters.status))
        except ValueError as exc:
            raise ActionError(f"{filters.status!r} is not an action status.") from exc
    if filters.overdue is True:
        query = query.where(Action.due_date < today, Action.status.not_in(DONE_STATUSES))
    elif filters.overdue is False:
        query = query.where((Action.due_date >= today) | Action.status.in_(DONE_STATUSES))
    if filters.mine:
        query = query.where(Action.owner_id == principal.user_id)
    return session.scalars(query.order_by(Cause.position, Recommendation.number, Action.id)).unique().all()


def get(session: Session, *, principal: Principal, action_id: int) -> Action:
    """One action, if the principal may see it in detail (ids from the browser are re-checked here)."""
    require(principal, Permission.ACTIONS_READ)
    action = session.scalar(
        scoped_actions(principal)
        .where(Action.id == action_id)
        .options(
            selectinload(Action.updates).selectinload(ActionUpdate.author), selectinload(Action.evidence)
        )
    )
    if action is None:
        if session.get(Action, action_id) is None:
            raise NotFound(f"There is no action {action_id}.")
        raise AccessDenied("This action is outside your scope.")
    return action


def _snapshot(action: Action) -> dict[str, object]:
    return {
        "status": str(action.status),
        "due_date": action.due_date.isoformat(),
        "owner_id": action.owner_id,
        "version": action.version,
    }


def update(
    session: Session,
    *,
    principal: Principal,
    action_id: int,
    expected_version: int,
    today: date,
    status: str | None = None,
    due_date: date | None = None,
    reason: str | None = None,
    owner_id: int | None = None,
    note: str | None = None,
) -> Action:
    """Change status, due date (with a reason: slippage history) or owner, in one audited update."""
    action = get(session, principal=principal, action_id=action_id)
    if not may_edit_action(principal, action):
        raise AccessDenied("You may not change this action.")
    if action.version != expected_version:
        raise Conflict(action.version)
    before = _snapshot(action)
    entry = ActionUpdate(action_id=action.id, author_id=principal.user_id)
    changed = False
    if status is not None and ActionStatus(status) != action.status:
        new_status = ActionStatus(status)
        if new_status not in EDITABLE_STATUSES:
            raise ActionError("Completion goes through sign-off: propose completion with evidence.")
        if action.status in DONE_STATUSES or action.status == ActionStatus.COMPLETE_PROPOSED:
            raise ActionError("This action is in sign-off; it can only be sent back by a reviewer.")
        entry.status_from, entry.status_to = action.status, new_status
        action.status = new_status
        changed = True
    if due_date is not None and due_date != action.due_date:
        if not (reason or "").strip():
            raise ActionError("Give a reason for changing the due date; it is kept in the slippage history.")
        entry.due_from, entry.due_to, entry.reason = action.due_date, due_date, reason.strip()[:MAX_NOTE]
        action.due_date = due_date
        changed = True
    if owner_id is not None and owner_id != action.owner_id:
        if not may_manage_action(principal, action):
            raise AccessDenied("Only the gold lead of this cause may change the owner.")
        owner = session.get(User, owner_id)
        if owner is None or not owner.is_active or owner.role not in (Role.GOLD, Role.SILVER, Role.LPA):
            raise ActionError("Choose an active gold, silver or LPA lead as owner.")
        action.owner_id = owner_id
        changed = True
    if note and note.strip():
        entry.note = note.strip()[:MAX_NOTE]
        changed = True
    if not changed:
        raise ActionError("Nothing to save: change a value or write a progress note.")
    session.add(entry)
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(expected_version + 1) from exc
    audit.record(
        session,
        actor=principal,
        event="action.update",
        entity_type="action",
        entity_id=action.id,
        before=before,
        after=_snapshot(action) | ({"reason": entry.reason} if entry.reason else {}),
    )
    return action


def add_note(session: Session, *, principal: Principal, action_id: int, note: str) -> ActionUpdate:
    action = get(session, principal=principal, action_id=action_id)
    if not (may_edit_action(principal, action) or principal.can(Permission.ACTIONS_COMMENT)):
        raise AccessDenied("You may not add updates to this action.")
    text = (note or "").strip()
    if not text:
        raise ActionError("Write the progress update first.")
    entry = ActionUpdate(action_id=action.id, author_id=principal.user_id, note=text[:MAX_NOTE])
    session.add(entry)
    session.flush()
    audit.record(
        session,
        actor=principal,
        event="action.note",
        entity_type="action",
        entity_id=action.id,
        after={"update_id": entry.id},
    )
    return entry


def valid_lpa(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value not in LPAS:
        raise ActionError(f"{value!r} is not an LPA.")
    return value


def _int_or_none(value: object, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError) as exc:
        raise ActionError(f"{value!r} is not a {what}.") from exc


def filters_from(
    *,
    cause: object = None,
    recommendation: object = None,
    owner: object = None,
    lpa: object = None,
    status: object = None,
    overdue: object = None,
) -> Filters:
    """Filters from the tracker page or its CSV query string; bad values raise ActionError."""
    flag = str(overdue).strip().lower() if overdue not in (None, "", False) else ""
    if flag not in ("", "1", "true", "yes", "on", "0", "false", "no"):
        raise ActionError("overdue must be true or false.")
    return Filters(
        cause=str(cause) if cause else None,
        recommendation_id=_int_or_none(recommendation, "recommendation"),
        owner_id=_int_or_none(owner, "person"),
        lpa=valid_lpa(str(lpa) if lpa else None),
        status=str(status) if status else None,
        overdue=True if flag in ("1", "true", "yes", "on") else None,
    )


def action_refs(session: Session, actions: Sequence[Action]) -> dict[int, str]:
    """Readable references ("INV-4.2": the second action of recommendation INV-4), stable for everyone."""
    rec_ids = {a.recommendation_id for a in actions}
    if not rec_ids:
        return {}
    rows = session.execute(
        select(Action.id, Action.recommendation_id)
        .where(Action.recommendation_id.in_(rec_ids))
        .order_by(Action.recommendation_id, Action.id)
    ).all()
    position: dict[int, int] = {}
    counter: dict[int, int] = {}
    for action_id, rec_id in rows:
        counter[rec_id] = counter.get(rec_id, 0) + 1
        position[action_id] = counter[rec_id]
    return {a.id: f"{a.recommendation.ref}.{position.get(a.id, 0)}" for a in actions}


def owner_choices(session: Session, *, principal: Principal) -> Sequence[User]:
    """The people an action may be given to: active gold, silver and LPA leads (for gold leads choosing)."""
    require(principal, Permission.ACTIONS_MANAGE)
    return session.scalars(
        select(User)
        .where(User.is_active, User.is_service.is_(False), User.role.in_((Role.GOLD, Role.SILVER, Role.LPA)))
        .order_by(User.name)
    ).all()
