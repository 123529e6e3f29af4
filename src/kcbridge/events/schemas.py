"""Pydantic shapes of the events API: what comes in and what goes out (separate from the tables)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kcbridge.directory.taxonomy import SECTOR_CODES
from kcbridge.events.models import (
    Attendance,
    EventMode,
    EventType,
    ParticipantRole,
    ProjectKind,
    ProjectStage,
    TableKind,
)
from kcbridge.kit.i18n import _

Lang = Annotated[str, Field(pattern="^(ko|zh|en)$")]


def web_link(value: str | None) -> str | None:
    """`value` if it is an http(s) address with a host and no spaces, else None: links people click in
    pages, calendar files and PDFs never run script (`javascript:`) or open other schemes."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        return None
    return value


def check_link(value: str | None) -> str | None:
    """An online meeting link: blank is none; anything but an http(s) address is refused."""
    value = (value or "").strip()
    if not value:
        return None
    if web_link(value) is None:
        raise ValueError(_("Enter a web address starting with https:// (or http://)."))
    return value


def check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(_("Unknown time zone: {zone}").format(zone=value)) from exc
    return value


class EventIn(BaseModel):
    """Naive times are read in the event's time zone; aware ones are converted."""

    event_type: EventType
    mode: EventMode = EventMode.ONSITE
    title_ko: str | None = Field(None, max_length=300)
    title_zh: str | None = Field(None, max_length=300)
    title_en: str | None = Field(None, max_length=300)
    description: str = Field("", max_length=20_000)
    timezone: str = "Asia/Seoul"
    starts_at: datetime
    ends_at: datetime
    venue: str = Field("", max_length=300)
    online_url: str | None = Field(None, max_length=500)
    video_base_url: str | None = Field(
        None,
        max_length=400,
        description="Video-meeting address: each online meeting gets a room of its own under it",
    )
    languages: list[Lang] = Field(default_factory=lambda: ["ko", "zh"], min_length=1)
    organiser_org_id: int
    requests_close_at: datetime | None = None

    _zone = field_validator("timezone")(check_zone)
    _link = field_validator("online_url", "video_base_url")(check_link)

    @model_validator(mode="after")
    def _titles(self) -> EventIn:
        if not (self.title_ko or self.title_zh or self.title_en):
            raise ValueError(_("Give the event a title in at least one language."))
        return self


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event_type: str
    mode: str
    title: str
    titles: dict[str, str]
    description: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    online_url: str | None
    video_base_url: str | None = None
    languages: list[str]
    organiser_org_id: int
    registration_open: bool


class SlotIn(BaseModel):
    """Naive times are read in the event's time zone."""

    starts_at: datetime
    ends_at: datetime
    label: str = Field("", max_length=100)


class SlotSeriesIn(BaseModel):
    """Generates `count` slots of `minutes` starting at `starts_at`, with `break_minutes` between them."""

    starts_at: datetime
    minutes: int = Field(30, ge=5, le=480)
    break_minutes: int = Field(0, ge=0, le=240)
    count: int = Field(4, ge=1, le=96)


class SlotOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    starts_at: datetime
    ends_at: datetime
    label: str


class TableIn(BaseModel):
    """A venue table or an online meeting room (`kind=online`); a room without a link of its own gives each
    meeting a room under the event's video-meeting address."""

    name: str = Field(min_length=1, max_length=120)
    owner_id: int | None = None
    online_url: str | None = Field(None, max_length=500)
    kind: TableKind = TableKind.TABLE

    _link = field_validator("online_url")(check_link)


class TableOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    owner_id: int | None
    online_url: str | None
    kind: str = TableKind.TABLE.value


class RegistrationIn(BaseModel):
    """Registering an organisation you do not belong to (as an organiser) invites it; its members accept."""

    organisation_id: int
    team: str = Field("", max_length=120)
    role: ParticipantRole = ParticipantRole.VISITOR
    max_meetings: int | None = Field(None, ge=0, le=200)
    mail_consent: bool = Field(False, description="Your organisation agrees to receive the organisers' mails")
    attendance: Attendance | None = Field(None, description="On site or online; default: the event's mode")
    offer: str = Field("", max_length=200, description="One line on what you offer")
    seek: str = Field("", max_length=200, description="One line on what you seek")


class AttendanceIn(BaseModel):
    attendance: Attendance


class InvitationAnswerIn(BaseModel):
    mail_consent: bool = Field(False, description="Your organisation agrees to receive the organisers' mails")


class AvailabilityIn(BaseModel):
    """Slot ids the participant can meet in; null means every slot."""

    slots: list[int] | None = None
    max_meetings: int | None = Field(None, ge=0, le=200)


class ParticipantOut(BaseModel):
    id: int
    organisation_id: int
    name: str
    team: str
    role: str
    status: str
    max_meetings: int | None
    availability: list[int] | None
    mail_consent: bool = False
    attendance: str = Attendance.ONSITE.value
    offer: str = ""
    seek: str = ""


class RequestIn(BaseModel):
    from_id: int
    to_id: int
    message: str = Field("", max_length=2000)


class RequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    from_id: int
    to_id: int
    message: str
    status: str
    created_at: datetime


class MeetingIn(BaseModel):
    """An organiser places or moves a meeting by hand; it is then locked."""

    request_id: int
    slot_id: int
    table_id: int


class MoveIn(BaseModel):
    slot_id: int
    table_id: int


class OutcomeIn(BaseModel):
    outcome: Annotated[str, Field(pattern="^(held|no_show)$")] | None


class MeetingOut(BaseModel):
    id: int
    request_id: int
    slot_id: int
    table_id: int
    table: str
    status: str
    locked: bool
    outcome: str | None
    starts_at: datetime
    ends_at: datetime
    participants: list[int]
    online: bool = False
    link: str | None = Field(None, description="The meeting's link when it takes place online")


