"""In-app notifications (and mail) for each step; texts are worded in the reader's language when shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.kit import i18n
from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import N_, _
from kcbridge.kit.mail import send_mail
from kcbridge.notifications.models import Notification

TEXTS = {
    "eoi_received": N_("{org} expressed interest in your opportunity “{title}”."),
    "eoi_received_profile": N_("{org} expressed interest in cooperating with {title}."),
    "eoi_accepted": N_(
        "Your expression of interest in “{title}” was accepted: contact details are now visible."
    ),
    "eoi_declined": N_("Your expression of interest in “{title}” was declined."),
    "eoi_expired": N_("Your expression of interest in “{title}” expired without an answer."),
    "review_needed": N_("An opportunity waits for review: “{title}”."),
    "opp_published": N_("Your opportunity “{title}” was approved and is published."),
    "opp_returned": N_("Your opportunity “{title}” was returned for changes: {comment}"),
    "opp_rejected": N_("Your opportunity “{title}” was rejected: {comment}"),
    "match_digest": N_("New opportunities that fit {org} ({count}): {title}"),
}
# Kinds of other domains may give their mails a subject of their own (default: "Opportunities") and turn a
# stored payload into the values of their text in the reader's language (a time in the reader's words, a
# title in the reader's language), so that what was stored once reads right for everyone, whenever shown.
SUBJECTS: dict[str, str] = {}
FORMATTERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


LANGS = frozenset({"ko", "zh", "en"})


def in_language(value: Any, lang: str) -> Any:
    """A payload value as `lang` reads it. Names and titles are stored in every language they have
    ({"ko": …, "zh": …, "en": …}): the reader's, else English, else the first; a list of such values reads
    as its items joined by " · "; anything else as stored."""
    if isinstance(value, dict) and value and set(value) <= LANGS:
        return value.get(lang) or value.get("en") or next((v for v in value.values() if v), "")
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return " · ".join(str(in_language(v, lang)) for v in value)
    return value


def values(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The values of a notification's text in the current language."""
    lang = i18n.get_lang()
    worded = {"org": "", "title": "", "comment": "", "count": ""}
    worded.update({key: in_language(value, lang) for key, value in payload.items()})
    if kind in FORMATTERS:
        worded.update(FORMATTERS[kind](payload))
    return worded


def text(kind: str, payload: dict[str, Any]) -> str:
    """The notification in the current locale."""
    template = TEXTS.get(kind)
    if template is None:
        return kind
    return _(template).format(**values(kind, payload))


def subject(kind: str) -> str:
    """The mail subject of a kind in the current locale."""
    return "kcbridge: " + _(SUBJECTS.get(kind, N_("Opportunities")))


def link(payload: dict[str, Any]) -> str:
    if str(payload.get("link", "")).startswith("/") and not str(payload["link"]).startswith("//"):
        return str(payload["link"])  # kinds of other domains say where they lead (a local path)
    if "eoi_id" in payload:
        return "/interests"
    if "opportunity_ids" in payload:
        return f"/matches?org={payload.get('organisation_id', '')}&kind=opportunity"
    if "opportunity_id" in payload:
        return f"/opportunities/{payload['opportunity_id']}"
    return "/notifications"


def notify(
    db: Session, user_ids: Iterable[int], kind: str, payload: dict[str, Any], *, mail: bool = True
) -> None:
    """One notification per user, and a mail in the user's language once the unit of work commits."""
    ids = sorted(set(user_ids))
    if not ids:
        return
    for uid in ids:
        db.add(Notification(user_id=uid, kind=kind, payload=payload))
    if not mail:
        return
    base = get_settings().base_url.rstrip("/")
    before = i18n.get_locale()
    try:
        for user in db.scalars(select(User).where(User.id.in_(ids), User.is_active.is_(True))):
            i18n.set_locale(user.locale or i18n.DEFAULT_LOCALE)
            body = text(kind, payload) + "\n\n" + base + link(payload)
            send_mail.defer(db, to=user.email, subject=subject(kind), body=body)
    finally:
        i18n.set_locale(before)
