"""Who is asking: the user of the bearer token or session cookie; the actor dependencies of every route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kcbridge.accounts.models import User
from kcbridge.accounts.service import account_service
from kcbridge.kit.errors import Forbidden, Unauthorized
from kcbridge.kit.i18n import _
from kcbridge.kit.web.deps import SESSION_COOKIE, DbSession, bearer_token


def optional_user(request: Request, db: DbSession) -> User | None:
    """The user of the bearer token or session cookie, or None."""
    if "user" in request.state._state:
        return request.state.user
    user: User | None = None
    token = bearer_token(request)
    if token:
        user = account_service.user_for_token(db, token)
        if user is None:
            raise Unauthorized(_("The API token is invalid or revoked."))
        request.state.auth = "token"
    elif cookie := request.cookies.get(SESSION_COOKIE):
        user = account_service.user_for_session(db, cookie)
        request.state.auth = "cookie" if user else None
    request.state.user = user
    return user


def required_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise Unauthorized(_("Log in to continue."))
    return user


def admin_user(user: Annotated[User, Depends(required_user)]) -> User:
    if not user.is_admin:
        raise Forbidden(_("Only platform administrators can do this."))
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(required_user)]
AdminUser = Annotated[User, Depends(admin_user)]