class RunIn(BaseModel):
    time_limit: float = Field(10.0, gt=0, le=120)


class RunOut(BaseModel):
    """`outcome` is what the run recorded (a code and numbers); `message` words it in the caller's language."""

    id: int
    status: str
    objective: float | None
    upper_bound: float | None
    meetings: int | None
    outcome: dict[str, Any]
    message: str
    created_at: datetime
    finished_at: datetime | None


class SpeakerIn(BaseModel):
    participant_id: int
    topic: str = Field("", max_length=300)


class TalkIn(BaseModel):
    speaker_id: int
    topic: str = Field("", max_length=300)


class SessionIn(BaseModel):
    """An agenda session; naive times are read in the event's time zone."""

    kind: Annotated[str, Field(pattern="^(keynote|panel|presentation|pitch|networking|break)$")] = (
        "presentation"
    )
    title_ko: str | None = Field(None, max_length=300)
    title_zh: str | None = Field(None, max_length=300)
    title_en: str | None = Field(None, max_length=300)
    starts_at: datetime
    ends_at: datetime
    room: str = Field("", max_length=120)
    track: str = Field("", max_length=120)
    stream_url: str | None = Field(
        None, max_length=500, description="Live stream, shown to online participants"
    )
    description: str = Field("", max_length=5000)
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=30)
    people: list[TalkIn] = Field(default_factory=list, max_length=30, description="Speakers as people")

    _link = field_validator("stream_url")(check_link)

    @model_validator(mode="after")
    def _titles(self) -> SessionIn:
        if not (self.title_ko or self.title_zh or self.title_en):
            raise ValueError(_("Give the session a title in at least one language."))
        return self


class SessionOut(BaseModel):
    id: int
    kind: str
    title: str
    titles: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    room: str
    track: str = ""
    streamed: bool = False
    stream_url: str | None = Field(None, description="Given to organisers and online participants only")
    description: str
    speakers: list[SpeakerIn]
    people: list[TalkIn] = Field(default_factory=list)


# Pitch projects ----------------------------------------------------------------------------------


class ProjectIn(BaseModel):
    """A project an organisation pitches: texts in any of the three languages (a title in at least one)."""

    participant_id: int = Field(description="The presenting participant (its organisation owns the project)")
    session_id: int | None = Field(None, description="The pitch session it is presented in")
    title_ko: str | None = Field(None, max_length=200)
    title_zh: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    logline_ko: str = Field("", max_length=300)
    logline_zh: str = Field("", max_length=300)
    logline_en: str = Field("", max_length=300)
    description_ko: str = Field("", max_length=5000)
    description_zh: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
    stage: ProjectStage = ProjectStage.DEVELOPMENT
    kind: ProjectKind = ProjectKind.TECHNOLOGY
    ask_amount: int | None = Field(None, ge=0, le=10**13)
    currency: Annotated[str, Field(pattern="^(USD|KRW|CNY|EUR|JPY)$")] = "USD"
    sectors: list[str] = Field(default_factory=list, max_length=8)
    materials_url: str | None = Field(None, max_length=500)

    _link = field_validator("materials_url")(check_link)

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, value: list[str]) -> list[str]:

        unknown = [s for s in value if s not in SECTOR_CODES]
        if unknown:
            raise ValueError(_("Unknown sector: {code}").format(code=unknown[0]))
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _titles(self) -> ProjectIn:
        if not (self.title_ko or self.title_zh or self.title_en):
            raise ValueError(_("Give the project a title in at least one language."))
        return self


class ProjectOut(BaseModel):
    id: int
    event_id: int
    participant_id: int
    organisation_id: int
    session_id: int | None
    title: str
    titles: dict[str, str]
    loglines: dict[str, str]
    descriptions: dict[str, str]
    stage: str
    kind: str
    ask_amount: int | None
    currency: str
    sectors: list[str]
    materials_url: str | None
    bookmarks: int = 0
    requests: int = 0


class ProjectRequestIn(BaseModel):
    """Ask a project's presenters for a meeting about it, as one of your registrations."""

    from_id: int
    message: str = Field("", max_length=2000)


class InterestOut(BaseModel):
    """Who showed interest in a project: bookmarked it, asked for a meeting about it, or both."""

    participant_id: int
    organisation_id: int
    name: str
    role: str
    bookmarked: bool
    request_status: str | None


# Speakers -------------------------------------------------------------------------------------------


class SpeakerPersonIn(BaseModel):
    """A speaker: someone of the directory (`person_id`) or a guest; names, titles and bios per language."""

    person_id: int | None = None
    organisation_id: int | None = None
    name_ko: str | None = Field(None, max_length=120)
    name_zh: str | None = Field(None, max_length=120)
    name_en: str | None = Field(None, max_length=120)
    title_ko: str = Field("", max_length=200)
    title_zh: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    org_name: str = Field("", max_length=200)
    bio_ko: str = Field("", max_length=1500)
    bio_zh: str = Field("", max_length=1500)
    bio_en: str = Field("", max_length=1500)

    @model_validator(mode="after")
    def _name(self) -> SpeakerPersonIn:
        if self.person_id is None and not (self.name_ko or self.name_zh or self.name_en):
            raise ValueError(_("Give the speaker a name in at least one language, or pick a person."))
        return self


class SpeakerPersonOut(BaseModel):
    id: int
    event_id: int
    person_id: int | None
    organisation_id: int | None
    name: str
    names: dict[str, str]
    titles: dict[str, str]
    organisation: str
    bios: dict[str, str]
    photo_url: str | None
