"""Sign-off of actions: propose (owner/silver) → validate (silver) → approve (gold) → verify (executive)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.access import AccessDenied, Permission, Principal, may_edit_action, may_manage_action
from portal.clock import utcnow
from portal.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Recommendation,
    RecommendationStatus,
    Role,
    SignOff,
    SignOffStep,
)
from portal.services import actions as action_service
from portal.services import audit

MAX_COMMENT = 2000
PROPOSABLE = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)
STEP_LABEL = {
    SignOffStep.PROPOSED: "Propose completion",
    SignOffStep.VALIDATED: "Validate (silver)",
    SignOffStep.APPROVED: "Approve (gold)",
    SignOffStep.VERIFIED: "Verify (executive)",
    SignOffStep.RETURNED: "Send back",
}


class SignOffError(ValueError):
    """A step that cannot be taken now; nothing was changed."""


def derive_recommendation_status(
    action_statuses: Sequence[ActionStatus], *, verified: bool, current: RecommendationStatus
) -> RecommendationStatus:
    """HMICFRS register vocabulary from the actions and the recommendation's own verification.

    No further action needed is HMICFRS's decision and is kept; a verified recommendation is complete;
    every action verified means the force considers it done and it awaits review; otherwise, once any
    action exists, it is being progressed; with no actions yet it awaits review."""
    if current == RecommendationStatus.NO_FURTHER_ACTION:
        return current
    if verified:
        return RecommendationStatus.COMPLETE
    if not action_statuses:
        return RecommendationStatus.AWAITING_REVIEW
    if all(s == ActionStatus.VERIFIED for s in action_statuses):
        return RecommendationStatus.AWAITING_REVIEW
    return RecommendationStatus.BEING_PROGRESSED


def _last_step(session: Session, action: Action) -> SignOffStep | None:
    return session.scalar(
        select(SignOff.step)
        .where(SignOff.action_id == action.id)
        .order_by(SignOff.at.desc(), SignOff.id.desc())
    )


def pending_step(session: Session, action: Action) -> SignOffStep | None:
    """The next forward step the action is waiting for (None once verified)."""
    if action.status in PROPOSABLE:
        return SignOffStep.PROPOSED
    if action.status == ActionStatus.COMPLETE_PROPOSED:
        last = _last_step(session, action)
        return SignOffStep.APPROVED if last == SignOffStep.VALIDATED else SignOffStep.VALIDATED
    if action.status == ActionStatus.COMPLETE:
        return SignOffStep.VERIFIED
    return None


def _may(principal: Principal, action: Action, step: SignOffStep) -> bool:
    if step == SignOffStep.PROPOSED:
        if not principal.can(Permission.ACTIONS_UPDATE):
            return False
        if action.owner_id == principal.user_id:
            return True
        return principal.role in (Role.SILVER, Role.LPA) and may_edit_action(principal, action)
    if step == SignOffStep.VALIDATED:
        return principal.role == Role.SILVER and action.recommendation.ref in principal.recommendations
    if step == SignOffStep.APPROVED:
        return may_manage_action(principal, action)
    if step == SignOffStep.VERIFIED:
        return principal.can(Permission.ACTIONS_VERIFY)
    return False


def allowed_steps(session: Session, *, principal: Principal, action: Action) -> list[SignOffStep]:
    """The buttons to show: the pending step if this principal may take it, and send-back with it."""
    step = pending_step(session, action)
    if step is None or not _may(principal, action, step):
        return []
    return [step] if step == SignOffStep.PROPOSED else [step, SignOffStep.RETURNED]


def history(session: Session, *, principal: Principal, action_id: int) -> list[SignOff]:
    action = action_service.get(session, principal=principal, action_id=action_id)
    return list(
        session.scalars(
            select(SignOff).where(SignOff.action_id == action.id).order_by(SignOff.at, SignOff.id)
        )
    )


NEXT_STATUS = {
    SignOffStep.PROPOSED: ActionStatus.COMPLETE_PROPOSED,
    SignOffStep.VALIDATED: ActionStatus.COMPLETE_PROPOSED,
    SignOffStep.APPROVED: ActionStatus.COMPLETE,
    SignOffStep.VERIFIED: ActionStatus.VERIFIED,
    SignOffStep.RETURNED: ActionStatus.IN_PROGRESS,
}


def take_step(
    session: Session,
    *,
    principal: Principal,
    action_id: int,
    step: SignOffStep | str,
    today: date,
    comment: str | None = None,
) -> Action:
    """Take one sign-off step on an action (ids from the browser are re-checked here)."""
    step = SignOffStep(step)
    action = action_service.get(session, principal=principal, action_id=action_id)
    pending = pending_step(session, action)
    text = (comment or "").strip()[:MAX_COMMENT] or None
    if step == SignOffStep.RETURNED:
        if pending in (None, SignOffStep.PROPOSED):
            raise SignOffError("Only an action in sign-off can be sent back.")
        if not _may(principal, action, pending):
            raise AccessDenied("Only the reviewer at this step may send the action back.")
        if not text:
            raise SignOffError("Give a reason for sending the action back.")
    else:
        if pending != step:
            raise SignOffError(f"This action is not waiting for “{STEP_LABEL[step].lower()}”.")
        if not _may(principal, action, step):
            raise AccessDenied("You may not take this sign-off step.")
        if step == SignOffStep.PROPOSED and not action.evidence:
            raise SignOffError("Attach at least one piece of evidence before proposing completion.")
    before = {"status": str(action.status), "version": action.version}
    new_status = NEXT_STATUS[step]
    session.add(
        ActionUpdate(
            action_id=action.id,
            author_id=principal.user_id,
            status_from=action.status,
            status_to=new_status,
            note=f"{STEP_LABEL[step]}" + (f": {text}" if text else ""),
            reason=text if step == SignOffStep.RETURNED else None,
        )
    )
    action.status = new_status
    if step == SignOffStep.APPROVED:
        action.completed_on = today
    elif step == SignOffStep.RETURNED:
        action.completed_on = None
    session.add(SignOff(action_id=action.id, step=step, actor_id=principal.user_id, comment=text))
    session.flush()
    rec_before, rec_after = refresh_recommendation(session, action.recommendation)
    audit.record(
        session,
        actor=principal,
        event=f"signoff.{step}",
        entity_type="action",
        entity_id=action.id,
        before=before | {"recommendation_status": str(rec_before)},
        after={"status": str(action.status), "version": action.version, "comment": text}
        | {"recommendation_status": str(rec_after)},
    )
    return action


def refresh_recommendation(
    session: Session, rec: Recommendation
) -> tuple[RecommendationStatus, RecommendationStatus]:
    before = rec.status
    statuses = list(session.scalars(select(Action.status).where(Action.recommendation_id == rec.id)))
    rec.status = derive_recommendation_status(statuses, verified=rec.verified_at is not None, current=before)
    return before, rec.status


def verify_recommendation(
    session: Session, *, principal: Principal, recommendation_id: int
) -> Recommendation:
    """The executive's verification of a recommendation once every action is verified."""
    if not principal.can(Permission.ACTIONS_VERIFY):
        raise AccessDenied("Only the executive verifies recommendations.")
    rec = session.get(Recommendation, recommendation_id)
    if rec is None:
        raise SignOffError("There is no such recommendation.")
    statuses = list(session.scalars(select(Action.status).where(Action.recommendation_id == rec.id)))
    if not statuses or any(s != ActionStatus.VERIFIED for s in statuses):
        raise SignOffError("Every action must be verified before the recommendation is.")
    before = str(rec.status)
    rec.verified_at, rec.verified_by_id = utcnow(), principal.user_id
    refresh_recommendation(session, rec)
    session.flush()
    audit.record(
        session,
        actor=principal,
        event="recommendation.verify",
        entity_type="recommendation",
        entity_id=rec.id,
        before={"status": before},
        after={"status": str(rec.status)},
    )
    return rec
