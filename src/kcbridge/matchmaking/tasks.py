"""Background jobs of matchmaking: embed what changed (queued by hooks.py), the daily digest of new matches.

Vectors are computed after the change commits (in-process in embedded mode), never while a page is
being served.
"""

from __future__ import annotations

from kcbridge.kit.db import unit_of_work
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import DAILY, HOURLY, periodic
from kcbridge.matchmaking.digest import send_digest
from kcbridge.matchmaking.embedding import embed, embed_missing


@job(merge="ids")  # one unit of work's changes are embedded in batches, not one job per row
def embed_entities(*, entity_type: str, ids: list[int]) -> None:
    with unit_of_work() as db:
        embed(db, entity_type, ids)


@job
def daily_digest() -> None:
    """Periodic (daily): members hear of newly published opportunities that fit their organisation."""
    with unit_of_work() as db:
        send_digest(db)


@job
def embed_stale() -> None:
    """Periodic: whatever has no current vector is embedded (a job lost to a crash or a locked database,
    rows stored before the offer part was kept), so nothing stays out of the matches for long."""
    with unit_of_work() as db:
        embed_missing(db)


periodic(daily_digest, every=DAILY)
periodic(embed_stale, every=HOURLY)
