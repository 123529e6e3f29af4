"""What participants are told about their meetings, in-app and by mail, each in the reader's language.

A notice stores ids, the event's titles, the counterpart's names in every language and the meeting's UTC
time; the notifications domain words it when it is read or mailed (`FORMATTERS`), so a Korean founder reads
"12월 15일 14:00 상하이" and her Chinese counterpart "12月15日 14:00 上海" from the same row.
Requests are the platform's own messages (mailed as every notification is); what the organisers send about
the schedule (published, moved, cancelled, reminders) is mailed only to participants who agreed to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import Membership, User
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import display_name
from kcbridge.events.models import (
    Event,
    EventCohost,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    MeetingTable,
    Participant,
    Slot,
    TableKind,
)
from kcbridge.events.timefmt import day_time
from kcbridge.kit.i18n import N_, _, get_lang
from kcbridge.notifications import service as notifications
from kcbridge.notifications.service import notify

LANGS = ("ko", "zh", "en")
RECEIVED, ACCEPTED, DECLINED, EXPIRED = (
    "meeting_request_received",
    "meeting_request_accepted",
    "meeting_request_declined",
    "meeting_request_expired",
)
PUBLISHED, MOVED, CANCELLED = "meeting_schedule_published", "meeting_moved", "meeting_cancelled"
DAY_BEFORE, HOUR_BEFORE = "meeting_tomorrow", "meeting_soon"
CONFLICT = "meeting_attendance_conflict"

TEXTS = {
    RECEIVED: N_("{with} asks you for a 1:1 meeting at “{title}”."),
    ACCEPTED: N_("{with} accepted your meeting request at “{title}”."),
    DECLINED: N_("{with} declined your meeting request at “{title}”."),
    EXPIRED: N_("Your meeting request to {with} at “{title}” expired without an answer."),
    PUBLISHED: N_("Your meeting schedule for “{title}” is published: {count} meetings."),
    MOVED: N_("Your meeting with {with} at “{title}” moved to {when}, {place}."),
    CANCELLED: N_("Your meeting with {with} at “{title}” on {when} was cancelled."),
    DAY_BEFORE: N_("Reminder: tomorrow, {when}, you meet {with} ({place}) at “{title}”."),
    HOUR_BEFORE: N_("In one hour, {when}: your meeting with {with} ({place}) at “{title}”."),
    CONFLICT: N_(
        "{with} now attends “{title}” online, but its meeting on {when} is at {place} and no online room "
        "is free then: move the meeting to an online room or another time."
    ),
}
SUBJECTS = {
    RECEIVED: N_("A meeting request"),
    ACCEPTED: N_("Your meeting request was answered"),
    DECLINED: N_("Your meeting request was answered"),
    EXPIRED: N_("Your meeting request expired"),
    PUBLISHED: N_("Your meeting schedule"),
    MOVED: N_("A meeting moved"),
    CANCELLED: N_("A meeting was cancelled"),
    DAY_BEFORE: N_("Your meeting tomorrow"),
    HOUR_BEFORE: N_("Your meeting in one hour"),
    CONFLICT: N_("A meeting needs an online room"),
}
ONLINE_PLACE = N_("online")


def _pick(versions: Any, lang: str) -> str:
    return str(notifications.in_language(versions or "", lang))


def values(payload: dict[str, Any]) -> dict[str, Any]:
    """The text's values in the current language: title, counterpart, time with its zone's city, place."""
    lang = get_lang()
    at, zone = payload.get("at"), payload.get("tz") or "UTC"
    return {
        "title": _pick(payload.get("titles"), lang),
        "with": _pick(payload.get("names"), lang),
        "when": day_time(datetime.fromisoformat(at), zone) if at else "",
        "place": _(ONLINE_PLACE) if payload.get("online") else _pick(payload.get("place"), lang),
    }


for _kind, _text in TEXTS.items():
    notifications.TEXTS[_kind] = _text
    notifications.SUBJECTS[_kind] = SUBJECTS[_kind]
    notifications.FORMATTERS[_kind] = values


def people(db: Session, participant: Participant) -> list[int]:
    """Who reads for a participant: the user who registered it while still a member, else its members."""
    members = select(Membership.user_id).where(Membership.organisation_id == participant.organisation_id)
    stmt = select(User.id).where(User.is_active.is_(True), User.id.in_(members))
    if participant.user_id is not None:
        one = db.scalar(stmt.where(User.id == participant.user_id))
        if one is not None:
            return [one]
    return list(db.scalars(stmt))


def organisers(db: Session, event: Event) -> list[int]:
    """Members of the organising organisation and of its co-hosts."""
    orgs = select(EventCohost.organisation_id).where(EventCohost.event_id == event.id)
    stmt = select(Membership.user_id).where(
        (Membership.organisation_id == event.organiser_org_id) | Membership.organisation_id.in_(orgs)
    )
    return sorted(set(db.scalars(stmt)))


class _Names:
    """Display names of an event's participants in every language, read once per notice batch."""

    def __init__(self, db: Session, event: Event) -> None:
        self.people = {p.id: p for p in repo.participants(db, event.id)}
        self.orgs = repo.organisations(db, [p.organisation_id for p in self.people.values()])

    def of(self, pid: int) -> dict[str, str]:
        p = self.people[pid]
        return {lang: display_name(p, self.orgs.get(p.organisation_id), lang) for lang in LANGS}


def _base(event: Event, link: str, **extra: Any) -> dict[str, Any]:
    titles = {lang: event.title(lang) for lang in LANGS}
    return {"event_id": event.id, "titles": titles, "tz": event.timezone, "link": link, **extra}


