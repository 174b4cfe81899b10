"""Seeds the board paper's programme: governance, causes, recommendations, actions, timeline, accounts."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.clock import LONDON
from portal.demo.programme_actions import ACTIONS, MILESTONES, OWNERS
from portal.demo.programme_data import CAUSES, GROUPS, LETTER, PEOPLE, RECOMMENDATIONS, SIX_MONTHS
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

DEMO_ACCOUNTS: tuple[tuple[str, str], ...] = tuple((p[0], p[3]) for p in PEOPLE[:9])


def _at(day: object) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=LONDON)  # type: ignore[arg-type]


def _groups(session: Session) -> tuple[dict[str, GovernanceGroup], int]:
    existing = {g.name: g for g in session.scalars(select(GovernanceGroup))}
    created = 0
    for position, (name, kind, chair, cadence, parent, purpose) in enumerate(GROUPS):
        if name not in existing:
            group = GovernanceGroup(
                name=name,
                kind=GroupKind(kind),
                chair=chair,
                cadence=cadence,
                purpose=purpose,
                position=position,
                parent=existing.get(parent or ""),
            )
            session.add(group)
            existing[name] = group
            created += 1
    session.flush()
    return existing, created


def _causes(session: Session, groups: dict[str, GovernanceGroup]) -> tuple[dict[str, Cause], int]:
    existing = {c.code: c for c in session.scalars(select(Cause))}
    created = 0
    for position, (code, title, statement, gold) in enumerate(CAUSES):
        if code not in existing:
            existing[code] = Cause(
                code=code,
                title=title,
                statement=statement,
                raised_on=LETTER,
                gold_group=groups[gold],
                position=position,
            )
            session.add(existing[code])
            created += 1
    session.flush()
    return existing, created


def _recommendations(
    session: Session, causes: dict[str, Cause], groups: dict[str, GovernanceGroup]
) -> tuple[dict[tuple[str, int], Recommendation], int]:
    existing = {(r.cause.code, r.number): r for r in session.scalars(select(Recommendation))}
    created = 0
    for code, number, text, deadline_text, silver, status, theme in RECOMMENDATIONS:
        if (code, number) in existing:
            continue
        rec = Recommendation(
            cause=causes[code],
            number=number,
            text=text,
            deadline_text=deadline_text,
            deadline=SIX_MONTHS if deadline_text == "within six months" else LETTER,
            silver_group=groups.get(silver or ""),
            status=RecommendationStatus(status),
            theme=theme,
        )
        session.add(rec)
        existing[(code, number)] = rec
        created += 1
    session.flush()
    return existing, created


def _people(session: Session, hasher: Hasher, password: str) -> tuple[dict[str, User], int]:
    created = 0
    for email, name, job_title, role, scopes in PEOPLE:
        if user_service.get_by_email(session, email=email) is None:
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
    return {u.email: u for u in session.scalars(select(User))}, created


def _actions(
    session: Session, recs: dict[tuple[str, int], Recommendation], people: dict[str, User]
) -> tuple[int, int]:
    existing = {(a.recommendation_id, a.title) for a in session.scalars(select(Action))}
    actions = updates = 0
    for code, number, title, description, owner, lpa, original_due, status, completed, log in ACTIONS:
        rec = recs[(code, number)]
        if (rec.id, title) in existing:
            continue
        owner_user = people[OWNERS[owner]]
        due = original_due
        entries = []
        previous = ActionStatus.NOT_STARTED
        for day, note, new_status, slip in log:
            entry = ActionUpdate(author_id=owner_user.id, created_at=_at(day), note=note)
            if new_status is not None:
                entry.status_from, entry.status_to = previous, ActionStatus(new_status)
                previous = ActionStatus(new_status)
            if slip is not None:
                entry.due_from, entry.due_to, entry.reason = due, slip[0], slip[1]
                due = slip[0]
            entries.append(entry)
        if status == "verified":
            entries.append(
                ActionUpdate(
                    author_id=people["dcc@portal.example"].id,
                    created_at=_at(completed),
                    note="Verified by the Force Executive.",
                    status_from=previous,
                    status_to=ActionStatus.VERIFIED,
                )
            )
        action = Action(
            recommendation=rec,
            title=title,
            description=description,
            owner_id=owner_user.id,
            group=rec.silver_group or rec.cause.gold_group,
            lpa=lpa,
            due_date=due,
            original_due_date=original_due,
            status=ActionStatus(status),
            completed_on=completed,
            created_at=_at(LETTER),
            updates=entries,
        )
        session.add(action)
        actions += 1
        updates += len(entries)
    session.flush()
    return actions, updates


def _milestones(session: Session) -> int:
    existing = {(m.on_date, m.title) for m in session.scalars(select(Milestone))}
    created = 0
    for day, kind, title, detail in MILESTONES:
        if (day, title) not in existing:
            session.add(Milestone(on_date=day, kind=MilestoneKind(kind), title=title, detail=detail))
            created += 1
    session.flush()
    return created


def seed_programme(session: Session, *, hasher: Hasher, password: str) -> dict[str, int]:
    """Idempotent: looks everything up by its natural key and adds only what is missing. Never commits."""
    groups, n_groups = _groups(session)
    causes, n_causes = _causes(session, groups)
    recs, n_recs = _recommendations(session, causes, groups)
    people, n_people = _people(session, hasher, password)
    n_actions, n_updates = _actions(session, recs, people)
    n_milestones = _milestones(session)
    return {
        "governance groups": n_groups,
        "causes": n_causes,
        "recommendations": n_recs,
        "accounts": n_people,
        "actions": n_actions,
        "action updates": n_updates,
        "milestones": n_milestones,
    }
