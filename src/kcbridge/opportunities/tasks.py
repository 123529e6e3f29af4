"""Background jobs of opportunities: unanswered expressions of interest and passed deadlines expire."""

from __future__ import annotations

from kcbridge.kit.db import unit_of_work
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, periodic
from kcbridge.opportunities.service import opportunity_service


@job
def expire_interests() -> None:
    """Periodic: unanswered expressions of interest expire (also checked whenever they are listed)."""
    with unit_of_work() as db:
        opportunity_service.expire_stale(db)


periodic(expire_interests, every=HOURLY)
