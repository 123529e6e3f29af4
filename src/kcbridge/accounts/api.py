"""JSON routes of accounts: who am I, personal API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from kcbridge.accounts import repository as repo
from kcbridge.accounts.auth import AdminUser, CurrentUser
from kcbridge.accounts.schemas import (
    MembershipOut,
    RoleIn,
    TokenCreated,
    TokenIn,
    TokenOut,
    UserOut,
    UserPage,
)
from kcbridge.accounts.service import account_service
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["accounts"], dependencies=[Depends(csrf_protect)])


@router.get("/me", response_model=UserOut)
def me(db: DbSession, user: CurrentUser) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        locale=user.locale,
        created_at=user.created_at,
        memberships=[
            MembershipOut(organisation_id=m.organisation_id, role=m.role)
            for m in repo.memberships(db, user.id)
        ],
    )


@router.get("/me/tokens", response_model=list[TokenOut])
def list_tokens(db: DbSession, user: CurrentUser) -> list[TokenOut]:
    return [TokenOut.model_validate(t) for t in repo.tokens_of(db, user.id)]


@router.post("/me/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def create_token(data: TokenIn, db: DbSession, user: CurrentUser) -> TokenCreated:
    token, row = account_service.create_token(db, user, name=data.name)
    return TokenCreated(token=token, **TokenOut.model_validate(row).model_dump())


@router.delete("/me/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token_id: int, db: DbSession, user: CurrentUser) -> Response:
    account_service.revoke_token(db, user, token_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _user_out(db: DbSession, user) -> UserOut:  # noqa: ANN001
    return UserOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        locale=user.locale,
        created_at=user.created_at,
        memberships=[
            MembershipOut(organisation_id=m.organisation_id, role=m.role)
            for m in repo.memberships(db, user.id)
        ],
    )


@router.get("/users", response_model=UserPage)
def list_users(
    db: DbSession,
    admin: AdminUser,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 50,
) -> UserPage:
    """All accounts (platform administrators only)."""
    rows, total = repo.users(db, query=q, offset=(page - 1) * per_page, limit=per_page)
    return UserPage(items=[_user_out(db, u) for u in rows], total=total, page=page, per_page=per_page)


@router.patch("/users/{user_id}", response_model=UserOut)
def set_role(user_id: int, data: RoleIn, db: DbSession, admin: AdminUser) -> UserOut:
    """Give an account a platform role: user, admin, support_agent, government_officer, analyst."""
    return _user_out(db, account_service.set_role(db, admin, user_id, data.role))
