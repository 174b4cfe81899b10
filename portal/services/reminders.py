"""Reminders to action owners (due within 7 days or overdue) and the weekly digest to each gold lead."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from portal import mail
from portal.config import Config
from portal.formatting import uk_date
from portal.models import (
    DONE_STATUSES,
    Action,
    Cause,
    Notification,
    Recommendation,
    Role,
    ScopeKind,
    User,
)
from portal.services import audit

DUE_WITHIN = timedelta(days=7)
REPEAT_AFTER = timedelta(days=7)


def _line(action: Action, today: date) -> str:
    state = "OVERDUE, was due" if action.due_date < today else "due"
    return f"- {action.recommendation.ref} {action.title} ({state} {uk_date(action.due_date)})"


def owner_reminders(session: Session, *, settings: Config, today: date, now: datetime) -> dict[str, int]:
    actions = session.scalars(
        select(Action)
        .join(Action.owner)
        .where(
            Action.status.not_in(DONE_STATUSES),
            Action.due_date <= today + DUE_WITHIN,
            User.is_active.is_(True),
            or_(Action.last_reminder_at.is_(None), Action.last_reminder_at <= now - REPEAT_AFTER),
        )
        .options(selectinload(Action.recommendation).selectinload(Recommendation.cause))
        .order_by(Action.due_date, Action.id)
    ).all()
    by_owner: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_owner[action.owner_id].append(action)  # type: ignore[index]
    emails = 0
    for owner_id, owned in by_owner.items():
        owner = session.get(User, owner_id)
        assert owner is not None
        for action in owned:
            overdue = action.due_date < today
            session.add(
                Notification(
                    user_id=owner.id,
                    kind="reminder",
                    title=f"{'Overdue' if overdue else 'Due soon'}: {action.title}"[:200],
                    body=_line(action, today),
                    link="/actions",
                    action_id=action.id,
                )
            )
            action.last_reminder_at = now
        body = (
            f"Dear {owner.name},\n\nThese Engage actions you own are overdue or due within 7 days:\n\n"
            + "\n".join(_line(a, today) for a in owned)
            + "\n\nPlease record progress or propose completion in the Engage Portal.\n\nOFFICIAL-SENSITIVE\n"
        )
        if mail.send(settings, to=owner.email, subject=f"Engage actions due: {len(owned)}", body=body):
            emails += 1
    session.flush()
    return {"reminder_actions": len(actions), "reminder_owners": len(by_owner), "reminder_emails": emails}


def gold_digests(session: Session, *, settings: Config, today: date, now: datetime) -> dict[str, int]:
    golds = session.scalars(
        select(User)
        .where(
            User.role == Role.GOLD,
            User.is_active.is_(True),
            or_(User.last_digest_at.is_(None), User.last_digest_at <= now - REPEAT_AFTER),
        )
        .options(selectinload(User.scopes))
        .order_by(User.id)
    ).all()
    sent = emails = 0
    for gold in golds:
        codes = sorted(s.value for s in gold.scopes if s.kind == ScopeKind.CAUSE)
        if not codes:
            continue
        lines: list[str] = []
        for code in codes:
            acts = session.scalars(
                select(Action)
                .join(Action.recommendation)
                .join(Recommendation.cause)
                .where(Cause.code == code)
            ).all()
            open_ = [a for a in acts if a.status not in DONE_STATUSES]
            overdue = [a for a in open_ if a.due_date < today]
            soon = [a for a in open_ if today <= a.due_date <= today + DUE_WITHIN]
            lines.append(
                f"{code}: {len(acts):,} actions, {len(open_):,} open, {len(overdue):,} overdue, "
                f"{len(soon):,} due within 7 days"
            )
            lines.extend("  " + _line(a, today) for a in overdue + soon)
        body = (
            f"Dear {gold.name},\n\nYour weekly Engage digest for {uk_date(today)}:\n\n"
            + "\n".join(lines)
            + "\n\nOFFICIAL-SENSITIVE\n"
        )
        session.add(
            Notification(
                user_id=gold.id, kind="digest", title=f"Weekly digest {uk_date(today)}", body=body, link="/"
            )
        )
        gold.last_digest_at = now
        sent += 1
        if mail.send(settings, to=gold.email, subject=f"Engage weekly digest – {uk_date(today)}", body=body):
            emails += 1
    session.flush()
    return {"digests": sent, "digest_emails": emails}


def send_reminders(session: Session, *, settings: Config, today: date, now: datetime) -> dict[str, int]:
    """The daily job: reminders and digests (in-app always; e-mail when SMTP is configured)."""
    detail = owner_reminders(session, settings=settings, today=today, now=now)
    detail.update(gold_digests(session, settings=settings, today=today, now=now))
    audit.record(session, actor=None, actor_email="system", event="reminders.send", after=detail)
    return detail
