"""A participant's personal schedule as plain rows: what the page, the PDF and the ICS file show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory.models import Organisation
from kcbridge.events import hybrid, policy
from kcbridge.events import repository as repo
from kcbridge.events.models import Event, MeetingStatus, Participant
from kcbridge.kit.errors import Forbidden, NotFound
from kcbridge.kit.i18n import _


def display_name(participant: Participant, org: Organisation | None, lang: str) -> str:
    name = org.name(lang) if org else f"#{participant.organisation_id}"
    return f"{name} · {participant.team}" if participant.team else name


@dataclass
class Item:
    meeting_id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    table: str
    online_url: str | None  # the meeting's link (online rooms: a room of its own)
    with_id: int
    with_names: dict[str, str]  # lang → counterpart name
    message: str
    online: bool = False  # in an online room: the link is where it takes place

    def local(self, zone: str) -> tuple[datetime, datetime]:
        tz = ZoneInfo(zone)
        return self.starts_at.astimezone(tz), self.ends_at.astimezone(tz)


@dataclass
class Personal:
    event: Event
    participant: Participant
    who: dict[str, str]  # lang → participant's display name
    items: list[Item]


def personal(db: Session, user: User | None, participant_id: int) -> Personal:
    """The schedule of one participant, for that participant and the organisers only."""
    participant = repo.participant(db, participant_id)
    if participant is None:
        raise NotFound(_("This participant does not exist."))
    event = repo.event(db, participant.event_id)
    assert event is not None
    organiser = policy.is_organiser(db, user, event)
    if not (organiser or policy.acts_for(db, user, participant)):
        raise Forbidden(_("Only this participant and the organisers can see its schedule."))
    org = repo.organisations(db, [participant.organisation_id]).get(participant.organisation_id)
    who = {lang: display_name(participant, org, lang) for lang in ("ko", "zh", "en")}
    return Personal(event, participant, who, itinerary(db, event, participant))


def itinerary(db: Session, event: Event, participant: Participant, *, drafts: bool = False) -> list[Item]:
    """Published meetings of `participant` in time order (drafts too when the organiser looks)."""
    meetings = [
        m
        for m in repo.meetings(db, event.id, participant_ids=[participant.id])
        if drafts or m.status == MeetingStatus.PUBLISHED.value
    ]
    slots = {s.id: s for s in repo.slots(db, event.id)}
    tables = {t.id: t for t in repo.tables(db, event.id)}
    others = {}
    for m in meetings:
        for s in m.seats:
            if s.participant_id != participant.id:
                others[m.id] = s.participant_id
    people = {p.id: p for p in repo.participants(db, event.id)}
    orgs = repo.organisations(db, [p.organisation_id for p in people.values()])
    items = []
    for m in meetings:
        other = people[others[m.id]]
        request = repo.request(db, m.request_id)
        items.append(
            Item(
                meeting_id=m.id,
                status=m.status,
                starts_at=slots[m.slot_id].starts_at,
                ends_at=slots[m.slot_id].ends_at,
                table=tables[m.table_id].name,
                online_url=hybrid.meeting_link(event, tables[m.table_id], m.id),
                online=tables[m.table_id].kind == hybrid.ROOM,
                with_id=other.id,
                with_names={
                    lang: display_name(other, orgs.get(other.organisation_id), lang)
                    for lang in ("ko", "zh", "en")
                },
                message=request.message if request else "",
            )
        )
    return sorted(items, key=lambda i: (i.starts_at, i.meeting_id))
