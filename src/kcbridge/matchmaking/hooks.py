"""Notices changes of profiles, opportunities and programmes made anywhere (API, pages, import, demo) and
queues their embedding (the job runs after the commit).

Imported by the app (`kcbridge.app.models`), so every process that writes has it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation, OrgSector, OrgText
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.tasks import embed_entities
from kcbridge.opportunities.models import Opportunity, OpportunitySector, OpportunityText
from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText

# (the entity, its child rows and the child's foreign key) per kind of document
WATCHED: tuple[tuple[str, type[Any], tuple[type[Any], ...], str], ...] = (
    (docs.ORG, Organisation, (OrgText, OrgSector), "organisation_id"),
    (docs.OPP, Opportunity, (OpportunityText, OpportunitySector), "opportunity_id"),
    (docs.PROG, Programme, (ProgrammeText, ProgrammeSector), "programme_id"),
)


@event.listens_for(Session, "after_flush")
def _changed(session: Session, _ctx: Any) -> None:
    """Queues re-embedding of everything whose text, sectors or status changed in this flush."""
    changed: dict[str, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        for kind, entity, children, fk in WATCHED:
            if isinstance(obj, entity) and getattr(obj, "id", None) is not None:
                changed.setdefault(kind, set()).add(obj.id)
            elif isinstance(obj, children) and getattr(obj, fk, None) is not None:
                changed.setdefault(kind, set()).add(getattr(obj, fk))
    for kind, ids in changed.items():
        embed_entities.defer(session, entity_type=kind, ids=sorted(ids))
