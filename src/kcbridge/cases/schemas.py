"""API contract of cases, their thread, routing rules, round tables and statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kcbridge.cases import vocab
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.schemas import one_of
from kcbridge.kit.i18n import _

SUBJECT_MAX = 200
TEXT_MAX = 10_000


class _Fields(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("category", check_fields=False)
    @classmethod
    def _category(cls, v: str | None) -> str | None:
        return one_of(vocab.CATEGORY_CODES, v, _("category"))

    @field_validator("sector", check_fields=False)
    @classmethod
    def _sector(cls, v: str | None) -> str | None:
        return one_of(tx.SECTOR_CODES, v, _("sector"))

    @field_validator("region", check_fields=False)
    @classmethod
    def _region(cls, v: str | None) -> str | None:
        return one_of(vocab.REGION_CODES, v, _("region"))

    @field_validator("lang", check_fields=False)
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        return one_of(frozenset(vocab.LANGS), v, _("language"))


def _given(v: object) -> object:
    """A required code: blank is "required", not "unknown"."""
    if v is None or (isinstance(v, str) and not v.strip()):
        raise ValueError(_("This field is required."))
    return v


class CaseIn(_Fields):
    """A new case: the firm (one of your organisations) and what went wrong, in the firm's language."""

    _required = field_validator("category", "sector", "region", "lang", mode="before")(_given)

    organisation_id: int
    category: str
    sector: str
    region: str
    lang: str = "en"
    subject: str = Field(min_length=1, max_length=SUBJECT_MAX)
    description: str = Field(min_length=1, max_length=TEXT_MAX)
    desired_outcome: str = Field(default="", max_length=TEXT_MAX)


class CasePatch(_Fields):
    """Corrections by the firm; fields left out stay as they are."""

    category: str | None = None
    sector: str | None = None
    region: str | None = None
    lang: str | None = None
    subject: str | None = Field(default=None, min_length=1, max_length=SUBJECT_MAX)
    description: str | None = Field(default=None, min_length=1, max_length=TEXT_MAX)
    desired_outcome: str | None = Field(default=None, max_length=TEXT_MAX)
    confirm: bool = Field(default=False, description="The firm confirms a case recorded on its behalf")


class MessageIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    body: str = Field(min_length=1, max_length=TEXT_MAX)
    question: bool = Field(default=False, description="An institution asks the firm (the SLA pauses)")


class StatusIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    status: Literal["in_progress", "resolved", "refused"]
    reason: str = Field(default="", max_length=TEXT_MAX, description="Required to resolve or refuse")


class ReassignIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    institution_id: int
    reason: str = Field(min_length=1, max_length=TEXT_MAX)


class RatingIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    score: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=TEXT_MAX)


class ShareIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    email: str = Field(min_length=3, max_length=254, description="E-mail of a government officer")


class RouteIn(_Fields):
    """A routing rule; empty fields match every case."""

    category: str | None = None
    country: str | None = None
    region: str | None = None
    sector: str | None = None
    institution_id: int

    @field_validator("country")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return one_of(vocab.COUNTRY_CODES, v.upper() if v else None, _("country"))

    @model_validator(mode="after")
    def _region_in_country(self) -> RouteIn:
        if self.region and self.country and vocab.country_of(self.region) != self.country:
            raise ValueError(_("The region is not in the chosen country."))
        if self.region and not self.country:
            self.country = vocab.country_of(self.region)
        return self


class RoundTableRow(_Fields):
    """One firm's difficulty, recorded by an officer at a round table."""

    _required = field_validator("category", "sector", "region", "lang", mode="before")(_given)

    organisation_id: int
    category: str
    sector: str
    region: str
    lang: str = "ko"
    subject: str = Field(min_length=1, max_length=SUBJECT_MAX)
    description: str = Field(min_length=1, max_length=TEXT_MAX)
    desired_outcome: str = Field(default="", max_length=TEXT_MAX)


class RoundTableIn(BaseModel):
    cases: list[RoundTableRow] = Field(min_length=1, max_length=200)


class OrgRef(BaseModel):
    id: int
    name: str


class MessageOut(BaseModel):
    id: int
    side: str
    kind: str
    body: str
    author: str
    created_at: datetime


class AttachmentOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    url: str
    created_at: datetime


class CaseOut(BaseModel):
    id: int
    organisation: OrgRef
    institution: OrgRef | None
    category: str
    category_label: str
    sector: str
    region: str
    country: str
    lang: str
    subject: str
    description: str
    desired_outcome: str
    status: str
    status_label: str
    origin: str
    event_id: int | None
    confirmed: bool
    submitted_at: datetime
    first_reply_at: datetime | None
    closed_at: datetime | None
    first_reply_due_at: datetime
    resolution_due_at: datetime
    waiting_for_firm: bool
    first_reply_breached: bool
    resolution_breached: bool
    rating: int | None
    rating_comment: str


class CaseDetail(CaseOut):
    messages: list[MessageOut]
    attachments: list[AttachmentOut]
    shared_with: list[str]


class CasePage(BaseModel):
    items: list[CaseOut]
    total: int
    page: int
    per_page: int


class ReassignOut(BaseModel):
    """After passing a case on, its new holder (the texts are no longer the sender's to read)."""

    case_id: int
    status: str
    institution: OrgRef


class RouteOut(BaseModel):
    id: int
    category: str | None
    country: str | None
    region: str | None
    sector: str | None
    institution: OrgRef


class RoundTableOut(BaseModel):
    event_id: int
    recorded: int
    case_ids: list[int]


class StatCell(BaseModel):
    value: str
    label: str
    count: int | None
    first_reply_days: float | None = None
    resolution_days: float | None = None
    first_reply_sla_pct: int | None = None
    resolution_sla_pct: int | None = None


class StatSummary(BaseModel):
    first_reply_days: float | None
    resolution_days: float | None
    first_reply_sla_pct: int | None
    resolution_sla_pct: int | None
    suppressed: int


class StatsOut(BaseModel):
    by: str
    filters: dict[str, str]
    total: int | None
    threshold: int
    cells: list[StatCell]
    summary: StatSummary
