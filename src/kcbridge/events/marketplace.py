"""Attendee marketplace: who a participant might want to meet, from shared sectors and cross-border fit.

A light, explainable ranking over directory data; the cross-lingual matching engine can replace the
score later without changing callers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.directory.models import OrgSector
from kcbridge.events import repository as repo
from kcbridge.events.models import Event, Participant, RegistrationStatus

ROLE_FIT = {
    ("visitor", "host_team"),
    ("visitor", "exhibitor"),
    ("exhibitor", "investor"),
    ("speaker", "investor"),
}


@dataclass
class Suggestion:
    participant: Participant
    score: float
    shared_sectors: list[str]
    cross_border: bool


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
    out = []
    for p in people:
        if p.id in asked:
            continue
        shared = sorted(mine & sectors.get(p.organisation_id, set()))
        other = orgs.get(p.organisation_id)
        cross = bool(other and other.country != my_country)
        fit = (me.role, p.role) in ROLE_FIT or (p.role, me.role) in ROLE_FIT
        score = 2.0 * len(shared) + (1.0 if cross else 0.0) + (0.5 if fit else 0.0)
        if score > 0:
            out.append(Suggestion(p, score, shared, cross))
    out.sort(key=lambda s: (-s.score, s.participant.id))
    return out[:limit]
