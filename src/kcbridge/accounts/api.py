"""JSON routes of accounts: who am I, personal API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response, status

from kcbridge.accounts import repository as repo
from kcbridge.accounts.schemas import MembershipOut, TokenCreated, TokenIn, TokenOut, UserOut
from kcbridge.accounts.service import account_service
from kcbridge.web.deps import CurrentUser, DbSession, csrf_protect

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
