"""Who is asking, for the opportunity routes: actor dependencies built on kcbridge.accounts.auth."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.kit.errors import Forbidden
from kcbridge.kit.i18n import _
from kcbridge.kit.web.deps import DbSession
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.service import opportunity_service


def reviewer(user: CurrentUser) -> User:
    """Platform staff, who review opportunities (403 for everyone else)."""
    if not repo.may_review(user):
        raise Forbidden(_("Only platform staff review opportunities."))
    return user


def opportunity_manager(opp_id: int, db: DbSession, user: CurrentUser) -> User:
    """A member of the publishing organisation or an administrator: 404 when the opportunity is not
    readable, 403 when it is not theirs to change."""
    opportunity_service.managed(db, opp_id, user)
    return user


Reviewer = Annotated[User, Depends(reviewer)]
OpportunityManager = Annotated[User, Depends(opportunity_manager)]
