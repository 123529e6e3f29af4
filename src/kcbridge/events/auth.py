"""Who is asking, for the event routes: actor dependencies built on kcbridge.accounts.auth."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from kcbridge.accounts.auth import CurrentUser
from kcbridge.events.models import Event
from kcbridge.events.service import event_service
from kcbridge.kit.web.deps import DbSession


def organised_event(event_id: int, db: DbSession, user: CurrentUser) -> Event:
    """The event `event_id` if the user organises it: 404 when it does not exist, 403 for the others."""
    event = event_service.get(db, event_id)
    event_service.require_organiser(db, user, event)
    return event


OrganisedEvent = Annotated[Event, Depends(organised_event)]
