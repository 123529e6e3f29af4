"""How well programmes fit an organisation, and organisations a programme, from stored vectors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import utcnow
from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.match_index import match_service
from kcbridge.programmes import repository as prog_repo
from kcbridge.programmes.eligibility import Applicant, check
from kcbridge.programmes.models import Programme

FIT_TOP = 300  # programmes given a fit score; the rest of the eligible ones follow by deadline


def programme_scores(db: Session, org: Organisation | None) -> dict[int, float]:
    """The matching engine's score of every programme for the organisation's stored profile vectors."""
    if org is None:
        return {}

    doc = docs.org_doc(org)
    vectors = match_service.stored_vectors(db, docs.ORG, org.id) if doc.text.strip() else None
    if vectors is None:
        return {}
    query = MatchQuery(
        text=doc.text, sectors=doc.sectors, org_type=org.org_type, country=org.country, name=doc.name
    )
    scored = match_service.scores(db, query, vectors, kinds=(docs.PROG,), top=FIT_TOP)
    return {docs.parse_doc_id(k)[1]: v for k, v in scored.items()}


def organisations_for(
    db: Session, prog: Programme, *, top: int = 8, now: datetime | None = None
) -> list[Any]:
    """Organisations whose profiles fit a programme (from its stored vectors), those eligible first."""

    vectors = match_service.stored_vectors(db, docs.PROG, prog.id)
    if vectors is None:
        return []
    doc = docs.prog_doc(prog)
    query = MatchQuery(
        text=doc.text,
        sectors=doc.sectors,
        org_type=prog.organisation.org_type,
        country=prog.country,
        coop_offer=doc.coop_offer,
        target_countries=tuple(prog.nationalities) or None,
    )
    hits = match_service.search(
        db,
        query,
        top=top * 3,
        kinds=(docs.ORG,),
        exclude=[docs.doc_id(docs.ORG, prog.organisation_id)],
        countries=tuple(prog.nationalities) or None,
        vectors=vectors,
        explain=False,
    )
    rules = prog_repo.rules_of(prog)
    now = now or utcnow()

    def fits(org: Organisation) -> bool:
        applicant = Applicant(
            sectors=tuple(org.sectors), stage=org.stage, nationality=org.country, org_type=org.org_type
        )
        return check(rules, applicant, now).eligible

    hits = sorted(hits, key=lambda h: not fits(h.entity))  # stable: rank order within each group
    return match_service.explain(query, hits[:top])  # only the hits shown are explained
