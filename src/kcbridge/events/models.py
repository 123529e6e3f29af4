"""Tables of events: the event, its slots and tables, participants, meeting requests and meetings.

Double booking is refused by the database itself: a live meeting holds its (slot, table) pair and one
seat per participant and slot, so two organisers editing at once cannot place anyone twice.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    select,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.kit.db import Base, UTCDateTime, utcnow
from kcbridge.kit.lapse import Lapsing


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
    PRODUCER = "producer"
    BUYER = "buyer"


class Attendance(enum.StrEnum):
    """How a participant attends a hybrid event: meetings with an online side take place online."""

    ONSITE = "onsite"
    ONLINE = "online"


class TableKind(enum.StrEnum):
    TABLE = "table"  # a table, booth or room at the venue
    ONLINE = "online"  # an online meeting room: a link per meeting


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"  # the organisation registered itself; the organisers decide
    APPROVED = "approved"
    REJECTED = "rejected"
    INVITED = "invited"  # an organiser registered another organisation; its members decide
    DECLINED = "declined"  # the invited organisation said no


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
    # The organiser's video-meeting address: an online room without its own link gives each meeting a room
    # of its own under it (hybrid.py).
    video_base_url: Mapped[str | None] = mapped_column(String(500))
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

    def titles(self) -> dict[str, str]:
        """The title in every language it has."""
        return {k: v for k, v in (("ko", self.title_ko), ("zh", self.title_zh), ("en", self.title_en)) if v}


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
    # The organisation agreed to receive the organisers' mails (schedules, reminders); never assumed.
    mail_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    attendance: Mapped[str] = mapped_column(
        String(10), default=Attendance.ONSITE.value, server_default=Attendance.ONSITE.value
    )
    # One line each of what the participant offers and seeks at this event (the marketplace card).
    offer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    seek: Mapped[str] = mapped_column(String(200), default="", server_default="")


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
    kind: Mapped[str] = mapped_column(String(10), default=TableKind.TABLE.value, server_default="table")


class MeetingRequest(Base):
    """One participant asks another for a 1:1 meeting; the other side accepts or declines.

    `status` is what every reader sees: a request still pending when the event's requests close reads as
    expired, in Python and in SQL; `stored_status` is the column, which the hourly job brings in line."""

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
    stored_status: Mapped[str] = mapped_column("status", String(20), default=RequestStatus.PENDING.value)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The pitched project the request is about, if any (pitch sessions).
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_project.id", ondelete="SET NULL"), index=True
    )
    # Loaded with the request (one join): its requests_close_at decides whether a pending request expired.
    event: Mapped[Event] = relationship(lazy="joined", innerjoin=True)

    @hybrid_property
    def status(self) -> str:
        closes = self.event.requests_close_at if self.event is not None else None
        if self.stored_status == RequestStatus.PENDING.value and closes is not None and utcnow() >= closes:
            return RequestStatus.EXPIRED.value
        return self.stored_status

    @status.inplace.setter
    def _set_status(self, value: str) -> None:
        self.stored_status = value

    @status.inplace.comparator
    @classmethod
    def _status_sql(cls) -> Lapsing:
        closed = (
            select(Event.id)
            .where(Event.requests_close_at.is_not(None), Event.requests_close_at <= utcnow())
            .correlate(None)
        )  # never tied to an event of the enclosing query
        pending, expired = RequestStatus.PENDING.value, RequestStatus.EXPIRED.value
        return Lapsing(cls.stored_status, pending, expired, cls.event_id.in_(closed))


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
    # Reminders sent to both sides (a day and an hour before); a move clears them.
    reminded_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reminded_hour: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

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
    # The agenda's column for parallel sessions (blank: the room names it).
    track: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # A live stream of the session, shown to online participants.
    stream_url: Mapped[str | None] = mapped_column(String(500))

    speakers: Mapped[list[SessionSpeaker]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="SessionSpeaker.position"
    )
    # Speakers as people (Speaker), in order; `speakers` are the presenting participants.
    talks: Mapped[list[SessionTalk]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="SessionTalk.position"
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
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProjectStage(enum.StrEnum):
    PLANNING = "planning"
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    READY = "ready"


class ProjectKind(enum.StrEnum):
    TECHNOLOGY = "technology"  # technology looking for investment or partners
    COPRODUCTION = "coproduction"  # content looking for co-producers
    PRESALES = "presales"  # a product offered to buyers before launch


class Project(Base):
    """A project an organisation pitches at an event, in a pitch session of its agenda."""

    __tablename__ = "event_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_session.id", ondelete="SET NULL"), index=True
    )
    title_ko: Mapped[str | None] = mapped_column(String(200))
    title_zh: Mapped[str | None] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    logline_ko: Mapped[str] = mapped_column(String(300), default="")
    logline_zh: Mapped[str] = mapped_column(String(300), default="")
    logline_en: Mapped[str] = mapped_column(String(300), default="")
    description_ko: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20), default=ProjectStage.DEVELOPMENT.value)
    kind: Mapped[str] = mapped_column(String(20), default=ProjectKind.TECHNOLOGY.value)
    ask_amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    materials_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def text(self, field: str, lang: str) -> str:
        """`field` (title, logline, description) in `lang`, else the first version written."""
        versions = {x: getattr(self, f"{field}_{x}") or "" for x in ("ko", "zh", "en")}
        return versions.get(lang) or versions["en"] or versions["ko"] or versions["zh"]

    def title(self, lang: str) -> str:
        return self.text("title", lang)


class ProjectBookmark(Base):
    """A participant (an investor, producer or buyer) marks a pitched project as interesting."""

    __tablename__ = "event_project_bookmark"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("event_participant.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("event_project.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Speaker(Base):
    """A person speaking at an event: someone of the directory (`person_id`) or a guest, with a title,
    an organisation, a photo and a short bio in each language."""

    __tablename__ = "event_speaker"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    name_ko: Mapped[str | None] = mapped_column(String(120))
    name_zh: Mapped[str | None] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    title_ko: Mapped[str] = mapped_column(String(200), default="")
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    org_name: Mapped[str] = mapped_column(String(200), default="")  # a guest's organisation, as written
    bio_ko: Mapped[str] = mapped_column(Text, default="")
    bio_zh: Mapped[str] = mapped_column(Text, default="")
    bio_en: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_type: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def text(self, field: str, lang: str) -> str:
        versions = {x: getattr(self, f"{field}_{x}") or "" for x in ("ko", "zh", "en")}
        return versions.get(lang) or versions["en"] or versions["ko"] or versions["zh"]

    def name(self, lang: str) -> str:
        return self.text("name", lang)


class SessionTalk(Base):
    """A speaker (a person) in an agenda session, in order, with the topic of the talk."""

    __tablename__ = "session_talk"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_session.id", ondelete="CASCADE"), primary_key=True
    )
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("event_speaker.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(String(300), default="")
