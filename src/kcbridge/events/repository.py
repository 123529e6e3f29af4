"""Queries of the events domain. Who may read what is decided here, for every page, route and job:
`readable_requests`, `readable_participants`, `organised_event_ids` (policy.py keeps yes/no names)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import CompoundSelect, Select, false, func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, User
from kcbridge.directory.models import Organisation
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
    SchedulerRun,
    Slot,
)

# Access rules ---------------------------------------------------------------------------------


def organised_event_ids(user: User) -> CompoundSelect[Any]:
    """Events the user organises: through a membership of the organising organisation or of a co-host
    (administrators organise every event: see `organises`)."""
    mine = select(Membership.organisation_id).where(Membership.user_id == user.id)
    return union(
        select(Event.id).where(Event.organiser_org_id.in_(mine)),
        select(EventCohost.event_id).where(EventCohost.organisation_id.in_(mine)),
    )


def organises(db: Session, user: User | None, event_id: int) -> bool:
    if user is None:
        return False
    if user.is_admin:
        return True
    ids = organised_event_ids(user).subquery()
    return db.scalar(select(ids.c[0]).where(ids.c[0] == event_id).limit(1)) is not None


def acting_participant_ids(user: User) -> Select[Any]:
    """Registrations the user acts for: those of the organisations they belong to."""
    mine = select(Membership.organisation_id).where(Membership.user_id == user.id)
    return select(Participant.id).where(Participant.organisation_id.in_(mine))


def readable_requests(user: User | None) -> Select[Any]:
    """Meeting requests `user` may read: private to their two sides and the event's organisers
    (administrators read all, anonymous visitors none)."""
    stmt = select(MeetingRequest)
    if user is None:
        return stmt.where(false())
    if user.is_admin:
        return stmt
    acting = acting_participant_ids(user)
    return stmt.where(
        or_(
            MeetingRequest.event_id.in_(organised_event_ids(user)),
            MeetingRequest.from_id.in_(acting),
            MeetingRequest.to_id.in_(acting),
        )
    )


def readable_participants(user: User | None) -> Select[Any]:
    """Registrations `user` may read: approved ones for everyone, plus their own; organisers read every
    registration of their events (administrators: of every event)."""
    stmt = select(Participant)
    if user is not None and user.is_admin:
        return stmt
    approved = Participant.status == RegistrationStatus.APPROVED.value
    if user is None:
        return stmt.where(approved)
    return stmt.where(
        or_(
            approved,
            Participant.id.in_(acting_participant_ids(user)),
            Participant.event_id.in_(organised_event_ids(user)),
        )
    )


def readable_meetings(user: User | None) -> Select[Any]:
    """Live meetings `user` may read: organisers every one of their events, participants their own
    published meetings (administrators all, anonymous visitors none)."""
    stmt = (
        select(Meeting)
        .where(Meeting.status != MeetingStatus.CANCELLED.value)
        .options(selectinload(Meeting.seats))
    )
    if user is None:
        return stmt.where(false())
    if user.is_admin:
        return stmt
    seated = select(MeetingSeat.meeting_id).where(
        MeetingSeat.participant_id.in_(acting_participant_ids(user))
    )
    return stmt.where(
        or_(
            Meeting.event_id.in_(organised_event_ids(user)),
            (Meeting.status == MeetingStatus.PUBLISHED.value) & Meeting.id.in_(seated),
        )
    )


def meetings_readable(db: Session, user: User | None, event_id: int) -> list[Meeting]:
    stmt = readable_meetings(user).where(Meeting.event_id == event_id)
    return list(db.scalars(stmt.order_by(Meeting.slot_id, Meeting.table_id)))


def requests_readable(db: Session, user: User | None, event_id: int) -> list[MeetingRequest]:
    stmt = readable_requests(user).where(MeetingRequest.event_id == event_id).order_by(MeetingRequest.id)
    return list(db.scalars(stmt))


def participants_readable(db: Session, user: User | None, event_id: int) -> list[Participant]:
    stmt = readable_participants(user).where(Participant.event_id == event_id).order_by(Participant.id)
    return list(db.scalars(stmt))


# Events ---------------------------------------------------------------------------------------


def event(db: Session, event_id: int) -> Event | None:
    return db.get(Event, event_id)


def events(db: Session, *, limit: int = 100) -> list[Event]:
    return list(db.scalars(select(Event).order_by(Event.starts_at.desc(), Event.id).limit(limit)))


def slots(db: Session, event_id: int) -> list[Slot]:
    return list(db.scalars(select(Slot).where(Slot.event_id == event_id).order_by(Slot.starts_at, Slot.id)))


def slot(db: Session, slot_id: int) -> Slot | None:
    return db.get(Slot, slot_id)


def tables(db: Session, event_id: int) -> list[MeetingTable]:
    return list(
        db.scalars(select(MeetingTable).where(MeetingTable.event_id == event_id).order_by(MeetingTable.id))
    )


def table(db: Session, table_id: int) -> MeetingTable | None:
    return db.get(MeetingTable, table_id)


def participant(db: Session, participant_id: int) -> Participant | None:
    return db.get(Participant, participant_id)


def participants(db: Session, event_id: int, *, status: str | None = None) -> list[Participant]:
    stmt = select(Participant).where(Participant.event_id == event_id)
    if status:
        stmt = stmt.where(Participant.status == status)
    return list(db.scalars(stmt.order_by(Participant.id)))


def participants_of_user(db: Session, user_id: int, event_id: int | None = None) -> list[Participant]:
    """Registrations the user acts for: those of an organisation they belong to (policy.acts_for)."""
    orgs = select(Membership.organisation_id).where(Membership.user_id == user_id)
    stmt = select(Participant).where(Participant.organisation_id.in_(orgs))
    if event_id is not None:
        stmt = stmt.where(Participant.event_id == event_id)
    return list(db.scalars(stmt.order_by(Participant.id)))


def organisations(db: Session, ids: Sequence[int]) -> dict[int, Organisation]:
    if not ids:
        return {}
    return {o.id: o for o in db.scalars(select(Organisation).where(Organisation.id.in_(set(ids))))}


def request(db: Session, request_id: int) -> MeetingRequest | None:
    return db.get(MeetingRequest, request_id)


def request_between(db: Session, from_id: int, to_id: int) -> MeetingRequest | None:
    return db.scalar(
        select(MeetingRequest).where(MeetingRequest.from_id == from_id, MeetingRequest.to_id == to_id)
    )


def requests(
    db: Session, event_id: int, *, participant_ids: Sequence[int] | None = None
) -> list[MeetingRequest]:
    stmt = select(MeetingRequest).where(MeetingRequest.event_id == event_id)
    if participant_ids is not None:
        stmt = stmt.where(
            or_(MeetingRequest.from_id.in_(participant_ids), MeetingRequest.to_id.in_(participant_ids))
        )
    return list(db.scalars(stmt.order_by(MeetingRequest.id)))


def meeting(db: Session, meeting_id: int) -> Meeting | None:
    return db.scalar(select(Meeting).where(Meeting.id == meeting_id).options(selectinload(Meeting.seats)))


def meetings(
    db: Session,
    event_id: int,
    *,
    live: bool = True,
    status: str | None = None,
    participant_ids: Sequence[int] | None = None,
    slot_id: int | None = None,
) -> list[Meeting]:
    stmt = select(Meeting).where(Meeting.event_id == event_id).options(selectinload(Meeting.seats))
    if slot_id is not None:
        stmt = stmt.where(Meeting.slot_id == slot_id)
    if live:
        stmt = stmt.where(Meeting.status != MeetingStatus.CANCELLED.value)
    if status:
        stmt = stmt.where(Meeting.status == status)
    if participant_ids is not None:
        seated = select(MeetingSeat.meeting_id).where(MeetingSeat.participant_id.in_(participant_ids))
        stmt = stmt.where(Meeting.id.in_(seated))
    return list(db.scalars(stmt.order_by(Meeting.slot_id, Meeting.table_id)))


def latest_runs(db: Session, event_id: int, limit: int = 5) -> list[SchedulerRun]:
    return list(
        db.scalars(
            select(SchedulerRun)
            .where(SchedulerRun.event_id == event_id)
            .order_by(SchedulerRun.id.desc())
            .limit(limit)
        )
    )


def run(db: Session, run_id: int) -> SchedulerRun | None:
    return db.get(SchedulerRun, run_id)


def count_participants(db: Session, event_ids: Sequence[int]) -> dict[int, int]:
    if not event_ids:
        return {}
    rows = db.execute(
        select(Participant.event_id, func.count())
        .where(Participant.event_id.in_(event_ids))
        .group_by(Participant.event_id)
    ).all()
    return {e: int(n) for e, n in rows}


def bookmarks(db: Session, event_id: int, *, participant_ids: Sequence[int] | None = None) -> list[Bookmark]:
    stmt = select(Bookmark).where(Bookmark.event_id == event_id)
    if participant_ids is not None:
        stmt = stmt.where(Bookmark.participant_id.in_(participant_ids))
    return list(db.scalars(stmt.order_by(Bookmark.created_at)))


def organised_upcoming(db: Session, user: User, now: Any) -> list[Event]:
    """Events the user organises (or co-hosts) that have not ended, soonest first."""
    stmt = select(Event).where(Event.id.in_(organised_event_ids(user)), Event.ends_at >= now)
    return list(db.scalars(stmt.order_by(Event.starts_at, Event.id)))
