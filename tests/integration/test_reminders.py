"""Reminders and digests against a real SMTP server on loopback: recipients, content, no repeats."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import DONE_STATUSES, Action, Notification, Role, User
from portal.services import reminders

TODAY = date(2024, 2, 27)
NOW = datetime(2024, 2, 27, 7, 0, tzinfo=UTC)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], object]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))  # type: ignore[attr-defined]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _body(message: object) -> str:
    return message.get_payload(decode=True).decode()  # type: ignore[attr-defined]


def test_reminders_and_digests_sent_once(app: Flask, db_session: Session, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    settings = app.config["PORTAL"].with_overrides(
        smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, smtp_from="engage@portal.example"
    )
    due = db_session.scalars(
        select(Action).where(
            Action.status.not_in(DONE_STATUSES),
            Action.due_date <= TODAY + timedelta(days=7),
            Action.owner_id.is_not(None),
        )
    ).all()
    assert due, "the demo has overdue actions"
    owners = {db_session.get(User, a.owner_id).email for a in due}
    golds = set(db_session.scalars(select(User.email).where(User.role == Role.GOLD)))
    detail = reminders.send_reminders(db_session, settings=settings, today=TODAY, now=NOW)
    assert detail["reminder_actions"] == len(due) and detail["reminder_emails"] == len(owners)
    reminder_mail = {to[0]: m for to, m in inbox.messages if "actions due" in m["Subject"]}
    digest_mail = {to[0]: m for to, m in inbox.messages if "weekly digest" in m["Subject"]}
    assert set(reminder_mail) == owners
    assert set(digest_mail) == golds
    sample = due[0]
    text = _body(reminder_mail[db_session.get(User, sample.owner_id).email])
    assert sample.title in text and "OFFICIAL-SENSITIVE" in text
    assert "INV:" in _body(digest_mail["gold.investigations@portal.example"])
    assert all(m["From"] == "engage@portal.example" for _, m in inbox.messages)
    notes = db_session.scalar(
        select(func.count()).select_from(Notification).where(Notification.kind == "reminder")
    )
    assert notes == len(due)
    sent = len(inbox.messages)
    again = reminders.send_reminders(db_session, settings=settings, today=TODAY, now=NOW + timedelta(days=1))
    assert again["reminder_actions"] == 0 and again["digests"] == 0 and len(inbox.messages) == sent
    later = reminders.send_reminders(db_session, settings=settings, today=TODAY, now=NOW + timedelta(days=7))
    assert later["reminder_actions"] == len(due) and len(inbox.messages) > sent


def test_without_smtp_host_in_app_only(app: Flask, db_session: Session) -> None:
    settings = app.config["PORTAL"].with_overrides(smtp_host=None)
    detail = reminders.send_reminders(db_session, settings=settings, today=TODAY, now=NOW)
    assert detail["reminder_emails"] == 0 and detail["digest_emails"] == 0 and detail["digests"] > 0
    assert db_session.scalar(select(func.count()).select_from(Notification)) >= detail["reminder_actions"]


def test_beat_schedule_and_cli(tmp_path: object) -> None:
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from portal.access import Principal, permissions_for
    from portal.services.refresh import beat_schedule

    admin = Principal(1, "a@x", "A", Role.ADMIN, permissions_for(Role.ADMIN), frozenset(), frozenset(), None)
    entries = {e.task: e.when for e in beat_schedule(principal=admin)}
    assert entries["portal.send_reminders"] == "daily at 07:00 (UK time)"
    folder = Path(str(tmp_path))
    env = os.environ | {
        "PORTAL_DATABASE_URL": f"sqlite:///{folder / 'r.sqlite'}",
        "PORTAL_INSTANCE_DIR": str(folder),
    }
    for args in (["db", "upgrade"], ["reminders", "send"]):
        done = subprocess.run(
            [sys.executable, "-m", "portal.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == {
        "reminder_actions": 0,
        "reminder_owners": 0,
        "reminder_emails": 0,
        "digests": 0,
        "digest_emails": 0,
    }
