"""API contract of matches: each result with why it fits."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class PhrasePair(BaseModel):
    query: str
    match: str
    similarity: float


class ReasonOut(BaseModel):
    code: str = Field(description="they_seek_your_offer, they_offer_your_need, they_distribute_to, …")
    label: str = Field(description="A short tag in the requested language")
    text: str = Field(description="The reason as a sentence with its phrase pair, in the requested language")
    query: str
    match: str
    similarity: float


class ExplanationOut(BaseModel):
    reasons: list[ReasonOut] = Field(default_factory=list, description="Who needs whom, strongest first")
    shared_sectors: list[dict[str, str]] = Field(description="code and label in the requested language")
    complementary_types: list[dict[str, str]]
    phrase_pairs: list[PhrasePair]
    summary: str


class MatchOut(BaseModel):
    kind: Literal["organisation", "opportunity", "programme"]
    id: int
    title: str
    organisation_id: int | None
    country: str | None
    org_type: str | None
    url: str
    score: float
    semantic: float
    parts: dict[str, float]
    explanation: ExplanationOut
    operator: str | None = Field(default=None, description="Programmes: the operating organisation")
    programme_type: str | None = Field(default=None, description="Programmes: the programme type code")
    deadline: date | None = Field(default=None, description="Programmes: the application deadline")


class MatchIn(BaseModel):
    """A match request in the body, for texts too long for a URL."""

    text: str = Field(description="What you offer or seek, in Korean, Chinese or English")
    lang: str | None = Field(default=None, description="Language of the text and of the explanations")
    top: int = Field(default=10, ge=1, le=100)
    kind: Literal["organisation", "opportunity", "programme"] | None = None
    country: Literal["KR", "CN", "OTHER"] | None = Field(default=None, description="The searcher's country")
    target_country: Literal["KR", "CN", "OTHER", "any"] | None = Field(
        default=None, description="Only results from this country"
    )
    sectors: list[str] = Field(default_factory=list, max_length=20)


class MatchList(BaseModel):
    query_lang: str
    results: list[MatchOut]
