"""The actor dependencies of the cases routes: who may file and list cases, who reads statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from kcbridge.accounts.auth import required_user
from kcbridge.accounts.models import User
from kcbridge.cases.policy import is_stats_reader, require_case_user
from kcbridge.kit.errors import Forbidden
from kcbridge.kit.i18n import _


def case_user(user: Annotated[User, Depends(required_user)]) -> User:
    """Firms, institutions and administrators (officers and analysts: 403 with the reason)."""
    require_case_user(user)
    return user


def stats_user(user: Annotated[User, Depends(required_user)]) -> User:
    """Government officers, analysts and administrators."""
    if not is_stats_reader(user):
        raise Forbidden(_("Statistics of cases are for government officers, analysts and administrators."))
    return user


CaseUser = Annotated[User, Depends(case_user)]
StatsUser = Annotated[User, Depends(stats_user)]
