"""Agenda rules: sessions with speakers, check-in at the door, and schedule reminders by mail."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, User
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import itinerary
from kcbridge.events.models import AgendaSession, Event, Participant, RegistrationStatus, SessionSpeaker
from kcbridge.events.schemas import SessionIn
from kcbridge.events.service import audit, event_service, to_utc
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Invalid, NotFound
from kcbridge.kit.i18n import _, translations
from kcbridge.kit.mail import send_mail

LOCALE_OF_LANG = {"ko": "ko", "zh": "zh_Hans", "en": "en"}


def sessions(db: Session, event_id: int) -> list[AgendaSession]:
    return list(
        db.scalars(
            select(AgendaSession)
            .where(AgendaSession.event_id == event_id)
            .options(selectinload(AgendaSession.speakers))
            .order_by(AgendaSession.starts_at, AgendaSession.id)
        )
    )


class AgendaService:
    def add_session(self, db: Session, *, user: User, event_id: int, data: SessionIn) -> AgendaSession:
        """Organisers add a session inside the event; speakers must be participants of the event."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        start, end = to_utc(data.starts_at, event.timezone), to_utc(data.ends_at, event.timezone)
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if end <= start:
            problems.append((("ends_at",), _("The session must end after it starts.")))
        elif start < event.starts_at or end > event.ends_at:
            problems.append((("starts_at",), _("The session lies outside the event.")))
        known = {p.id for p in repo.participants(db, event.id)}
        for i, s in enumerate(data.speakers):
            if s.participant_id not in known:
                msg = _("Participant {id} is not registered for this event.").format(id=s.participant_id)
                problems.append((("speakers", i, "participant_id"), msg))
        if len({s.participant_id for s in data.speakers}) != len(data.speakers):
            problems.append((("speakers",), _("A speaker is listed twice.")))
        if problems:
            raise Invalid("; ".join(m for _loc, m in problems), fields=problems)
        row = AgendaSession(
            event_id=event.id,
            kind=data.kind,
            title_ko=data.title_ko or None,
            title_zh=data.title_zh or None,
            title_en=data.title_en or None,
            starts_at=start,
            ends_at=end,
            room=data.room,
            description=data.description,
        )
        row.speakers = [
            SessionSpeaker(participant_id=s.participant_id, topic=s.topic, position=i)
            for i, s in enumerate(data.speakers)
        ]
        db.add(row)
        db.flush()
        audit(db, user, "create", "agenda_session", row.id, title=row.title("en"), speakers=len(row.speakers))
        return row

    def delete_session(self, db: Session, *, user: User, session_id: int) -> None:
        row = db.get(AgendaSession, session_id)
        if row is None:
            raise NotFound(_("This session does not exist."))
        event_service.require_organiser(db, user, event_service.get(db, row.event_id))
        db.delete(row)
        audit(db, user, "delete", "agenda_session", session_id)

    def check_in(self, db: Session, *, user: User, participant_id: int, present: bool = True) -> Participant:
        """Organisers mark a participant as arrived (or undo it)."""
        row = event_service.participant(db, participant_id)
        event_service.require_organiser(db, user, event_service.get(db, row.event_id))
        row.checked_in_at = utcnow() if present else None
        audit(db, user, "update", "event_participant", row.id, checked_in=present)
        return row

    def send_schedules(self, db: Session, *, user: User, event_id: int, base_url: str) -> int:
        """Mails every approved participant's people their published schedule (in their language)."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        sent = 0
        for p in repo.participants(db, event.id, status=RegistrationStatus.APPROVED.value):
            items = itinerary(db, event, p)
            if not items:
                continue
            for person in recipients(db, p):
                lang = {"ko": "ko", "zh_Hans": "zh"}.get(person.locale or "", "en")
                send_mail.defer(db, to=person.email, **reminder(event, p.id, items, lang, base_url))
                sent += 1
        audit(db, user, "create", "event_reminders", event.id, mails=sent)
        return sent


def recipients(db: Session, participant: Participant) -> list[User]:
    """The registered user, else the members of the participant's organisation."""
    if participant.user_id is not None:
        user = db.get(User, participant.user_id)
        return [user] if user and user.is_active else []
    stmt = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == participant.organisation_id, User.is_active.is_(True))
    )
    return list(db.scalars(stmt))


def reminder(event: Event, participant_id: int, items: list, lang: str, base_url: str) -> dict[str, str]:
    """Subject and plain-text body of a schedule reminder in `lang`, times in the event's zone."""
    t = translations(LOCALE_OF_LANG[lang])
    lines = [
        t.gettext("Your meetings at {event} ({zone}):").format(event=event.title(lang), zone=event.timezone),
        "",
    ]
    for item in items:
        start, end = item.local(event.timezone)
        who = item.with_names.get(lang) or item.with_names["en"]
        lines.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}  {who}  ({item.table})")
    link = f"{base_url.rstrip('/')}/events/participants/{participant_id}"
    lines += ["", t.gettext("Your schedule, PDF and calendar file: {link}").format(link=link)]
    subject = t.gettext("Your meeting schedule: {event}").format(event=event.title(lang))
    return {"subject": subject, "body": "\n".join(lines)}


agenda_service = AgendaService()
