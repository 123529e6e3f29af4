"""Attendee marketplace: who a participant might want to meet.

Shared sectors, cross-border fit and complementary roles, plus the cross-lingual matching engine's fit
between the two organisations' profiles (from their stored vectors, so no text is embedded on a page view).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation, OrgSector
from kcbridge.events import repository as repo
from kcbridge.events.models import Event, Participant, RegistrationStatus
from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.match_index import match_service

ROLE_FIT = {
    ("visitor", "host_team"),
    ("visitor", "exhibitor"),
    ("exhibitor", "investor"),
    ("speaker", "investor"),
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
    asked = {r.to_id for r in repo.requests(db, event.id, participant_ids=[me.id]) if r.from_id == me.id}
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
