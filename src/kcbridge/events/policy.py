"""Who may do what in an event: organisers run it, participants act for their own registrations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import Membership, User
from kcbridge.directory import repository as dir_repo
from kcbridge.events.models import Event, EventCohost, Participant


def is_organiser(db: Session, user: User | None, event: Event) -> bool:
    """Administrators and members of the organising organisation or of a co-host."""
    if user is None:
        return False
    if user.is_admin or dir_repo.member_role(db, user.id, event.organiser_org_id) is not None:
        return True
    cohosts = select(EventCohost.organisation_id).where(EventCohost.event_id == event.id)
    return (
        db.scalar(
            select(Membership.id)
            .where(Membership.user_id == user.id, Membership.organisation_id.in_(cohosts))
            .limit(1)
        )
        is not None
    )


def acts_for(db: Session, user: User | None, participant: Participant) -> bool:
    """The registered user or a member of the participant's organisation."""
    if user is None:
        return False
    if participant.user_id == user.id:
        return True
    return dir_repo.member_role(db, user.id, participant.organisation_id) is not None


def can_register(db: Session, user: User | None, organisation_id: int) -> bool:
    if user is None:
        return False
    return user.is_admin or dir_repo.member_role(db, user.id, organisation_id) is not None
