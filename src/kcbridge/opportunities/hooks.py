"""Notices organisation profile changes made anywhere (API, pages, import, demo) and queues their embedding.

Registered when the opportunity tables are imported, so every process that writes profiles has it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation, OrgSector, OrgText


@event.listens_for(Session, "after_flush")
def _organisation_changed(session: Session, _ctx: Any) -> None:
    """Queues re-embedding of organisations whose profile changed in this flush (runs after commit)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Organisation) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, (OrgText, OrgSector)) and obj.organisation_id is not None:
            ids.add(obj.organisation_id)
    if ids:
        from kcbridge.opportunities.tasks import embed_entities

        embed_entities.defer(session, entity_type="organisation", ids=sorted(ids))
