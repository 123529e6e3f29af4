"""API contract of opportunities, expressions of interest, notifications and matches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.schemas import all_of, one_of
from kcbridge.kit.i18n import _
from kcbridge.opportunities import vocab

TITLE_MAX = 200
TEXT_MAX = 10_000


class OppTextIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    title: str = Field(default="", max_length=TITLE_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)

    def is_empty(self) -> bool:
        return not (self.title or self.description)


class _OppFields(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("opp_type", check_fields=False)
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        return one_of(vocab.OPPORTUNITY_TYPE_CODES, v, _("opportunity type"))

    @field_validator("coop_types", check_fields=False)
    @classmethod
    def _coop(cls, v: list[str] | None) -> list[str] | None:
        return all_of(vocab.COOP_TYPE_CODES, v, _("cooperation type"))

    @field_validator("sectors", check_fields=False)
    @classmethod
    def _sectors(cls, v: list[str] | None) -> list[str] | None:
        return all_of(tx.SECTOR_CODES, v, _("sector"))

    @field_validator("stage", check_fields=False)
    @classmethod
    def _stage(cls, v: str | None) -> str | None:
        return one_of(tx.STAGE_CODES, v, _("stage"))

    @field_validator("target_country", check_fields=False)
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return one_of(tx.COUNTRY_CODES, v.upper() if v else v, _("country"))

    @field_validator("partner_type", check_fields=False)
    @classmethod
    def _partner(cls, v: str | None) -> str | None:
        return one_of(tx.ORG_TYPE_CODES, v, _("organisation type"))

    @field_validator("texts", check_fields=False)
    @classmethod
    def _texts(cls, v: dict[str, OppTextIn] | None) -> dict[str, OppTextIn] | None:
        if v is None:
            return None
        for lang, t in v.items():
            one_of(tx.LANGUAGE_CODES, lang, _("language"))
            if t.description and not t.title:
                raise ValueError(_("Give every description a title."))
        kept = {k: t for k, t in v.items() if not t.is_empty()}
        if not kept:
            raise ValueError(_("Write a title in at least one language."))
        return kept


class OpportunityIn(_OppFields):
    organisation_id: int
    opp_type: str
    texts: dict[str, OppTextIn]
    sectors: list[str] = Field(default_factory=list)
    coop_types: list[str] = Field(default_factory=list)
    stage: str | None = None
    target_country: str | None = None
    partner_type: str | None = None
    deadline: date | None = None
    anonymous: bool = False


class OpportunityPatch(_OppFields):
    opp_type: str | None = None
    texts: dict[str, OppTextIn] | None = None
    sectors: list[str] | None = None
    coop_types: list[str] | None = None
    stage: str | None = None
    target_country: str | None = None
    partner_type: str | None = None
    deadline: date | None = None
    anonymous: bool | None = None


class ReviewIn(BaseModel):
    decision: Literal["approve", "return", "reject"]
    comment: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _comment_needed(self) -> ReviewIn:
        if self.decision != "approve" and not self.comment.strip():
            raise ValueError(_("Say what should change (a comment is required to return or reject)."))
        return self


class RenewIn(BaseModel):
    deadline: date | None = None


class OwnerOut(BaseModel):
    """Who publishes: the name is withheld when the owner chose anonymity and the reader is not entitled."""

    id: int | None
    name: str | None
    country: str
    org_type: str
    size: str | None


class OpportunityOut(BaseModel):
    id: int
    organisation: OwnerOut
    anonymous: bool
    opp_type: str
    opp_type_label: str
    title: str
    texts: dict[str, OppTextIn]
    sectors: list[str]
    coop_types: list[str]
    stage: str | None
    target_country: str | None
    partner_type: str | None
    deadline: date | None
    status: str
    review_comment: str | None
    created_at: datetime
    published_at: datetime | None


class OpportunityPage(BaseModel):
    items: list[OpportunityOut]
    total: int
    page: int
    per_page: int


class InterestIn(BaseModel):
    from_organisation_id: int | None = Field(
        default=None, description="Your organisation; may be left out when you belong to only one"
    )
    message: str = Field(default="", max_length=4000)


class InterestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    opportunity_id: int | None = Field(
        description="The opportunity it answers; none when it addresses a profile"
    )
    to_organisation_id: int | None = Field(
        description="The addressee; none while an anonymous opportunity's owner is hidden from the caller"
    )
    from_organisation_id: int
    message: str
    status: str
    created_at: datetime
    answered_at: datetime | None
