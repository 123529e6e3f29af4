"""Who may do what in an event: organisers run it, participants act for their own registrations."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.events.models import Event, Participant


def is_organiser(db: Session, user: User | None, event: Event) -> bool:
    """Administrators and members of the organising organisation."""
    if user is None:
        return False
    return user.is_admin or dir_repo.member_role(db, user.id, event.organiser_org_id) is not None


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
