"""JSON routes of notifications: one's own, marked read."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from kcbridge.accounts.auth import CurrentUser
from kcbridge.kit.db import utcnow
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.notifications import repository as repo
from kcbridge.notifications import service as notify
from kcbridge.notifications.schemas import NotificationOut

router = APIRouter(tags=["notifications"], dependencies=[Depends(csrf_protect)])


@router.get("/notifications", response_model=list[NotificationOut])
def list_notifications(db: DbSession, user: CurrentUser) -> list[NotificationOut]:
    return [
        NotificationOut(
            id=n.id,
            kind=n.kind,
            payload=n.payload,
            text=notify.text(n.kind, n.payload),
            created_at=n.created_at,
            read_at=n.read_at,
        )
        for n in repo.notifications(db, user.id)
    ]


@router.post("/notifications/read", status_code=status.HTTP_204_NO_CONTENT)
def read_notifications(db: DbSession, user: CurrentUser) -> None:
    """Mark every notification as read."""
    repo.mark_read(db, user.id, None, utcnow())
