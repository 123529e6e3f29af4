"""Who may do what in an event, as yes/no answers: organisers run it, participants act for their own
registrations. The readable statements behind them live in repository.py."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.events import repository as repo
from kcbridge.events.models import Event, Participant


def is_organiser(db: Session, user: User | None, event: Event) -> bool:
    """Administrators and members of the organising organisation or of a co-host (repository rule)."""
    return repo.organises(db, user, event.id)


def acts_for(db: Session, user: User | None, participant: Participant) -> bool:
    """Members of the participant's organisation (whoever registered it; someone who left no longer acts)."""
    return is_member(db, user, participant.organisation_id)


def is_member(db: Session, user: User | None, organisation_id: int) -> bool:
    """A member of the organisation itself (administrators included only when they belong to it)."""
    return user is not None and dir_repo.member_role(db, user.id, organisation_id) is not None


def can_register(db: Session, user: User | None, organisation_id: int) -> bool:
    if user is None:
        return False
    return user.is_admin or dir_repo.member_role(db, user.id, organisation_id) is not None
