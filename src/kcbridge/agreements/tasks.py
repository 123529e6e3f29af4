"""Periodic (daily): the weekly digest of overdue and at-risk commitments. The job runs every day so a
failed day is caught up the next; each organisation hears at most once per ISO week."""

from __future__ import annotations

from kcbridge.agreements.digest import send_digests
from kcbridge.agreements.service import today
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import DAILY, periodic


@job
def weekly_commitment_digest() -> int:
    """Tells each owner organisation's members of its overdue and at-risk commitments; returns how many."""
    with unit_of_work() as db:
        return send_digests(db, today=today())


periodic(weekly_commitment_digest, every=DAILY)
