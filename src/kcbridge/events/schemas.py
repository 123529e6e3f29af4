"""Pydantic shapes of the events API: what comes in and what goes out (separate from the tables)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kcbridge.events.models import EventMode, EventType, ParticipantRole
from kcbridge.kit.i18n import _

Lang = Annotated[str, Field(pattern="^(ko|zh|en)$")]


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
    languages: list[Lang] = Field(default_factory=lambda: ["ko", "zh"], min_length=1)
    organiser_org_id: int
    requests_close_at: datetime | None = None

    _zone = field_validator("timezone")(check_zone)

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
    name: str = Field(min_length=1, max_length=120)
    owner_id: int | None = None
    online_url: str | None = Field(None, max_length=500)


class TableOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    owner_id: int | None
    online_url: str | None


class RegistrationIn(BaseModel):
    organisation_id: int
    team: str = Field("", max_length=120)
    role: ParticipantRole = ParticipantRole.VISITOR
    max_meetings: int | None = Field(None, ge=0, le=200)


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
    description: str = Field("", max_length=5000)
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=30)

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
    description: str
    speakers: list[SpeakerIn]
