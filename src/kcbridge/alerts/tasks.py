"""Periodic (hourly): every saved search whose daily or weekly turn has come reports its new results."""

from __future__ import annotations

import logging

from kcbridge.alerts import repository as repo
from kcbridge.alerts.service import saved_search_service
from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, periodic

log = logging.getLogger("kcbridge.alerts")


@job
def check_saved_searches() -> int:
    """Alerts for every due search, each in its own unit of work; returns how many alerts were sent.

    A search that fails stays due (its check rolled back) and is tried again at the next run; the run
    itself then fails so that the operator sees it."""
    now = utcnow()
    with unit_of_work(write=False) as db:
        due = [search.id for search, _user in repo.due(db, now)]
    sent = failed = 0
    for search_id in due:
        try:
            with unit_of_work() as db:
                sent += bool(saved_search_service.check(db, search_id=search_id, now=now))
        except Exception:
            failed += 1
            log.exception("saved search %s could not be checked", search_id)
    if failed:
        raise RuntimeError(f"{failed} of {len(due)} saved searches could not be checked")
    return sent


periodic(check_saved_searches, every=HOURLY)
