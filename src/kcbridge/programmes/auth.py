"""Who is asking, for the programme routes: actor dependencies built on kcbridge.accounts.auth."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.kit.web.deps import DbSession
from kcbridge.programmes.service import programme_service


def programme_manager(prog_id: int, db: DbSession, user: CurrentUser) -> User:
    """A member of the operating organisation or platform staff: 404 when the programme is not readable,
    403 when it is not theirs to change."""
    programme_service.managed(db, prog_id, user)
    return user


ProgrammeManager = Annotated[User, Depends(programme_manager)]
