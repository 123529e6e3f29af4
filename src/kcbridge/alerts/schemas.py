"""API contract of saved searches: what is saved, how often it alerts, and what running it returns."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.schemas import all_of, one_of
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _
from kcbridge.kit.web.forms import field_errors

NAME_MAX = 120
TEXT_MAX = 5000  # as on the matches page
Kind = Literal["match", "directory"]
Frequency = Literal["daily", "weekly", "never"]
RESULT_KINDS = frozenset({"organisation", "opportunity", "programme"})
TARGETS = frozenset({"KR", "CN", "OTHER", "any"})


class MatchCriteria(BaseModel):
    """A semantic match search: a text in any language and/or one of my organisations' profiles."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(default="", max_length=TEXT_MAX)
    organisation_id: int | None = None
    kinds: list[str] = Field(
        default_factory=list, description="organisation, opportunity and/or programme; empty: all"
    )
    target: str | None = Field(default=None, description="KR, CN, OTHER or any: the results' country")

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, v: list[str]) -> list[str]:
        return all_of(RESULT_KINDS, v, _("result type")) or []

    @field_validator("target")
    @classmethod
    def _target(cls, v: str | None) -> str | None:
        return one_of(TARGETS, v.upper() if v and v != "any" else v, _("country"))


class DirectoryCriteria(BaseModel):
    """A directory filter search, as on /organisations."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str = Field(default="", max_length=200)
    country: str | None = None
    org_type: str | None = None
    city: str = Field(default="", max_length=100)
    sectors: list[str] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return one_of(tx.COUNTRY_CODES, v.upper() if v else v, _("country"))

    @field_validator("org_type")
    @classmethod
    def _org_type(cls, v: str | None) -> str | None:
        return one_of(tx.ORG_TYPE_CODES, v, _("organisation type"))

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, v: list[str]) -> list[str]:
        return all_of(tx.SECTOR_CODES, v, _("sector")) or []


Criteria = MatchCriteria | DirectoryCriteria


def parse_criteria(kind: str, raw: Any, loc: tuple[str, ...] = ("body", "criteria")) -> Criteria:
    """The criteria of a `kind` of search, or a 422 naming each bad field under `loc`."""
    model: type[MatchCriteria] | type[DirectoryCriteria] = (
        MatchCriteria if kind == "match" else DirectoryCriteria
    )
    try:
        criteria = model.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        errors = field_errors(exc)
        fields = [((*loc, *(k.split(".") if k != "__all__" else ())), msg) for k, msg in errors.items()]
        raise Invalid(next(iter(errors.values())), fields=fields) from None
    if isinstance(criteria, MatchCriteria) and not criteria.text and criteria.organisation_id is None:
        msg = _("Write a few words about what you offer or seek.")
        raise Invalid(msg, fields=[((*loc, "text"), msg)])
    return criteria


def _one_line(v: str | None) -> str | None:
    """Names go into mail subjects: line breaks and runs of spaces become one space."""
    return " ".join(v.split()) if v is not None else None


class SavedSearchIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    kind: Kind
    name: str = Field(default="", max_length=NAME_MAX, description="Empty: named after its criteria")
    frequency: Frequency = "daily"
    criteria: dict[str, Any] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        return _one_line(v)


class SavedSearchPatch(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX)
    frequency: Frequency | None = None
    criteria: dict[str, Any] | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        return _one_line(v)


class SavedSearchOut(BaseModel):
    id: int
    name: str
    kind: Kind
    criteria: dict[str, Any]
    summary: str
    frequency: Frequency
    url: str = Field(description="The page that runs this search with its parameters")
    created_at: datetime
    last_checked_at: datetime | None
    last_alert_at: datetime | None
    new_count: int = Field(description="Results found by alerts since the results were last looked at")


class ResultOut(BaseModel):
    kind: str
    id: int
    title: str
    country: str
    org_type: str
    url: str
    score: float | None = None
    summary: str = ""
    new: bool = Field(description="Not among this search's results before this run or the last look")


class ResultsOut(BaseModel):
    search: SavedSearchOut
    items: list[ResultOut]
    new_count: int
