"""Periodic (hourly): SLA breaches are flagged on the case and mailed to the institution's agents (or,
for a case no rule routed, to the administrators), each in the recipient's language, once per breach."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from kcbridge.cases import messages, sla
from kcbridge.cases import repository as repo
from kcbridge.cases.service import audit, payload
from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, periodic

log = logging.getLogger("kcbridge.cases")


def flag_breaches(db: Session, now: datetime) -> int:
    """Flags and announces every new breach; returns how many were flagged."""
    flagged = 0
    for case in repo.sla_breaches(db, now):
        kinds = []
        if case.first_reply_at is None and case.first_reply_breached_at is None:
            if sla.first_reply_breached(case.first_reply_due_at, None, now):
                case.first_reply_breached_at = now
                kinds.append("case_first_reply_late")
        paused = case.paused_since is not None
        if case.resolution_breached_at is None and sla.resolution_breached(
            case.resolution_due_at, None, paused, now
        ):
            case.resolution_breached_at = now
            kinds.append("case_resolution_late")
        if not kinds:
            continue
        audit(db, None, "sla_breach", case, breaches=kinds)
        to = repo.agent_ids(db, case.institution_id) if case.institution_id else []
        for kind in kinds:
            messages.tell(db, to or repo.admin_ids(db), kind, payload(case))
        flagged += len(kinds)
    return flagged


@job
def check_sla() -> int:
    """One unit of work for every breach found now (a failure rolls back and is tried again next hour)."""
    with unit_of_work() as db:
        flagged = flag_breaches(db, utcnow())
    if flagged:
        log.info("flagged %d SLA breaches", flagged)
    return flagged


periodic(check_sla, every=HOURLY)
