"""Tables of events: the event, its slots and tables, participants, meeting requests and meetings.

Double booking is refused by the database itself: a live meeting holds its (slot, table) pair and one
seat per participant and slot, so two organisers editing at once cannot place anyone twice.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.kit.db import Base, UTCDateTime, utcnow


class EventType(enum.StrEnum):
    FORUM = "forum"
    PITCH_SESSION = "pitch_session"
    TRADE_FAIR = "trade_fair"
    DELEGATION_VISIT = "delegation_visit"
    WORKSHOP = "workshop"
    ROUND_TABLE = "round_table"


class EventMode(enum.StrEnum):
    ONSITE = "onsite"
    ONLINE = "online"
    HYBRID = "hybrid"


class ParticipantRole(enum.StrEnum):
    VISITOR = "visitor"
    EXHIBITOR = "exhibitor"
    SPEAKER = "speaker"
    INVESTOR = "investor"
    HOST_TEAM = "host_team"


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class MeetingStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class MeetingOutcome(enum.StrEnum):
    HELD = "held"
    NO_SHOW = "no_show"


class Event(Base):
    """A forum, pitch session, fair or delegation visit; times are stored in UTC and shown in `timezone`."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(30), index=True)
    mode: Mapped[str] = mapped_column(String(10), default=EventMode.ONSITE.value)
    title_ko: Mapped[str | None] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str | None] = mapped_column(String(500))
    # Languages of the event, the first being its main one (schedules print in the viewer's and this one).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    organiser_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    registration_open: Mapped[bool] = mapped_column(Boolean, default=True)
    requests_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def title(self, lang: str) -> str:
        own = {"ko": self.title_ko, "zh": self.title_zh, "en": self.title_en}.get(lang)
        return own or self.title_en or self.title_ko or self.title_zh or ""


class EventCohost(Base):
    """A co-hosting organisation: its members run the event alongside the organiser's."""

    __tablename__ = "event_cohost"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True, index=True)


class Slot(Base):
    """A meeting slot of an event; slots of one event never overlap."""

    __tablename__ = "event_slot"
    __table_args__ = (
        UniqueConstraint("event_id", "starts_at", name="uq_event_slot_event_id_starts_at"),
        CheckConstraint("ends_at > starts_at", name="slot_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    label: Mapped[str] = mapped_column(String(100), default="")


class Participant(Base):
    """A registration of an organisation (or one of its teams) to an event, with its role and availability."""

    __tablename__ = "event_participant"
    __table_args__ = (
        UniqueConstraint("event_id", "organisation_id", "team", name="uq_event_participant_event_org_team"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    team: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default=ParticipantRole.VISITOR.value)
    status: Mapped[str] = mapped_column(String(20), default=RegistrationStatus.PENDING.value)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    # Slot ids the participant can meet in; None means every slot.
    availability: Mapped[list[int] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MeetingTable(Base):
    """A table, booth or room; an owner (a host team, an exhibitor) meets only at its own table."""

    __tablename__ = "event_table"
    __table_args__ = (UniqueConstraint("event_id", "name", name="uq_event_table_event_id_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_participant.id", ondelete="SET NULL"), index=True
    )
    online_url: Mapped[str | None] = mapped_column(String(500))


class MeetingRequest(Base):
    """One participant asks another for a 1:1 meeting; the other side accepts or declines."""

    __tablename__ = "meeting_request"
    __table_args__ = (
        UniqueConstraint("event_id", "from_id", "to_id", name="uq_meeting_request_event_from_to"),
        CheckConstraint("from_id <> to_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    to_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.PENDING.value)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


LIVE = text("status <> 'cancelled'")


class Meeting(Base):
    """A placed meeting. Drafts come from the scheduler; published and locked ones never move by themselves."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index(
            "uq_meeting_live_slot_table",
            "slot_id",
            "table_id",
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        Index("uq_meeting_live_request", "request_id", unique=True, sqlite_where=LIVE, postgresql_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("meeting_request.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("event_slot.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("event_table.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.DRAFT.value)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    seats: Mapped[list[MeetingSeat]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", lazy="raise"
    )


class MeetingSeat(Base):
    """A participant's seat in a live meeting: unique per (slot, participant), so nobody is booked twice."""

    __tablename__ = "meeting_seat"
    __table_args__ = (UniqueConstraint("slot_id", "participant_id", name="uq_meeting_seat_slot_participant"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("event_slot.id", ondelete="CASCADE"), index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="seats", lazy="raise")


class Bookmark(Base):
    """A participant marks another (a pitched project, an exhibitor) as interesting; it counts as interest
    when the scheduler weighs a request between the two."""

    __tablename__ = "event_bookmark"
    __table_args__ = (CheckConstraint("participant_id <> target_id", name="not_self"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionKind(enum.StrEnum):
    KEYNOTE = "keynote"
    PANEL = "panel"
    PRESENTATION = "presentation"
    PITCH = "pitch"
    NETWORKING = "networking"
    BREAK = "break"


class AgendaSession(Base):
    """A session of the agenda (keynote, panel, company presentation, pitch, break)."""

    __tablename__ = "agenda_session"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="session_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=SessionKind.PRESENTATION.value)
    title_ko: Mapped[str | None] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    room: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")

    speakers: Mapped[list[SessionSpeaker]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="SessionSpeaker.position"
    )

    def title(self, lang: str) -> str:
        own = {"ko": self.title_ko, "zh": self.title_zh, "en": self.title_en}.get(lang)
        return own or self.title_en or self.title_ko or self.title_zh or ""


class SessionSpeaker(Base):
    """A participant speaking or presenting in a session, with the topic of their talk."""

    __tablename__ = "session_speaker"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_session.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(String(300), default="")


class SchedulerRun(Base):
    """One run of the scheduler for an event, queued by an organiser and finished by a background job."""

    __tablename__ = "scheduler_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued, running, done, failed
    time_limit: Mapped[float] = mapped_column(Float, default=10.0)
    objective: Mapped[float | None] = mapped_column(Float)
    upper_bound: Mapped[float | None] = mapped_column(Float)
    meetings: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
