"""What the language extractors find before entities are merged: mentions with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class OrgMention:
    name: str
    start: int
    type: str = "other"
    country: str | None = None
    entry_id: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PersonMention:
    name: str
    start: int
    role: str | None = None
    organization: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ShortMention:
    """A later mention by surname and role ("오 시장", "장 주임") or by role alone."""

    surname: str
    role: str
    start: int


@dataclass(slots=True)
class PlaceMention:
    name: str
    start: int
    country: str | None = None


@dataclass(slots=True)
class Mentions:
    orgs: list[OrgMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    short: list[ShortMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
