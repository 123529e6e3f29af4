"""Event rules: create events, their slots and tables, registrations, and 1:1 meeting requests.

Meetings and the scheduler live in meetings.py. Every function only flushes; the request or job commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.events import hybrid, notices, policy
from kcbridge.events import repository as repo
from kcbridge.events.models import (
    Bookmark,
    Event,
    EventCohost,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    MeetingTable,
    Participant,
    RegistrationStatus,
    RequestStatus,
    Slot,
)
from kcbridge.events.schemas import (
    AvailabilityIn,
    EventIn,
    RegistrationIn,
    RequestIn,
    SlotIn,
    SlotSeriesIn,
    TableIn,
)
from kcbridge.events.timefmt import day_time
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import N_, _, get_lang
from kcbridge.notifications import service as notifications
from kcbridge.notifications.service import notify

INVITATION = "event_invitation"
notifications.TEXTS[INVITATION] = N_(
    "{org} is invited to the event “{title}”: accept or decline on the event page."
)


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("events")


def audit(db: Session, user: User | None, action: str, kind: str, entity_id: Any, **changes: Any) -> None:
    audit_service.record(
        db, actor=actor_of(user), action=action, entity_type=kind, entity_id=entity_id, changes=changes
    )


def to_utc(value: datetime, zone: str) -> datetime:
    """A naive time is read in `zone` (what a person types for the event's place); aware ones convert."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value.astimezone(UTC)


def invalid(message: str, field: str = "__all__") -> Invalid:
    return Invalid(message, fields=[((field,), message)])


class EventService:
    def get(self, db: Session, event_id: int) -> Event:
        event = repo.event(db, event_id)
        if event is None:
            raise NotFound(_("This event does not exist."))
        return event

    def require_organiser(self, db: Session, user: User | None, event: Event) -> None:
        if not policy.is_organiser(db, user, event):
            raise Forbidden(_("Only the organisers of this event can do this."))

    def create(self, db: Session, *, user: User, data: EventIn) -> Event:
        """An event organised by one of the user's organisations (administrators: any organisation)."""
        if dir_repo.get(db, data.organiser_org_id) is None:
            raise invalid(_("This organisation does not exist."), "organiser_org_id")
        if not policy.can_register(db, user, data.organiser_org_id):
            raise Forbidden(_("You can only organise events for an organisation you belong to."))
        starts, ends = to_utc(data.starts_at, data.timezone), to_utc(data.ends_at, data.timezone)
        if ends <= starts:
            raise invalid(_("The event must end after it starts."), "ends_at")
        event = Event(
            event_type=data.event_type.value,
            mode=data.mode.value,
            title_ko=data.title_ko or None,
            title_zh=data.title_zh or None,
            title_en=data.title_en or None,
            description=data.description,
            timezone=data.timezone,
            starts_at=starts,
            ends_at=ends,
            venue=data.venue,
            online_url=data.online_url or None,
            video_base_url=data.video_base_url or None,
            languages=list(dict.fromkeys(data.languages)),
            organiser_org_id=data.organiser_org_id,
            created_by=user.id,
            requests_close_at=to_utc(data.requests_close_at, data.timezone)
            if data.requests_close_at
            else None,
        )
        db.add(event)
        db.flush()
        audit(db, user, "create", "event", event.id, title=event.title("en"), starts_at=str(starts))
        return event

    def visible_participants(self, db: Session, user: User | None, event: Event) -> list[Participant]:
        """Organisers see every registration; others see approved participants and their own."""
        return repo.participants_readable(db, user, event.id)

    def bookmarks_of(self, db: Session, *, user: User, participant_id: int) -> list[Bookmark]:
        """Whom a participant bookmarked: for its own people and the organisers only (403 otherwise)."""
        p = self.participant(db, participant_id)
        if not (policy.acts_for(db, user, p) or repo.organises(db, user, p.event_id)):
            raise Forbidden(_("Only this participant and the organisers can see its bookmarks."))
        return repo.bookmarks(db, p.event_id, participant_ids=[p.id])

    def visible_requests(self, db: Session, user: User | None, event: Event) -> list[MeetingRequest]:
        """Meeting requests are private to their two sides and the organisers."""
        return repo.requests_readable(db, user, event.id)

    def cohosts(self, db: Session, event_id: int) -> list[int]:
        return list(
            db.scalars(
                select(EventCohost.organisation_id)
                .where(EventCohost.event_id == event_id)
                .order_by(EventCohost.organisation_id)
            )
        )

    def add_cohost(self, db: Session, *, user: User, event_id: int, organisation_id: int) -> None:
        """Organisers add a co-hosting organisation; its members become organisers of the event."""
        event = self.get(db, event_id)
        self.require_organiser(db, user, event)
        org = dir_repo.get(db, organisation_id)
        if org is None:
            raise invalid(_("This organisation does not exist."), "organisation_id")
        if organisation_id == event.organiser_org_id or organisation_id in self.cohosts(db, event.id):
            raise Conflict(_("Organisation {org} already hosts this event.").format(org=org.name(get_lang())))
        db.add(EventCohost(event_id=event.id, organisation_id=organisation_id))
        db.flush()
        audit(db, user, "create", "event_cohost", event.id, organisation_id=organisation_id)

    # Slots and tables ---------------------------------------------------------------------------
    def add_slots(self, db: Session, *, user: User, event_id: int, slots: Iterable[SlotIn]) -> list[Slot]:
        """Adds slots all or nothing: each must lie inside the event and overlap no other slot."""
        event = self.get(db, event_id)
        self.require_organiser(db, user, event)
        new = [
            (to_utc(s.starts_at, event.timezone), to_utc(s.ends_at, event.timezone), s.label) for s in slots
        ]
        problems: list[tuple[tuple[str | int, ...], str]] = []
        zone = event.timezone
        taken = [
            (
                s.starts_at,
                s.ends_at,
                _("slot #{id} ({time})").format(id=s.id, time=day_time(s.starts_at, zone)),
            )
            for s in repo.slots(db, event_id)
        ]
        for i, (start, end, _label) in enumerate(new):
            n, time = i + 1, day_time(start, zone)
            if end <= start:
                msg = _("New slot {n} ({time}) must end after it starts.").format(n=n, time=time)
                problems.append((("slots", i), msg))
                continue
            if start < event.starts_at or end > event.ends_at:
                msg = _("New slot {n} ({time}) lies outside the event.").format(n=n, time=time)
                problems.append((("slots", i), msg))
            for other_start, other_end, other in taken:
                if start < other_end and other_start < end:
                    msg = _("New slot {n} ({time}) overlaps {other}.").format(n=n, time=time, other=other)
                    problems.append((("slots", i), msg))
            taken.append((start, end, _("new slot {n} ({time})").format(n=n, time=time)))
        if problems:
            raise Invalid("; ".join(msg for _loc, msg in problems), fields=problems)
        rows = [Slot(event_id=event.id, starts_at=s, ends_at=e, label=label) for s, e, label in new]
        db.add_all(rows)
        db.flush()
        audit(db, user, "create", "event_slots", event.id, slots=[r.id for r in rows])
        return rows

    def add_slot_series(self, db: Session, *, user: User, event_id: int, data: SlotSeriesIn) -> list[Slot]:
        """`count` slots of `minutes`, separated by breaks of `break_minutes`."""
        step, length = timedelta(minutes=data.minutes + data.break_minutes), timedelta(minutes=data.minutes)
        series = [
            SlotIn(starts_at=data.starts_at + i * step, ends_at=data.starts_at + i * step + length)
            for i in range(data.count)
        ]
        return self.add_slots(db, user=user, event_id=event_id, slots=series)

    def delete_slot(self, db: Session, *, user: User, slot_id: int) -> None:
        slot = repo.slot(db, slot_id)
        if slot is None:
            raise NotFound(_("This slot does not exist."))
        self.require_organiser(db, user, self.get(db, slot.event_id))
        if repo.meetings(db, slot.event_id, status=MeetingStatus.PUBLISHED.value, slot_id=slot.id):
            raise Conflict(_("Published meetings use this slot; cancel them first."))
        db.delete(slot)
        audit(db, user, "delete", "event_slot", slot_id)

    def add_table(self, db: Session, *, user: User, event_id: int, data: TableIn) -> MeetingTable:
        event = self.get(db, event_id)
        self.require_organiser(db, user, event)
        if data.owner_id is not None:
            owner = repo.participant(db, data.owner_id)
            if owner is None or owner.event_id != event.id:
                raise invalid(
                    _("Participant {id} is not registered for this event.").format(id=data.owner_id),
                    "owner_id",
                )
        if any(t.name == data.name for t in repo.tables(db, event.id)):
            raise Conflict(_("A table named '{name}' already exists.").format(name=data.name))
        row = MeetingTable(
            event_id=event.id,
            name=data.name,
            owner_id=data.owner_id,
            online_url=data.online_url,
            kind=data.kind.value,
        )
        if not hybrid.room_has_link(event, row):
            raise invalid(
                _(
                    "An online room needs a link: give it one, or set the event's video-meeting address "
                    "first."
                ),
                "online_url",
            )
        db.add(row)
        db.flush()
        audit(db, user, "create", "event_table", row.id, name=row.name, owner_id=row.owner_id)
        return row

    # Registrations ------------------------------------------------------------------------------
    def register(self, db: Session, *, user: User, event_id: int, data: RegistrationIn) -> Participant:
        """A member registers their organisation (pending approval, approved when an organiser does it).
        Organisers registering an organisation they do not belong to invite it: its members accept."""
        event = self.get(db, event_id)
        organiser = policy.is_organiser(db, user, event)
        org = dir_repo.get(db, data.organisation_id)
        if org is None:
            raise invalid(_("This organisation does not exist."), "organisation_id")
        member = policy.is_member(db, user, data.organisation_id)
        if not organiser and not member:
            raise Forbidden(_("You can only register an organisation you belong to."))
        if not organiser and not event.registration_open:
            raise Conflict(_("Registration for this event is closed."))
        team = data.team.strip()
        if any(
            p.organisation_id == data.organisation_id and p.team == team
            for p in repo.participants(db, event.id)
        ):
            raise Conflict(
                _("Organisation {org} is already registered for event {event}.").format(
                    org=data.organisation_id, event=event.id
                )
            )
        if member:
            status = RegistrationStatus.APPROVED if organiser else RegistrationStatus.PENDING
        else:
            status = RegistrationStatus.INVITED
        row = Participant(
            event_id=event.id,
            organisation_id=data.organisation_id,
            user_id=user.id if member else None,
            team=team,
            role=data.role.value,
            status=status.value,
            max_meetings=data.max_meetings,
            mail_consent=data.mail_consent if member else False,
            attendance=self._attendance(event, data),
            offer=data.offer.strip(),
            seek=data.seek.strip(),
        )
        try:
            with db.begin_nested():  # a savepoint: the unique constraint's refusal leaves the rest intact
                db.add(row)
                db.flush()
        except IntegrityError:  # the same organisation registered at the same moment by another request
            raise Conflict(
                _("Organisation {org} is already registered for event {event}.").format(
                    org=data.organisation_id, event=event.id
                )
            ) from None
        audit(db, user, "create", "event_participant", row.id, event_id=event.id, status=row.status)
        if status is RegistrationStatus.INVITED:
            notify(
                db,
                [u.id for u, _role in dir_repo.members(db, org.id)],
                INVITATION,
                {"title": event.titles(), "org": org.names(), "link": f"/events/{event.id}#register"},
            )
        return row

    def _attendance(self, event: Event, data: RegistrationIn) -> str:
        if data.attendance is None:
            return hybrid.default_attendance(event)
        if data.attendance.value not in hybrid.attendances(event):
            message = (
                _("This event takes place on site only.")
                if event.mode == "onsite"
                else _("This event takes place online only.")
            )
            raise invalid(message, "attendance")
        return data.attendance.value

    def answer_invitation(
        self, db: Session, *, user: User, participant_id: int, accept: bool, mail_consent: bool = False
    ) -> Participant:
        """A member of the invited organisation accepts (it takes part, approved) or declines; nobody else
        answers for it, not even the organisers."""
        row = self.participant(db, participant_id)
        if not policy.is_member(db, user, row.organisation_id):
            raise Forbidden(_("Only members of the invited organisation can answer this invitation."))
        if row.status != RegistrationStatus.INVITED.value:
            raise Conflict(_("This invitation has already been answered."))
        before = row.status
        row.status = (RegistrationStatus.APPROVED if accept else RegistrationStatus.DECLINED).value
        if accept:
            row.user_id = user.id
            row.mail_consent = mail_consent
        audit(db, user, "update", "event_participant", row.id, status=[before, row.status])
        return row

    def participant(self, db: Session, participant_id: int) -> Participant:
        row = repo.participant(db, participant_id)
        if row is None:
            raise NotFound(_("This participant does not exist."))
        return row

    def decide(self, db: Session, *, user: User, participant_id: int, approve: bool) -> Participant:
        """Organisers approve or reject a registration; an invitation is the invited organisation's to answer."""
        row = self.participant(db, participant_id)
        self.require_organiser(db, user, self.get(db, row.event_id))
        if row.status in (RegistrationStatus.INVITED.value, RegistrationStatus.DECLINED.value):
            raise Forbidden(_("Only the invited organisation can accept or decline its invitation."))
        before = row.status
        row.status = (RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED).value
        audit(db, user, "update", "event_participant", row.id, status=[before, row.status])
        return row

    def set_availability(
        self, db: Session, *, user: User, participant_id: int, data: AvailabilityIn
    ) -> Participant:
        """The participant (or an organiser) says which slots it can meet in and how many meetings at most."""
        row = self.participant(db, participant_id)
        event = self.get(db, row.event_id)
        if not (policy.acts_for(db, user, row) or policy.is_organiser(db, user, event)):
            raise Forbidden(_("Only this participant or the organisers can change its availability."))
        if data.slots is not None:
            known = {s.id for s in repo.slots(db, event.id)}
            unknown = sorted(set(data.slots) - known)
            if unknown:
                raise invalid(
                    _("Unknown slots for this event: {ids}.").format(ids=", ".join(map(str, unknown))),
                    "slots",
                )
            row.availability = sorted(set(data.slots))
        else:
            row.availability = None
        row.max_meetings = data.max_meetings
        audit(db, user, "update", "event_participant", row.id, availability=row.availability)
        return row

    # Meeting requests ---------------------------------------------------------------------------
    def request_meeting(self, db: Session, *, user: User, event_id: int, data: RequestIn) -> MeetingRequest:
        """One approved participant asks another for a 1:1 meeting."""
        event = self.get(db, event_id)
        if data.from_id == data.to_id:
            raise invalid(
                _("Participant {id} cannot request a meeting with itself.").format(id=data.from_id), "to_id"
            )
        sender, target = repo.participant(db, data.from_id), repo.participant(db, data.to_id)
        for field, found, pid in (("from_id", sender, data.from_id), ("to_id", target, data.to_id)):
            if found is None or found.event_id != event.id:
                raise invalid(_("Participant {id} is not registered for this event.").format(id=pid), field)
        assert sender is not None and target is not None
        if not policy.acts_for(db, user, sender):
            raise Forbidden(_("You can only send requests for your own registration."))
        if sender.organisation_id == target.organisation_id:
            raise invalid(_("Both sides belong to the same organisation."), "to_id")
        for side in (sender, target):
            if side.status != RegistrationStatus.APPROVED.value:
                raise Conflict(_("Participant {id} is not approved yet.").format(id=side.id))
        if event.requests_close_at and utcnow() >= event.requests_close_at:
            raise Conflict(_("Meeting requests for this event are closed."))
        existing = repo.request_between(db, sender.id, target.id)
        if existing is not None:
            raise Conflict(
                _("Participant {a} already asked participant {b} for a meeting (request {id}).").format(
                    a=sender.id, b=target.id, id=existing.id
                )
            )
        row = MeetingRequest(
            event_id=event.id, from_id=sender.id, to_id=target.id, message=data.message.strip()
        )
        db.add(row)
        db.flush()
        audit(db, user, "create", "meeting_request", row.id, from_id=sender.id, to_id=target.id)
        notices.request_received(db, row)
        return row

    def answer(self, db: Session, *, user: User, request_id: int, accept: bool) -> MeetingRequest:
        """The asked side accepts or declines (only its own people: organisers do not answer for it);
        declining cancels a placed meeting."""
        row = repo.request(db, request_id)
        if row is None:
            raise NotFound(_("This meeting request does not exist."))
        event = self.get(db, row.event_id)
        target = self.participant(db, row.to_id)
        if not policy.acts_for(db, user, target):
            raise Forbidden(_("Only the asked participant can answer this request."))
        if row.status == RequestStatus.EXPIRED.value:
            raise Conflict(_("This request has expired."))
        before = row.status
        row.status = (RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED).value
        row.answered_at = utcnow()
        if not accept:
            for meeting in repo.meetings(db, event.id):
                if meeting.request_id == row.id:
                    cancel_meeting(db, meeting)
        audit(db, user, "update", "meeting_request", row.id, status=[before, row.status])
        notices.request_answered(db, row, accept)
        return row

    def bookmark(
        self, db: Session, *, user: User, participant_id: int, target_id: int, on: bool = True
    ) -> bool:
        """A participant bookmarks (or forgets) another, e.g. an investor a pitched project; returns the state."""
        me, target = self.participant(db, participant_id), repo.participant(db, target_id)
        if target is None or target.event_id != me.event_id:
            raise invalid(
                _("Participant {id} is not registered for this event.").format(id=target_id), "target_id"
            )
        if target.id == me.id:
            raise invalid(_("Participant {id} cannot bookmark itself.").format(id=me.id), "target_id")
        if not policy.acts_for(db, user, me):
            raise Forbidden(_("You can only bookmark for your own registration."))
        row = db.get(Bookmark, (me.id, target.id))
        if on and row is None:
            db.add(Bookmark(participant_id=me.id, target_id=target.id, event_id=me.event_id))
        elif not on and row is not None:
            db.delete(row)
        db.flush()
        return on

    def expire_requests(
        self, db: Session, *, event_id: int | None = None, now: datetime | None = None
    ) -> int:
        """Periodic (and before a scheduler run): requests still pending when their event's requests
        closed are stored as expired, one audit entry per event. Readers already saw them as expired."""
        now = now or utcnow()
        closed = select(Event.id).where(Event.requests_close_at.is_not(None), Event.requests_close_at <= now)
        if event_id is not None:
            closed = closed.where(Event.id == self.get(db, event_id).id)
        closed = closed.correlate(None)
        due = (
            MeetingRequest.event_id.in_(closed),
            MeetingRequest.stored_status == RequestStatus.PENDING.value,
        )
        by_event = select(MeetingRequest.event_id, func.count()).where(*due).group_by(MeetingRequest.event_id)
        counts: dict[int, int] = {eid: int(n) for eid, n in db.execute(by_event)}
        if not counts:
            return 0
        expiring = list(db.scalars(select(MeetingRequest).where(*due).order_by(MeetingRequest.id)))
        db.execute(
            update(MeetingRequest)
            .where(*due)
            .values(stored_status=RequestStatus.EXPIRED.value, answered_at=now)
            .execution_options(synchronize_session="fetch")
        )
        for eid, n in sorted(counts.items()):
            audit(db, None, "expired", "event_meeting_requests", eid, expired=n)
        notices.requests_expired(db, expiring)
        return sum(counts.values())


def cancel_meeting(db: Session, meeting: Meeting) -> None:
    """Frees the meeting's table and seats; the row stays for the statistics."""
    meeting.status = MeetingStatus.CANCELLED.value
    meeting.updated_at = utcnow()
    for seat in list(meeting.seats):
        db.delete(seat)
    db.flush()


def seat(meeting: Meeting, participant_ids: Iterable[int]) -> None:
    meeting.seats = [MeetingSeat(participant_id=p, slot_id=meeting.slot_id) for p in participant_ids]


event_service = EventService()
