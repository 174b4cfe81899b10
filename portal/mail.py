"""Outgoing mail over SMTP (smtplib); without PORTAL_SMTP_HOST nothing is sent (in-app only)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from portal.config import Config


def enabled(settings: Config) -> bool:
    return bool(settings.smtp_host)


def send(settings: Config, *, to: str, subject: str, body: str) -> bool:
    """Send one plain-text message; False when mail is not configured."""
    if not settings.smtp_host:
        return False
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
    return True
