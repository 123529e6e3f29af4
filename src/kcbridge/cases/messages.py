"""What a case's people are told: an in-app notification and a mail, each in the recipient's language.

Notifications carry the case's subject (read only by those entitled to the case) and its link; mails name
the case by its number and link back, so no case text travels by mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.kit import i18n
from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import N_, _
from kcbridge.kit.mail import send_mail
from kcbridge.notifications import service as notify

TEXTS = {
    "case_routed": N_("A case was routed to {org}: “{title}”."),
    "case_unrouted": N_("No routing rule fits a new case: assign it to an institution (“{title}”)."),
    "case_accepted": N_("{org} accepted your case “{title}”."),
    "case_question": N_("{org} asks a question about your case “{title}”."),
    "case_reply": N_("A new message in the case “{title}”."),
    "case_resolved": N_("Your case “{title}” was resolved: please rate the answer."),
    "case_refused": N_("Your case “{title}” was refused, with reasons."),
    "case_reassigned": N_("Your case “{title}” was passed on to {org}."),
    "case_recorded": N_(
        "A case was recorded for {org} at a round table: check, correct and confirm it (“{title}”)."
    ),
    "case_shared": N_("{org} shared a case with you: “{title}”."),
    "case_first_reply_late": N_("The case “{title}” has had no first reply within its deadline."),
    "case_resolution_late": N_("The case “{title}” is past its resolution deadline."),
}
SUBJECTS = {
    "case_first_reply_late": N_("A case waits for its first reply past the deadline"),
    "case_resolution_late": N_("A case is past its resolution deadline"),
}
DEFAULT_SUBJECT = N_("News about a case")
notify.TEXTS.update(TEXTS)


def tell(db: Session, user_ids: Iterable[int], kind: str, payload: dict[str, Any]) -> None:
    """Notifies `user_ids` in the app and by mail, each mail worded in its recipient's language."""
    ids = sorted(set(user_ids))
    if not ids:
        return
    notify.notify(db, ids, kind, payload, mail=False)
    base = get_settings().base_url.rstrip("/")
    before = i18n.get_locale()
    try:
        for user in db.scalars(select(User).where(User.id.in_(ids), User.is_active.is_(True))):
            i18n.set_locale(user.locale or i18n.DEFAULT_LOCALE)
            subject = _(SUBJECTS.get(kind, DEFAULT_SUBJECT))
            values = {**notify.values(kind, payload), "title": f"#{payload['case_id']}"}
            body = "\n".join(
                [
                    _(TEXTS[kind]).format(**values),
                    "",
                    _("Open the case (log in first):"),
                    f"{base}{payload['link']}",
                ]
            )
            send_mail.defer(db, to=user.email, subject="kcbridge: " + subject, body=body)
    finally:
        i18n.set_locale(before)
