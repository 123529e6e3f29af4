"""Outgoing mail: SMTP when configured, else .eml files in the data folder's outbox.

Attachments travel through the job queue as JSON: each is `{"filename", "content_type", "data"}` with the
bytes in base64 (`attachment()` makes one).
"""

from __future__ import annotations

import base64
import smtplib
import time
import uuid
from email.message import EmailMessage

from kcbridge.kit.config import get_settings
from kcbridge.kit.jobs import job


def attachment(filename: str, content_type: str, data: bytes) -> dict[str, str]:
    """An attachment as send_mail takes it (JSON-safe, for the queue)."""
    return {"filename": filename, "content_type": content_type, "data": base64.b64encode(data).decode()}


@job
def send_mail(*, to: str, subject: str, body: str, attachments: list[dict[str, str]] | None = None) -> None:
    settings = get_settings()
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4()}@kcbridge>"
    msg.set_content(body)
    for item in attachments or ():
        maintype, _sep, subtype = item["content_type"].partition("/")
        msg.add_attachment(
            base64.b64decode(item["data"]),
            maintype=maintype,
            subtype=subtype.split(";")[0].strip() or "octet-stream",
            filename=item["filename"],
        )
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
