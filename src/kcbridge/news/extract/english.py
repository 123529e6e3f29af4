"""English entities: the gazetteer, capitalised names with organisation suffixes, role patterns."""

from __future__ import annotations

import re

from kcbridge.news.extract.gazetteer import Gazetteer
from kcbridge.news.extract.mentions import Mentions, OrgMention, PersonMention, PlaceMention

_CAP = r"(?:[A-Z][\w&.\-']*|of|and|for|the|de)"
_ORG_TAIL = (
    r"(?:Ministry|University|Cent(?:er|re)|Association|Group|Corporation|Corp\.?|Inc\.?|Co\.,? Ltd\.?|Ltd\.?|"
    r"Institute|Agency|Council|Commission|Zone|Park|Government|Bureau|Committee|Foundation|Holdings|"
    r"Electronics|Technolog(?:y|ies)|Robotics|Academy|Administration|Authority|Embassy|Chamber of Commerce)"
)
_ORG = re.compile(
    rf"\b((?:[A-Z][\w&.\-']*\s+(?:(?:of|and|for|the)\s+)?){{0,5}}{_ORG_TAIL}(?:\s+of(?:\s+{_CAP}){{1,5}})?)"
)
_NAME = r"([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2})"
_ROLE = (
    r"(Mayor|Governor|Minister|Vice Minister|President|Chairman|Chairwoman|Chair|CEO|CTO|Director|Director-General|"
    r"Secretary|Ambassador|Consul General|Professor|Founder|Head|Chief Executive|Premier|Party Secretary)"
)
_ROLE_NAME = re.compile(rf"\b{_ROLE}\s+{_NAME}")
_NAME_ROLE = re.compile(
    rf"{_NAME},\s+(?:the\s+)?(?:[\w\s]*?\s)?{_ROLE.lower()}\s+of\s+(?:the\s+)?((?:{_CAP}\s?)+)", re.I
)
_PLACE_TYPES = frozenset({"country", "city", "province", "district"})
_NOT_ORG = re.compile(r"^(?:The|This|That|A|An|Our|Its)\s+")


def analyse(text: str, gaz: Gazetteer) -> Mentions:
    """Organisations, people and places in English `text`."""
    found = Mentions()
    spans: list[tuple[int, int]] = []
    for hit in gaz.find(text):
        if hit.entry.type in _PLACE_TYPES:
            found.places.append(PlaceMention(hit.surface, hit.start, hit.entry.country))
        else:
            found.orgs.append(
                OrgMention(hit.surface, hit.start, hit.entry.type, hit.entry.country, hit.entry.id)
            )
            spans.append((hit.start, hit.end))
    for m in _ORG.finditer(text):
        name = _NOT_ORG.sub("", m.group(1)).strip(" ,.")
        s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        if len(name.split()) < 2 or any(a <= s < b or a < s + len(name) <= b for a, b in spans):
            continue
        found.orgs.append(OrgMention(name, s, _type_of(name)))
        spans.append((s, s + len(name)))
    for m in _ROLE_NAME.finditer(text):
        org = _org_before(found, m.start())
        found.people.append(PersonMention(m.group(2), m.start(2), m.group(1), org))
    for m in _NAME_ROLE.finditer(text):
        found.people.append(PersonMention(m.group(1), m.start(1), m.group(2).lower(), m.group(3).strip()))
    return found


def _org_before(found: Mentions, pos: int) -> str | None:
    near = [o for o in found.orgs if 0 <= pos - (o.start + len(o.name)) <= 3]
    return near[-1].name if near else None


def _type_of(name: str) -> str:
    low = name.lower()
    for words, typ in (
        (
            ("ministry", "government", "bureau", "commission", "embassy", "administration", "authority"),
            "government",
        ),
        (("university", "academy"), "university"),
        (("institute",), "research_institute"),
        (("association", "council", "chamber", "foundation"), "association"),
        (("zone", "park"), "economic_zone"),
        (("center", "centre", "agency"), "support_agency"),
    ):
        if any(w in low for w in words):
            return typ
    return "company"
