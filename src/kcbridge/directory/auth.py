"""Who is asking, for the directory's routes: the actor dependencies built on kcbridge.accounts.auth."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.directory import repository as repo
from kcbridge.directory.service import directory_service
from kcbridge.kit.errors import Forbidden
from kcbridge.kit.i18n import _
from kcbridge.kit.web.deps import DbSession


def org_editor(org_id: int, db: DbSession, user: CurrentUser) -> User:
    """The user, if they may change organisation `org_id`: 404 when it does not exist, 403 when not theirs."""
    directory_service.get(db, org_id)
    if not repo.may_edit(db, user, org_id):
        raise Forbidden(_("Only members of this organisation can change it."))
    return user


OrgEditor = Annotated[User, Depends(org_editor)]
