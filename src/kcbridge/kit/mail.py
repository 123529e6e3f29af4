"""Outgoing mail: SMTP when configured, else .eml files in the data folder's outbox."""

from __future__ import annotations

import smtplib
import time
import uuid
from email.message import EmailMessage

from kcbridge.kit.config import get_settings
from kcbridge.kit.jobs import job


@job
def send_mail(*, to: str, subject: str, body: str) -> None:
    settings = get_settings()
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4()}@kcbridge>"
    msg.set_content(body)
    if not settings.smtp_host:
        settings.outbox_dir.mkdir(parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        (settings.outbox_dir / name).write_bytes(bytes(msg))
        return
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(msg)
