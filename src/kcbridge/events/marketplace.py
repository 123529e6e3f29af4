"""Attendee marketplace: the participants as cards with filters and search, and who a participant might
want to meet.

Suggestions weigh shared sectors, cross-border fit and complementary roles, plus the cross-lingual matching
engine's fit between the two organisations' profiles (from their stored vectors, so no text is embedded on
a page view); they leave out everyone already asked, asking, or met.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation, OrgSector
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import display_name
from kcbridge.events.models import Event, Participant, RegistrationStatus
from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.match_index import match_service

ROLE_FIT = {
    ("visitor", "host_team"),
    ("visitor", "exhibitor"),
    ("exhibitor", "investor"),
    ("speaker", "investor"),
    ("speaker", "producer"),
    ("speaker", "buyer"),
    ("exhibitor", "buyer"),
}


log = logging.getLogger("kcbridge.events")
SEMANTIC_POOL = 500  # how many best-fitting organisations of the platform the engine is asked for


@dataclass
class Suggestion:
    participant: Participant
    score: float
    shared_sectors: list[str]
    cross_border: bool
    profile_fit: float = 0.0


def profile_fit(db: Session, mine: Organisation, others: set[int]) -> dict[int, float]:
    """Matching-engine score of each organisation in `others` against `mine` (absent when unknown)."""

    try:
        vectors = match_service.stored_vectors(db, docs.ORG, mine.id)
        if vectors is None:
            return {}
        doc = docs.org_doc(mine)
        query = MatchQuery(
            text=doc.text, sectors=doc.sectors, org_type=mine.org_type, country=mine.country, name=doc.name
        )
        hits = match_service.search(
            db,
            query,
            top=SEMANTIC_POOL,
            kinds=["organisation"],
            exclude=[docs.doc_id(docs.ORG, mine.id)],
            vectors=vectors,
            explain=False,
        )
    except Exception:  # suggestions still work from sectors and roles if the engine is unavailable
        log.exception("matching-based suggestions failed")
        return {}
    return {h.entity.id: h.result.score for h in hits if h.kind == docs.ORG and h.entity.id in others}


def suggestions(db: Session, event: Event, me: Participant, *, limit: int = 5) -> list[Suggestion]:
    """Approved participants of other organisations that `me` has not asked yet, best fit first."""
    people = [
        p
        for p in repo.participants(db, event.id, status=RegistrationStatus.APPROVED.value)
        if p.organisation_id != me.organisation_id
    ]
    # Anyone already asked, asking (whatever the answer) or met is left out.
    asked = {x for r in repo.requests(db, event.id, participant_ids=[me.id]) for x in (r.from_id, r.to_id)}
    asked |= {s.participant_id for m in repo.meetings(db, event.id, participant_ids=[me.id]) for s in m.seats}
    orgs = repo.organisations(db, [me.organisation_id, *(p.organisation_id for p in people)])
    sectors: dict[int, set[str]] = {}
    for oid, sector in db.execute(
        select(OrgSector.organisation_id, OrgSector.sector).where(OrgSector.organisation_id.in_(list(orgs)))
    ):
        sectors.setdefault(oid, set()).add(sector)
    mine = sectors.get(me.organisation_id, set())
    my_country = orgs[me.organisation_id].country if me.organisation_id in orgs else ""
    my_org = directory_repo.get(db, me.organisation_id)  # with its texts and sectors loaded
    fit_of = profile_fit(db, my_org, {p.organisation_id for p in people}) if my_org else {}
    out = []
    for p in people:
        if p.id in asked:
            continue
        shared = sorted(mine & sectors.get(p.organisation_id, set()))
        other = orgs.get(p.organisation_id)
        cross = bool(other and other.country != my_country)
        fit = (me.role, p.role) in ROLE_FIT or (p.role, me.role) in ROLE_FIT
        semantic = max(0.0, fit_of.get(p.organisation_id, 0.0))
        base = 2.0 * len(shared) + (1.0 if cross else 0.0) + (0.5 if fit else 0.0)
        if base > 0:  # a reason people understand first; the engine's profile fit then orders them
            out.append(Suggestion(p, base + 3.0 * semantic, shared, cross, semantic))
    out.sort(key=lambda s: (-s.score, s.participant.id))
    return out[:limit]


# Cards -------------------------------------------------------------------------------------------------

PER_PAGE = 24


@dataclass
class Card:
    participant: Participant
    org: Organisation | None
    name: str  # in the viewer's language
    other_names: list[str]
    country: str
    sectors: list[str]
    offer: str  # one line each, the participant's own or its profile's first
    seek: str
    logo: bool


@dataclass
class Filters:
    q: str = ""
    country: str = ""
    role: str = ""
    sector: str = ""
    attendance: str = ""
    page: int = 1

    def query(self, **changes: object) -> str:
        """The query string of these filters with `changes` (page links keep the filters)."""
        values = {**self.__dict__, **changes}
        return urlencode({k: v for k, v in values.items() if v and not (k == "page" and v == 1)})


def _line(text: str, limit: int = 140) -> str:
    first = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class Page:
    cards: list[Card]
    total: int
    pages: int
    countries: list[str]
    sectors: list[str]


def cards(db: Session, event: Event, lang: str, filters: Filters) -> Page:
    """Approved participants as cards, filtered and searched (names in any language, offer and seek)."""
    people = repo.participants(db, event.id, status=RegistrationStatus.APPROVED.value)
    orgs = {o.id: o for o in directory_repo.get_many(db, sorted({p.organisation_id for p in people}))}
    logos = set(directory_repo.has_logo(db, list(orgs)))
    everyone: list[Card] = []
    for p in people:
        org = orgs.get(p.organisation_id)
        texts = {t.lang: t for t in org.texts} if org else {}
        own = texts.get(lang) or next(iter(texts.values()), None)
        name = display_name(p, org, lang)
        names = [v for v in (org.names().values() if org else ()) if v and v not in name]
        everyone.append(
            Card(
                participant=p,
                org=org,
                name=name,
                other_names=names,
                country=org.country if org else "",
                sectors=list(org.sectors) if org else [],
                offer=p.offer or _line(own.offer if own else ""),
                seek=p.seek or _line(own.seek if own else ""),
                logo=p.organisation_id in logos,
            )
        )
    q = _fold(filters.q)

    def keep(c: Card) -> bool:
        if filters.country and c.country != filters.country:
            return False
        if filters.role and c.participant.role != filters.role:
            return False
        if filters.sector and filters.sector not in c.sectors:
            return False
        if filters.attendance and c.participant.attendance != filters.attendance:
            return False
        if q:
            hay = [c.name, *c.other_names, c.offer, c.seek, c.participant.team]
            if c.org is not None:
                hay += [t.offer + " " + t.seek + " " + t.description for t in c.org.texts]
            return any(q in _fold(h) for h in hay if h)
        return True

    found = [c for c in everyone if keep(c)]
    found.sort(key=lambda c: c.name.casefold())
    pages = max(1, -(-len(found) // PER_PAGE))
    page = min(max(1, filters.page), pages)
    return Page(
        cards=found[(page - 1) * PER_PAGE : page * PER_PAGE],
        total=len(found),
        pages=pages,
        countries=sorted({c.country for c in everyone if c.country}),
        sectors=sorted({s for c in everyone for s in c.sectors}),
    )