def _where(slot: Slot, table: MeetingTable) -> dict[str, Any]:
    return {"at": slot.starts_at.isoformat(), "place": table.name, "online": table.kind == TableKind.ONLINE}


def request_received(db: Session, request: MeetingRequest) -> None:
    event, names = request.event, _Names(db, request.event)
    payload = _base(
        event, f"/events/{event.id}#requests", request_id=request.id, names=names.of(request.from_id)
    )
    notify(db, people(db, names.people[request.to_id]), RECEIVED, payload)


def request_answered(db: Session, request: MeetingRequest, accepted: bool) -> None:
    event, names = request.event, _Names(db, request.event)
    payload = _base(
        event, f"/events/{event.id}#requests", request_id=request.id, names=names.of(request.to_id)
    )
    notify(db, people(db, names.people[request.from_id]), ACCEPTED if accepted else DECLINED, payload)


def requests_expired(db: Session, requests: Iterable[MeetingRequest]) -> None:
    by_event: dict[int, list[MeetingRequest]] = {}
    for r in requests:
        by_event.setdefault(r.event_id, []).append(r)
    for rows in by_event.values():
        event, names = rows[0].event, _Names(db, rows[0].event)
        for r in rows:
            payload = _base(event, f"/events/{event.id}#requests", request_id=r.id, names=names.of(r.to_id))
            notify(db, people(db, names.people[r.from_id]), EXPIRED, payload)


def schedule_published(db: Session, event: Event, meetings: Iterable[Meeting]) -> int:
    """Each participant with newly published meetings is told how many; returns how many were told."""
    count: Counter[int] = Counter(s.participant_id for m in meetings for s in m.seats)
    told = 0
    for pid, n in sorted(count.items()):
        p = repo.participant(db, pid)
        if p is None:
            continue
        payload = _base(event, f"/events/participants/{pid}", count=n)
        notify(db, people(db, p), PUBLISHED, payload, mail=p.mail_consent)
        told += 1
    return told


def meeting_changed(db: Session, event: Event, meeting: Meeting, kind: str, sides: Iterable[int]) -> None:
    """Both sides of a published meeting hear that it moved (MOVED) or was cancelled (CANCELLED)."""
    slot, table = repo.slot(db, meeting.slot_id), repo.table(db, meeting.table_id)
    if slot is None or table is None:
        return
    names, sides = _Names(db, event), list(sides)
    for pid in sides:
        other = next((x for x in sides if x != pid), pid)
        p = names.people[pid]
        payload = _base(event, f"/events/participants/{pid}", meeting_id=meeting.id, names=names.of(other))
        notify(db, people(db, p), kind, payload | _where(slot, table), mail=p.mail_consent)


def attendance_conflict(db: Session, event: Event, participant: Participant, meetings: list[Meeting]) -> None:
    """The organisers hear of meetings at a venue table that a participant now attending online cannot
    reach, and that found no free online room."""
    names = _Names(db, event)
    for m in meetings:
        slot, table = repo.slot(db, m.slot_id), repo.table(db, m.table_id)
        if slot is None or table is None:
            continue
        payload = _base(
            event, f"/events/{event.id}/console#meetings", meeting_id=m.id, names=names.of(participant.id)
        )
        notify(db, organisers(db, event), CONFLICT, payload | _where(slot, table), mail=False)


REMINDERS = (
    (DAY_BEFORE, timedelta(days=1), "reminded_day"),
    (HOUR_BEFORE, timedelta(hours=1), "reminded_hour"),
)


def remind(db: Session, now: datetime) -> int:
    """Tells both sides of each published meeting a day and an hour before it (once each; late
    publication skips the day-before notice). Returns how many notices were sent."""
    sent = 0
    stmt = (
        select(Meeting, Slot)
        .join(Slot, Slot.id == Meeting.slot_id)
        .where(
            Meeting.status == MeetingStatus.PUBLISHED.value,
            Slot.starts_at > now,
            Slot.starts_at <= now + timedelta(days=1),
            (Meeting.reminded_day.is_(False)) | (Meeting.reminded_hour.is_(False)),
        )
        .order_by(Meeting.event_id, Slot.starts_at, Meeting.id)
    )
    rows = db.execute(stmt).all()
    cache: dict[int, tuple[Event, _Names]] = {}
    for meeting, slot in rows:
        left = slot.starts_at - now
        due = [
            (kind, flag) for kind, ahead, flag in REMINDERS if left <= ahead and not getattr(meeting, flag)
        ]
        if not due:
            continue
        kind, _flag = due[-1]  # the nearest one; an hour before, the day-before notice is no longer news
        for _k, flag in due:
            setattr(meeting, flag, True)
        if meeting.event_id not in cache:
            event = repo.event(db, meeting.event_id)
            assert event is not None
            cache[meeting.event_id] = (event, _Names(db, event))
        event, names = cache[meeting.event_id]
        table = repo.table(db, meeting.table_id)
        sides = [s.participant_id for s in repo.meeting(db, meeting.id).seats]  # type: ignore[union-attr]
        for pid in sides:
            other = next((x for x in sides if x != pid), pid)
            p = names.people[pid]
            payload = _base(
                event, f"/events/participants/{pid}", meeting_id=meeting.id, names=names.of(other)
            )
            if table is not None:
                payload |= _where(slot, table)
            notify(db, people(db, p), kind, payload, mail=p.mail_consent)
            sent += 1
    db.flush()
    return sent
