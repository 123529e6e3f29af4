"""Agenda rules: sessions with speakers, check-in at the door, and schedules sent by mail.

A session's presenting participants are `speakers`; the people who speak are `talks` (speakers.py). The
schedule mail carries the bilingual PDF and the ICS file; both are made by a job per recipient
(tasks.mail_schedule), so sending to hundreds of participants returns at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import User
from kcbridge.events import hybrid, mailing, notices, policy
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import itinerary
from kcbridge.events.mailing import reminder  # noqa: F401 (the schedule mail's text, used from here before)
from kcbridge.events.models import (
    AgendaSession,
    Event,
    Participant,
    RegistrationStatus,
    SessionSpeaker,
    SessionTalk,
    Speaker,
)
from kcbridge.events.schemas import SessionIn
from kcbridge.events.service import audit, event_service, to_utc
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Invalid, NotFound
from kcbridge.kit.i18n import _

LOCALE_OF_LANG = {"ko": "ko", "zh": "zh_Hans", "en": "en"}


def sessions(db: Session, event_id: int) -> list[AgendaSession]:
    return list(
        db.scalars(
            select(AgendaSession)
            .where(AgendaSession.event_id == event_id)
            .options(selectinload(AgendaSession.speakers), selectinload(AgendaSession.talks))
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
        people = {sp.id for sp in db.scalars(select(Speaker).where(Speaker.event_id == event.id))}
        for i, t in enumerate(data.people):
            if t.speaker_id not in people:
                msg = _("Speaker {id} is not a speaker of this event.").format(id=t.speaker_id)
                problems.append((("people", i, "speaker_id"), msg))
        if len({t.speaker_id for t in data.people}) != len(data.people):
            problems.append((("people",), _("A speaker is listed twice.")))
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
            track=data.track.strip(),
            stream_url=data.stream_url,
            description=data.description,
        )
        row.speakers = [
            SessionSpeaker(participant_id=s.participant_id, topic=s.topic, position=i)
            for i, s in enumerate(data.speakers)
        ]
        row.talks = [
            SessionTalk(speaker_id=t.speaker_id, topic=t.topic, position=i) for i, t in enumerate(data.people)
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
        """Mails every approved participant's people their published schedule (in their language, with
        the PDF and the ICS file), if the participant agreed to receive the organisers' mails."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        sent = 0
        for p in repo.participants(db, event.id, status=RegistrationStatus.APPROVED.value):
            if not p.mail_consent:
                continue
            if not itinerary(db, event, p):
                continue
            for uid in notices.people(db, p):
                mailing.mail_schedule.defer(db, participant_id=p.id, user_id=uid, base_url=base_url)
                sent += 1
        audit(db, user, "create", "event_reminders", event.id, mails=sent)
        return sent


def sees_streams(db: Session, user: User | None, event: Event) -> bool:
    """Organisers and participants attending online follow the sessions' live streams."""
    if user is None:
        return False
    if policy.is_organiser(db, user, event):
        return True
    mine = repo.participants_of_user(db, user.id, event.id)
    return any(p.attendance == hybrid.ONLINE and p.status == RegistrationStatus.APPROVED.value for p in mine)


def recipients(db: Session, participant: Participant) -> list[User]:
    """The registered user, else the members of the participant's organisation."""
    ids = notices.people(db, participant)
    return list(db.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))) if ids else []


agenda_service = AgendaService()
