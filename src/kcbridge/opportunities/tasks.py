"""Background jobs of opportunities: passed deadlines and unanswered expressions of interest are stored as
expired. Readers see them expired at once (see models); these jobs write it down, audit it and tell
the senders, so that no GET has to."""

from __future__ import annotations

from kcbridge.kit.db import unit_of_work
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, periodic
from kcbridge.opportunities.service import opportunity_service


@job
def expire_interests() -> None:
    """Periodic: expressions of interest unanswered for 30 days are stored as expired; senders are told."""
    with unit_of_work() as db:
        opportunity_service.expire_stale(db)


@job
def expire_opportunities() -> None:
    """Periodic: published opportunities past their deadline are stored as expired (and leave the index)."""
    with unit_of_work() as db:
        opportunity_service.expire_due(db)


periodic(expire_interests, every=HOURLY)
periodic(expire_opportunities, every=HOURLY)
