"""API contract of news intelligence, and the validated inputs of its forms."""

from __future__ import annotations

import ipaddress
from datetime import date, datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.schemas import one_of
from kcbridge.kit.i18n import _
from kcbridge.news.vocab import INDICATOR_CODES

# Inputs -----------------------------------------------------------------------------------------


class FeedIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    url: str = Field(min_length=1, max_length=1000)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in v:
            raise ValueError(_("Enter the address of a feed, starting with http:// or https://."))
        host = parts.hostname.lower()
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
        if host == "localhost" or host.endswith(".localhost") or (ip is not None and not ip.is_global):
            raise ValueError(_("Feeds on this server or its private network cannot be polled."))
        return v


class AcceptStatisticIn(BaseModel):
    """A figure of an article taken into an indicator series."""

    indicator: str
    country: str
    year: int = Field(ge=1900, le=2100)

    @field_validator("indicator")
    @classmethod
    def _indicator(cls, v: str) -> str:
        one_of(INDICATOR_CODES, v, _("indicator"))
        return v

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        v = v.upper()
        one_of(tx.COUNTRY_CODES, v, _("country"))
        return v


class CandidateEntryIn(BaseModel):
    """A candidate made a directory entry; names default to those the news gave."""

    model_config = ConfigDict(str_strip_whitespace=True)

    org_type: str
    country: str
    name_ko: str | None = Field(default=None, max_length=200)
    name_zh: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)

    @field_validator("org_type")
    @classmethod
    def _type(cls, v: str) -> str:
        one_of(tx.ORG_TYPE_CODES, v, _("organisation type"))
        return v

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        v = v.upper()
        one_of(tx.COUNTRY_CODES, v, _("country"))
        return v


class CandidateAliasIn(BaseModel):
    organisation_id: int = Field(ge=1, le=2**31 - 1)


# Outputs ----------------------------------------------------------------------------------------


class OrgRef(BaseModel):
    id: int
    name: str


class ArticleSummary(BaseModel):
    id: int
    title: str
    outlet: str | None
    author: str | None
    published: datetime | None = Field(description="As published, with the source's time zone offset")
    language: str
    story_id: int | None
    sectors: list[str]
    organisations: list[OrgRef] = Field(description="Directory organisations the article names")


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    page: int
    per_page: int


class EntityOut(BaseModel):
    kind: str
    name: str
    aliases: list[str]
    org_type: str | None
    country: str | None
    role: str | None
    affiliation: str | None
    organisation_id: int | None
    candidate_id: int | None
    spans: list[list[int]] = Field(description="[start, end] offsets of each mention in the body")


class ParticipantOut(BaseModel):
    name: str
    organisation_id: int | None
    candidate_id: int | None


class EventOut(BaseModel):
    id: int
    story_id: int
    type: str
    type_label: str
    date: date | None
    place: str | None
    city: str | None
    participants: list[ParticipantOut]
    articles: list[int] = Field(description="Articles reporting this event (its mentions)")


class StatisticOut(BaseModel):
    id: int
    indicator: str
    value: float
    unit: str
    year: int | None
    country: str | None
    suggested_indicator: str | None
    accepted: bool


class ArticleOut(ArticleSummary):
    body: str
    captions: list[str]
    source: str
    entities: list[EntityOut]
    events: list[EventOut]
    statistics: list[StatisticOut]


class StoryOut(BaseModel):
    id: int
    title: str
    first_published: datetime | None
    last_published: datetime | None
    articles: list[ArticleSummary]
    events: list[EventOut]


class SectorTrend(BaseModel):
    sector: str
    label: str
    counts: list[int] = Field(description="Articles per month, in the order of `months`")


class OrgCount(BaseModel):
    id: int
    name: str
    articles: int


class CityEvents(BaseModel):
    city: str
    label: str
    country: str
    lon: float
    lat: float
    events: int
    by_type: dict[str, int]


class TrendsOut(BaseModel):
    months: list[str]
    sectors: list[SectorTrend]
    top_organisations: list[OrgCount]
    cities: list[CityEvents]


class SourceErrorOut(BaseModel):
    source: str
    code: str
    message: str
    detail: str


class JobOut(BaseModel):
    id: int
    kind: str
    status: str
    sources: int
    found: int
    processed: int
    added: int
    duplicates: int
    failed: int
    created_at: datetime
    finished_at: datetime | None
    errors: list[SourceErrorOut]


class IndicatorPoint(BaseModel):
    country: str
    year: int
    value: float
    unit: str
    source: str


class IndicatorSeries(BaseModel):
    indicator: str
    label: str
    values: list[IndicatorPoint]
