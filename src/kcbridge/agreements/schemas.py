"""API contract of agreements, commitments and progress notes (in and out)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from kcbridge.agreements import vocab
from kcbridge.directory.schemas import all_of, one_of
from kcbridge.kit.i18n import _

TEXT_MAX = 20_000
MAX_PARTIES = 12


def web_address(v: str | None) -> str | None:
    """An http(s) address, or None for blank."""
    if not v:
        return None
    if not v.lower().startswith(("http://", "https://")) or any(c.isspace() for c in v) or len(v) < 11:
        raise ValueError(_("Enter a web address starting with http:// or https://."))
    return v


class _In(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class SignatoryIn(_In):
    name: str = Field(min_length=1, max_length=120)
    title: str = Field(default="", max_length=160)
    person_id: int | None = Field(default=None, description="A person of the party in the directory")


class PartyIn(_In):
    organisation_id: int
    signatories: list[SignatoryIn] = Field(default_factory=list, max_length=10)


class NewsIn(_In):
    url: str = Field(max_length=500)
    title: str = Field(default="", max_length=300)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return web_address(v) or ""


class _AgreementFields(_In):
    @field_validator("kind", check_fields=False)
    @classmethod
    def _kind(cls, v: str | None) -> str | None:
        return one_of(vocab.KIND_CODES, v, _("kind of agreement"))

    @field_validator("visibility", check_fields=False)
    @classmethod
    def _visibility(cls, v: str | None) -> str | None:
        return one_of(vocab.VISIBILITY_CODES, v, _("visibility"))

    @field_validator("fields", check_fields=False)
    @classmethod
    def _fields(cls, v: list[str] | None) -> list[str] | None:
        return all_of(vocab.FIELD_CODES, v, _("field of cooperation"))

    @field_validator("parties", check_fields=False)
    @classmethod
    def _parties(cls, v: list[PartyIn] | None) -> list[PartyIn] | None:
        if v is None:
            return None
        if len(v) < 2:
            raise ValueError(_("An agreement needs at least two parties."))
        ids = [p.organisation_id for p in v]
        if len(set(ids)) < len(ids):
            raise ValueError(_("Each organisation can be a party only once."))
        return v

    @field_validator("event_ids", check_fields=False)
    @classmethod
    def _events(cls, v: list[int] | None) -> list[int] | None:
        return sorted(set(v)) if v is not None else None

    @field_validator("valid_until", check_fields=False)
    @classmethod
    def _until(cls, v: date | None, info: ValidationInfo) -> date | None:
        signed = info.data.get("signed_on")
        if v is not None and signed is not None and v < signed:
            raise ValueError(_("An agreement cannot expire before it was signed."))
        return v


class AgreementIn(_AgreementFields):
    kind: str
    title_ko: str = Field(default="", max_length=300)
    title_zh: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    summary_ko: str = Field(default="", max_length=TEXT_MAX)
    summary_zh: str = Field(default="", max_length=TEXT_MAX)
    summary_en: str = Field(default="", max_length=TEXT_MAX)
    full_text: str = Field(default="", max_length=200_000)
    signed_on: date
    signed_place: str = Field(default="", max_length=200)
    valid_until: date | None = None
    visibility: str = Field(default="public", description="public, or parties (only the parties see it)")
    fields: list[str] = Field(default_factory=list, description="Fields of cooperation")
    parties: list[PartyIn] = Field(description="Two or more organisations of the directory", max_length=12)
    event_ids: list[int] = Field(default_factory=list, description="Events where it was signed")
    news: list[NewsIn] = Field(default_factory=list, max_length=30)

    @model_validator(mode="after")
    def _a_title(self) -> AgreementIn:
        if not (self.title_ko or self.title_zh or self.title_en):
            raise ValueError(_("Write a title in at least one language."))
        return self


class AgreementPatch(_AgreementFields):
    kind: str | None = None
    title_ko: str | None = Field(default=None, max_length=300)
    title_zh: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    summary_ko: str | None = Field(default=None, max_length=TEXT_MAX)
    summary_zh: str | None = Field(default=None, max_length=TEXT_MAX)
    summary_en: str | None = Field(default=None, max_length=TEXT_MAX)
    full_text: str | None = Field(default=None, max_length=200_000)
    signed_on: date | None = None
    signed_place: str | None = Field(default=None, max_length=200)
    valid_until: date | None = None
    visibility: str | None = None
    fields: list[str] | None = None
    parties: list[PartyIn] | None = Field(default=None, max_length=12)
    event_ids: list[int] | None = None
    news: list[NewsIn] | None = Field(default=None, max_length=30)


class MilestoneIn(_In):
    title: str = Field(min_length=1, max_length=300)
    due_on: date | None = None
    done: bool = False


class _CommitmentFields(_In):
    @field_validator("status", check_fields=False)
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        return one_of(vocab.STATUS_CODES, v, _("status"))

    @field_validator("completion", check_fields=False)
    @classmethod
    def _completion(cls, v: str | None) -> str | None:
        return one_of(vocab.COMPLETION_CODES, v, _("completion level"))

    @field_validator("supporter_ids", check_fields=False)
    @classmethod
    def _supporters(cls, v: list[int] | None) -> list[int] | None:
        return sorted(set(v)) if v is not None else None

    @field_validator("due_on", check_fields=False)
    @classmethod
    def _due(cls, v: date | None, info: ValidationInfo) -> date | None:
        starts = info.data.get("starts_on")
        if v is not None and starts is not None and v < starts:
            raise ValueError(_("A commitment cannot be due before it starts."))
        return v


class CommitmentIn(_CommitmentFields):
    what_ko: str = Field(default="", max_length=500)
    what_zh: str = Field(default="", max_length=500)
    what_en: str = Field(default="", max_length=500)
    owner_org_id: int = Field(description="The organisation that delivers it")
    responsible_name: str = Field(default="", max_length=120)
    responsible_person_id: int | None = None
    supporter_ids: list[int] = Field(default_factory=list, description="Supporting organisations")
    starts_on: date | None = None
    due_on: date | None = None
    status: str = "planned"
    completion: str = "not_started"
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=30)

    @model_validator(mode="after")
    def _a_text(self) -> CommitmentIn:
        if not (self.what_ko or self.what_zh or self.what_en):
            raise ValueError(_("Say what is committed in at least one language."))
        return self


class CommitmentPatch(_CommitmentFields):
    what_ko: str | None = Field(default=None, max_length=500)
    what_zh: str | None = Field(default=None, max_length=500)
    what_en: str | None = Field(default=None, max_length=500)
    owner_org_id: int | None = None
    responsible_name: str | None = Field(default=None, max_length=120)
    responsible_person_id: int | None = None
    supporter_ids: list[int] | None = None
    starts_on: date | None = None
    due_on: date | None = None
    status: str | None = None
    completion: str | None = None
    milestones: list[MilestoneIn] | None = Field(default=None, max_length=30)


class ProgressIn(_In):
    text: str = Field(min_length=1, max_length=5000)
    noted_on: date | None = Field(default=None, description="Default: today")
    evidence_url: str | None = Field(default=None, max_length=500)
    evidence_title: str = Field(default="", max_length=300)
    status: str | None = Field(default=None, description="Change the status with this report")
    completion: str | None = None

    @field_validator("evidence_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return web_address(v)

    @field_validator("status")
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        return one_of(vocab.STATUS_CODES, v, _("status"))

    @field_validator("completion")
    @classmethod
    def _completion(cls, v: str | None) -> str | None:
        return one_of(vocab.COMPLETION_CODES, v, _("completion level"))


# Out ------------------------------------------------------------------------------------------


class OrgRef(BaseModel):
    id: int
    name: str
    country: str
    org_type: str


class SignatoryOut(BaseModel):
    name: str
    title: str
    person_id: int | None


class PartyOut(BaseModel):
    organisation: OrgRef
    signatories: list[SignatoryOut]


class EventRef(BaseModel):
    id: int
    title: str
    starts_at: datetime


class FileOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    url: str


class AgreementOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    title: str
    titles: dict[str, str]
    summary: str
    summaries: dict[str, str]
    full_text: str
    signed_on: date
    signed_place: str
    valid_until: date | None
    visibility: str
    fields: list[str]
    field_labels: list[str]
    parties: list[PartyOut]
    events: list[EventRef]
    news: list[NewsIn]
    attachment: FileOut | None
    light: str = Field(description="green, yellow (no progress report for 6 months) or red (2 years)")
    last_progress_on: date | None
    commitments: int
    open_commitments: int
    overdue_commitments: int
    url: str


class AgreementPage(BaseModel):
    items: list[AgreementOut]
    total: int
    page: int
    per_page: int


class MilestoneOut(BaseModel):
    id: int
    title: str
    due_on: date | None
    done: bool


class CommitmentOut(BaseModel):
    id: int
    agreement_id: int
    what: str
    whats: dict[str, str]
    owner: OrgRef
    responsible_name: str
    responsible_person_id: int | None
    supporters: list[OrgRef]
    starts_on: date | None
    due_on: date | None
    status: str
    status_label: str
    allowed_statuses: list[str] = Field(description="Statuses it may move to from the current one")
    completion: str
    completion_label: str
    overdue: bool
    last_progress_on: date | None
    milestones: list[MilestoneOut]


class ProgressOut(BaseModel):
    id: int
    commitment_id: int
    noted_on: date
    author_name: str
    text: str
    evidence_url: str | None
    evidence_title: str
    evidence_file: FileOut | None
    created_at: datetime
