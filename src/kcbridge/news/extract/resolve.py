"""Mentions merged into entities: aliases, acronyms, gazetteer links, short mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kcbridge.news.extract import lexicon as lx
from kcbridge.news.extract.gazetteer import Entry, Gazetteer, norm
from kcbridge.news.extract.mentions import Mentions, OrgMention, PersonMention


@dataclass(slots=True)
class OrgEntity:
    name: str
    type: str
    country: str | None
    linked_id: str | None
    aliases: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "linked_id": self.linked_id,
            "aliases": self.aliases,
        }


@dataclass(slots=True)
class PersonEntity:
    name: str
    role: str | None
    organization: str | None
    aliases: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role,
            "organization": self.organization,
            "aliases": self.aliases,
        }


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_ORG_TAILS = ("센터", "中心", " Center", " Centre")


def resolve_orgs(mentions: list[OrgMention], gaz: Gazetteer) -> tuple[list[OrgEntity], dict[str, OrgEntity]]:
    """Organisation entities in order of first mention, and every written form → its entity."""
    ms = sorted(mentions, key=lambda m: m.start)
    links: list[Entry | None] = []
    for m in ms:
        e = gaz.lookup(m.name) if m.entry_id is None else gaz.lookup(m.name) or None
        if e is None and m.entry_id is None:
            e = gaz.link(m.name)
        if e is None:
            e = next((gaz.lookup(a) for a in m.aliases if gaz.lookup(a)), None)
        links.append(
            e if e is not None and not e.place or (e is not None and e.type == "economic_zone") else None
        )
    u = _Union(len(ms))
    key_of: dict[str, int] = {}
    for i, m in enumerate(ms):
        for form in [m.name, *m.aliases]:
            k = norm(form)
            if k in key_of:
                u.join(i, key_of[k])
            else:
                key_of[k] = i
    by_entry: dict[str, int] = {}
    for i, e in enumerate(links):
        if e is not None:
            if e.id in by_entry:
                u.join(i, by_entry[e.id])
            else:
                by_entry[e.id] = i
    for i, m in enumerate(ms):  # "KIC중국센터" is "KIC중국"; "KIC" is the acronym of "KIC중국"
        k = norm(m.name)
        for tail in _ORG_TAILS:
            t = norm(tail)
            if k.endswith(t) and k[: -len(t)] in key_of:
                u.join(i, key_of[k[: -len(t)]])
        if re.fullmatch(r"[a-z]{2,6}", k):
            for other, j in key_of.items():
                if other != k and other.startswith(k) and not re.match(r"[a-z]", other[len(k) :]):
                    u.join(i, j)
    groups: dict[int, OrgEntity] = {}
    forms: dict[str, OrgEntity] = {}
    for i, m in enumerate(ms):
        root = u.find(i)
        ent = groups.get(root)
        if ent is None:
            e = (
                links[root]
                if links[root] is not None
                else next((links[j] for j in range(len(ms)) if u.find(j) == root and links[j]), None)
            )
            ent = OrgEntity(
                m.name, e.type if e else m.type, (e.country if e else None) or m.country, e.id if e else None
            )
            groups[root] = ent
        elif ent.type == "other" and m.type != "other":
            ent.type = m.type
        ent.starts.append(m.start)
        for form in [m.name, *m.aliases]:
            if form != ent.name and form not in ent.aliases:
                ent.aliases.append(form)
            forms[norm(form)] = ent
    for root, ent in groups.items():  # the full form: the one glossed in parentheses, else the longest
        members = [m for i, m in enumerate(ms) if u.find(i) == root]
        glossed = [m.name for m in members if m.aliases]
        best = (
            glossed[0]
            if glossed
            else max(
                [ent.name, *ent.aliases],
                key=lambda f: (len(norm(f)), -ent.aliases.index(f) if f in ent.aliases else 1),
            )
        )
        if best != ent.name:
            ent.aliases = [a for a in [ent.name, *ent.aliases] if a != best]
            ent.name = best
    return list(groups.values()), forms


def resolve_people(found: Mentions, orgs: dict[str, OrgEntity], outlet: str | None) -> list[PersonEntity]:
    """People merged by name; their organisation named as its entity is."""
    people: dict[str, PersonEntity] = {}
    for p in sorted(found.people, key=lambda p: p.start):
        ent = people.get(p.name)
        role = "reporter" if p.role in lx.REPORTER_ROLES else p.role
        org = _org_name(p, orgs)
        if role == "reporter" and org is None and outlet:
            org = orgs[norm(outlet)].name if norm(outlet) in orgs else outlet
        if ent is None:
            ent = people[p.name] = PersonEntity(p.name, role, org)
        else:
            ent.role = ent.role or role
            ent.organization = ent.organization or org
        ent.starts.append(p.start)
        for a in p.aliases:
            if a not in ent.aliases:
                ent.aliases.append(a)
    for s in found.short:
        for ent in people.values():
            if ent.name.startswith(s.surname) and (ent.role or "").endswith(s.role):
                ent.starts.append(s.start)
                break
    return list(people.values())


def _org_name(p: PersonMention, orgs: dict[str, OrgEntity]) -> str | None:
    if not p.organization:
        return None
    ent = orgs.get(norm(p.organization))
    return ent.name if ent else p.organization


def fill_orgs_from_context(
    people: list[PersonEntity], orgs: list[OrgEntity], sentence_starts: list[int]
) -> None:
    """A chairman named without his body belongs to the body last named in the same sentence."""
    for person in people:
        if person.organization or person.role in lx.SENIOR_ROLES or person.role == "reporter":
            continue
        first = min(person.starts)
        sent = max((s for s in sentence_starts if s <= first), default=0)
        best: tuple[int, str] | None = None
        for o in orgs:
            for st in o.starts:
                if sent <= st < first and (best is None or st > best[0]):
                    best = (st, o.name)
        if best:
            person.organization = best[1]
