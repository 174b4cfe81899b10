"""Seeds the board paper's programme: governance, causes, recommendations, accounts, actions, timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.clock import LONDON
from portal.demo import programme_inv, programme_marac, programme_ocset, programme_rso
from portal.demo.programme_data import (
    CAUSES,
    GOLD_LEADS,
    GROUPS,
    LETTER,
    MILESTONES,
    PEOPLE,
    SIX_MONTHS,
    VERIFIER,
)
from portal.demo.programme_recommendations import RECOMMENDATIONS
from portal.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Cause,
    GovernanceGroup,
    GroupKind,
    Milestone,
    MilestoneKind,
    Recommendation,
    RecommendationStatus,
    User,
)
from portal.passwords import Hasher
from portal.services import users as user_service

# DESIGN.md's demo accounts, in its order: (email, role).
DEMO_ACCOUNTS: tuple[tuple[str, str], ...] = tuple((email, role) for email, _, _, role, _ in PEOPLE[:9])

# An action row: (title, description, (owner email, lpa, original due date, owning group or None), log).
# A log entry: (day, new status or None, note, (new due date, reason) or None). An action's status, due
# date and completion date follow from its log, so they cannot disagree with it. Without a named group
# the recommendation's silver group owns the action, else its cause's gold group.
ACTIONS = {
    "INV": programme_inv.ACTIONS,
    "MARAC": programme_marac.ACTIONS,
    "RSO": programme_rso.ACTIONS,
    "OCSET": programme_ocset.ACTIONS,
}
LogEntry = tuple[date, str | None, str, tuple[date, str] | None]
ActionRow = tuple[str, str, tuple[str, str | None, date, str | None], Sequence[LogEntry]]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=LONDON)


def _groups(session: Session) -> tuple[dict[str, GovernanceGroup], int]:
    groups = {g.name: g for g in session.scalars(select(GovernanceGroup))}
    created = 0
    for position, (name, kind, chair, cadence, parent, purpose) in enumerate(GROUPS):
        if name in groups:
            continue
        groups[name] = GovernanceGroup(
            name=name,
            kind=GroupKind(kind),
            chair=chair,
            cadence=cadence,
            purpose=purpose,
            position=position,
            parent=groups[parent] if parent else None,
        )
        session.add(groups[name])
        created += 1
    session.flush()
    return groups, created


def _causes(session: Session, groups: dict[str, GovernanceGroup]) -> tuple[dict[str, Cause], int]:
    causes = {c.code: c for c in session.scalars(select(Cause))}
    created = 0
    for position, (code, title, statement, gold) in enumerate(CAUSES):
        if code in causes:
            continue
        causes[code] = Cause(
            code=code,
            title=title,
            statement=statement,
            raised_on=LETTER,
            gold_group=groups[gold],
            position=position,
        )
        session.add(causes[code])
        created += 1
    session.flush()
    return causes, created


def _recommendations(
    session: Session, causes: dict[str, Cause], groups: dict[str, GovernanceGroup]
) -> tuple[dict[tuple[str, int], Recommendation], int]:
    recs = {(r.cause.code, r.number): r for r in session.scalars(select(Recommendation))}
    created = 0
    for code, number, text, deadline_text, silver, status, theme in RECOMMENDATIONS:
        if (code, number) in recs:
            continue
        recs[(code, number)] = Recommendation(
            cause=causes[code],
            number=number,
            text=text,
            deadline_text=deadline_text,
            deadline=SIX_MONTHS if deadline_text == "within six months" else LETTER,
            silver_group=groups[silver] if silver else None,
            status=RecommendationStatus(status),
            theme=theme,
        )
        session.add(recs[(code, number)])
        created += 1
    session.flush()
    return recs, created


def _people(session: Session, hasher: Hasher, password: str) -> tuple[dict[str, User], int]:
    created = 0
    for email, name, job_title, role, scopes in PEOPLE:
        if user_service.get_by_email(session, email=email) is not None:
            continue
        user_service.create(
            session,
            actor=None,
            hasher=hasher,
            email=email,
            name=name,
            role=role,
            password=password,
            scopes=scopes,
            job_title=job_title,
            is_demo=True,
            check_rules=False,
        )
        created += 1
    emails = [p[0] for p in PEOPLE]
    return {u.email: u for u in session.scalars(select(User).where(User.email.in_(emails)))}, created


def _action(
    rec: Recommendation, row: ActionRow, people: dict[str, User], groups: dict[str, GovernanceGroup]
) -> Action:
    title, description, (owner, lpa, original_due, group), log = row
    action = Action(
        recommendation=rec,
        title=title,
        description=description,
        owner=people[owner],
        group=groups[group] if group else rec.silver_group or rec.cause.gold_group,
        lpa=lpa,
        due_date=original_due,
        original_due_date=original_due,
        status=ActionStatus.NOT_STARTED,
        created_at=_at(LETTER),
    )
    for entry in log:
        action.updates.append(_update(action, entry, people, gold=GOLD_LEADS[rec.cause.code]))
    return action


def _update(action: Action, entry: LogEntry, people: dict[str, User], *, gold: str) -> ActionUpdate:
    """Applies one log entry to the action. Completion is the gold lead's approval unless the gold lead
    owns the action; verification is the executive's final sign-off."""
    day, status, note, slip = entry
    update = ActionUpdate(author=action.owner, created_at=_at(day), note=note)
    if status is not None:
        new = ActionStatus(status)
        if new == ActionStatus.VERIFIED:
            update.author = people[VERIFIER]
        elif new == ActionStatus.COMPLETE:
            update.author = people[gold]
            action.completed_on = day
        update.status_from, update.status_to = action.status, new
        action.status = new
    if slip is not None:
        new_due, reason = slip
        update.due_from, update.due_to, update.reason = action.due_date, new_due, reason
        action.due_date = new_due
    return update


def _actions(
    session: Session,
    recs: dict[tuple[str, int], Recommendation],
    people: dict[str, User],
    groups: dict[str, GovernanceGroup],
) -> tuple[int, int]:
    existing = {
        (rec_id, title) for rec_id, title in session.execute(select(Action.recommendation_id, Action.title))
    }
    actions = updates = 0
    for code, by_number in ACTIONS.items():
        for number, rows in by_number.items():
            rec = recs[(code, number)]
            for row in rows:
                if (rec.id, row[0]) in existing:
                    continue
                action = _action(rec, row, people, groups)
                session.add(action)
                actions += 1
                updates += len(action.updates)
    session.flush()
    return actions, updates


def _milestones(session: Session) -> int:
    existing = {(day, title) for day, title in session.execute(select(Milestone.on_date, Milestone.title))}
    created = 0
    for day, kind, title, detail in MILESTONES:
        if (day, title) not in existing:
            session.add(Milestone(on_date=day, kind=MilestoneKind(kind), title=title, detail=detail))
            created += 1
    session.flush()
    return created


def seed_programme(session: Session, *, hasher: Hasher, password: str) -> dict[str, int]:
    """Adds whatever of the paper's programme is missing, found by natural keys; flushes, never commits."""
    groups, n_groups = _groups(session)
    causes, n_causes = _causes(session, groups)
    recs, n_recs = _recommendations(session, causes, groups)
    people, n_people = _people(session, hasher, password)  # after the causes: scopes are checked
    n_actions, n_updates = _actions(session, recs, people, groups)
    return {
        "governance groups": n_groups,
        "causes": n_causes,
        "recommendations": n_recs,
        "demo accounts": n_people,
        "actions": n_actions,
        "action updates": n_updates,
        "milestones": _milestones(session),
    }
