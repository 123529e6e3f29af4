"""The daily digest: opportunities published since the last run that fit each member organisation."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import Membership
from kcbridge.directory import repository as directory_repo
from kcbridge.kit.db import utcnow
from kcbridge.matchmaking import matches
from kcbridge.notifications.service import notify
from kcbridge.opportunities import repository as repo


def send_digest(db: Session, *, since: datetime | None = None, top: int = 5) -> int:
    """Notifies the members of every organisation with new fitting opportunities; returns how many orgs."""
    since = since or utcnow() - timedelta(days=1)
    org_ids = sorted(set(db.scalars(select(Membership.organisation_id))))
    told = 0
    for org in directory_repo.get_many(db, org_ids):
        hits = matches.for_organisation(
            db, org, top=top * 4, kinds=["opportunity"], target=matches.counterpart(org.country)
        )
        fresh = [h for h in hits if h.entity.published_at and h.entity.published_at >= since][:top]
        if not fresh:
            continue
        payload = {  # names and titles in every language: each member reads them in their own
            "organisation_id": org.id,
            "org": org.names(),
            "count": len(fresh),
            "title": [h.entity.titles() for h in fresh],
            "opportunity_ids": [h.entity.id for h in fresh],
        }
        notify(db, repo.member_user_ids(db, org.id), "match_digest", payload)
        told += 1
    db.flush()
    return told
