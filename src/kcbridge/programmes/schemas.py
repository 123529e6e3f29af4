"""API contract of programmes and of the eligibility finder."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.schemas import all_of, one_of
from kcbridge.kit.i18n import _
from kcbridge.programmes import vocab

TITLE_MAX = 200
TEXT_MAX = 10_000


class ProgTextIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    title: str = Field(default="", max_length=TITLE_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    benefits: str = Field(default="", max_length=TEXT_MAX)
    eligibility: str = Field(default="", max_length=TEXT_MAX)

    def is_empty(self) -> bool:
        return not (self.title or self.description or self.benefits or self.eligibility)


def _nationalities(v: list[str] | None) -> list[str] | None:
    """Country codes of applicants; "any" (or nothing) opens the programme to every nationality."""
    if v is None:
        return None
    codes = [c.upper() for c in v if c and c.lower() != "any"]
    if len(codes) < len([c for c in v if c]):
        return []
    return all_of(tx.COUNTRY_CODES, codes, _("nationality"))


class _ProgFields(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("prog_type", check_fields=False)
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        return one_of(vocab.PROGRAMME_TYPE_CODES, v, _("programme type"))

    @field_validator("status", check_fields=False)
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        return one_of(vocab.STATUS_CODES, v, _("status"))

    @field_validator("format", check_fields=False)
    @classmethod
    def _format(cls, v: str | None) -> str | None:
        return one_of(vocab.FORMAT_CODES, v, _("format"))

    @field_validator("sectors", check_fields=False)
    @classmethod
    def _sectors(cls, v: list[str] | None) -> list[str] | None:
        return all_of(tx.SECTOR_CODES, v, _("sector"))

    @field_validator("stages", check_fields=False)
    @classmethod
    def _stages(cls, v: list[str] | None) -> list[str] | None:
        return all_of(tx.STAGE_CODES, v, _("stage"))

    @field_validator("org_types", check_fields=False)
    @classmethod
    def _org_types(cls, v: list[str] | None) -> list[str] | None:
        return all_of(tx.ORG_TYPE_CODES, v, _("organisation type"))

    @field_validator("nationalities", check_fields=False)
    @classmethod
    def _nationalities(cls, v: list[str] | None) -> list[str] | None:
        return _nationalities(v)

    @field_validator("country", check_fields=False)
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return one_of(tx.COUNTRY_CODES, v.upper() if v else v, _("country"))

    @field_validator("link_url", check_fields=False)
    @classmethod
    def _link(cls, v: str | None) -> str | None:
        if not v:
            return None
        if not v.lower().startswith(("http://", "https://")) or " " in v or len(v) < 11:
            raise ValueError(_("Enter a web address starting with http:// or https://."))
        return v

    @field_validator("texts", check_fields=False)
    @classmethod
    def _texts(cls, v: dict[str, ProgTextIn] | None) -> dict[str, ProgTextIn] | None:
        if v is None:
            return None
        for lang, t in v.items():
            one_of(tx.LANGUAGE_CODES, lang, _("language"))
            if not t.is_empty() and not t.title:
                raise ValueError(_("Give every description a title."))
        kept = {k: t for k, t in v.items() if not t.is_empty()}
        if not kept:
            raise ValueError(_("Write a title in at least one language."))
        return kept

    @field_validator("deadline", check_fields=False)
    @classmethod
    def _deadline(cls, v: date | None, info: ValidationInfo) -> date | None:
        opens = info.data.get("opens_on")
        if v is not None and opens is not None and v < opens:
            raise ValueError(_("The application deadline cannot be before the opening date."))
        return v

    @field_validator("starts_on", check_fields=False)
    @classmethod
    def _starts(cls, v: date | None, info: ValidationInfo) -> date | None:
        opens = info.data.get("opens_on")
        if v is not None and opens is not None and v < opens:
            raise ValueError(_("The programme cannot start before applications open."))
        return v


class ProgrammeIn(_ProgFields):
    organisation_id: int
    prog_type: str
    texts: dict[str, ProgTextIn]
    country: str
    city: str = Field(default="", max_length=100)
    format: str = "on_site"
    sectors: list[str] = Field(default_factory=list, description="Empty: open to every sector")
    stages: list[str] = Field(default_factory=list, description="Empty: every stage")
    nationalities: list[str] = Field(
        default_factory=list, description="Applicant countries (KR, CN, OTHER); empty or ['any']: all"
    )
    org_types: list[str] = Field(default_factory=list, description="Empty: every organisation type")
    opens_on: date | None = None
    deadline: date | None = Field(default=None, description="Empty: rolling applications")
    starts_on: date | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    link_url: str | None = Field(default=None, max_length=500)
    status: str = "draft"


class ProgrammePatch(_ProgFields):
    prog_type: str | None = None
    texts: dict[str, ProgTextIn] | None = None
    country: str | None = None
    city: str | None = Field(default=None, max_length=100)
    format: str | None = None
    sectors: list[str] | None = None
    stages: list[str] | None = None
    nationalities: list[str] | None = None
    org_types: list[str] | None = None
    opens_on: date | None = None
    deadline: date | None = None
    starts_on: date | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    link_url: str | None = Field(default=None, max_length=500)
    status: str | None = None


class OperatorOut(BaseModel):
    id: int
    name: str
    country: str
    org_type: str


class ProgrammeOut(BaseModel):
    id: int
    operator: OperatorOut
    prog_type: str
    prog_type_label: str
    title: str
    texts: dict[str, ProgTextIn]
    sectors: list[str]
    stages: list[str]
    nationalities: list[str]
    org_types: list[str]
    country: str
    city: str
    format: str
    opens_on: date | None
    deadline: date | None
    starts_on: date | None
    capacity: int | None
    link_url: str | None
    status: str
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class ProgrammePage(BaseModel):
    items: list[ProgrammeOut]
    total: int
    page: int
    per_page: int


class CriterionOut(BaseModel):
    criterion: Literal["sector", "stage", "nationality", "org_type", "location", "deadline"]
    ok: bool
    reason: str = Field(description="A short sentence in the requested language")
    code: str = Field(description="open_to_all, fits, other, unknown, anywhere, online, rolling, open, …")


class EligibleOut(BaseModel):
    programme: ProgrammeOut
    score: float | None = Field(description="Fit from the matching engine, when both sides have vectors")
    criteria: list[CriterionOut]
    failed: list[str] = Field(description="Criteria not met (one for a near miss)")


class ApplicantOut(BaseModel):
    organisation_id: int | None
    sectors: list[str]
    stage: str | None
    nationality: str | None
    org_type: str | None
    country: str | None
    city: str | None


class EligibleList(BaseModel):
    applicant: ApplicantOut
    ranked_by: Literal["fit", "deadline"]
    eligible: list[EligibleOut]
    near_misses: list[EligibleOut]
    total_eligible: int
    total_near_misses: int
