"""JSON routes: opportunities and their review, expressions of interest, notifications, matching."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from sqlalchemy.orm import Session

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.kit.i18n import get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.opportunities import policy, vocab
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.auth import Reviewer
from kcbridge.opportunities.models import ExpressionOfInterest, Opportunity
from kcbridge.opportunities.schemas import (
    InterestIn,
    InterestOut,
    OpportunityIn,
    OpportunityOut,
    OpportunityPage,
    OpportunityPatch,
    OppTextIn,
    OwnerOut,
    RenewIn,
    ReviewIn,
)
from kcbridge.opportunities.service import opportunity_service

router = APIRouter(tags=["opportunities"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of labels; unknown codes fall back")]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def present(
    db: Session, opp: Opportunity, user: User | None, lang: str, shown: set[int] | None = None
) -> OpportunityOut:
    """The opportunity as `user` may read it; `shown` are the ids of a page whose publisher is named to
    them (repo.owners_shown), read here for one when not given."""
    org = opp.organisation
    shown_ = opp.id in (shown if shown is not None else repo.owners_shown(db, user, [opp]))
    manager = repo.may_manage(db, user, opp) or repo.may_review(user)
    return OpportunityOut(
        id=opp.id,
        organisation=OwnerOut(
            id=org.id if shown_ else None,
            name=org.name(lang) if shown_ else None,
            country=org.country,
            org_type=org.org_type,
            size=org.size,
        ),
        anonymous=opp.anonymous,
        opp_type=opp.opp_type,
        opp_type_label=vocab.label(opp.opp_type, lang),
        title=opp.title(lang),
        texts={t.lang: OppTextIn(title=t.title, description=t.description) for t in opp.texts},
        sectors=opp.sectors,
        coop_types=list(opp.coop_types or []),
        stage=opp.stage,
        target_country=opp.target_country,
        partner_type=opp.partner_type,
        deadline=opp.deadline,
        status=opp.status,
        review_comment=opp.review_comment if manager else None,
        created_at=opp.created_at,
        published_at=opp.published_at,
    )


def interest_out(db: Session, eoi: ExpressionOfInterest, user: User) -> InterestOut:
    """The expression as the caller may see it: an anonymous opportunity's owner stays unnamed to the
    sender until it accepts (as on the pages)."""
    out = InterestOut.model_validate(eoi)
    if eoi.opportunity_id is not None:
        opp = db.get(Opportunity, eoi.opportunity_id)
        if opp is not None and not policy.shows_owner(db, user, opp):
            out.to_organisation_id = None
    return out


def _reload(db: Session, opp_id: int, user: User) -> Opportunity:
    db.expire_all()
    return opportunity_service.get(db, opp_id, user)


@router.get("/opportunities", response_model=OpportunityPage)
def list_opportunities(
    db: DbSession,
    user: OptionalUser,
    lang: Lang = None,
    opp_type: Annotated[list[str] | None, Query()] = None,
    sector: Annotated[list[str] | None, Query()] = None,
    coop_type: Annotated[list[str] | None, Query()] = None,
    country: str | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> OpportunityPage:
    """The board: published opportunities, newest first; `country` is the publisher's country."""
    items, total = opportunity_service.board(
        db,
        opp_types=opp_type or (),
        sectors=sector or (),
        coop_types=coop_type or (),
        country=country,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    language, shown = _lang(lang), repo.owners_shown(db, user, items)
    return OpportunityPage(
        items=[present(db, o, user, language, shown) for o in items],
        total=total,
        page=page,
        per_page=per_page,
    )


@router.post("/opportunities", response_model=OpportunityOut, status_code=status.HTTP_201_CREATED)
def create_opportunity(
    data: OpportunityIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OpportunityOut:
    """Create a draft for an organisation you belong to; submit it for review to publish it."""
    opp = opportunity_service.create(db, user=user, data=data)
    return present(db, _reload(db, opp.id, user), user, _lang(lang))


@router.get("/opportunities/review", response_model=list[OpportunityOut])
def review_queue(db: DbSession, user: Reviewer, lang: Lang = None) -> list[OpportunityOut]:
    """Opportunities waiting for review (platform staff only)."""
    language = _lang(lang)
    return [present(db, o, user, language) for o in repo.review_queue(db)]


@router.get("/opportunities/{opp_id}", response_model=OpportunityOut)
def get_opportunity(opp_id: int, db: DbSession, user: OptionalUser, lang: Lang = None) -> OpportunityOut:
    return present(db, opportunity_service.get(db, opp_id, user), user, _lang(lang))


@router.patch("/opportunities/{opp_id}", response_model=OpportunityOut)
def update_opportunity(
    opp_id: int, data: OpportunityPatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OpportunityOut:
    opportunity_service.update(db, user=user, opp_id=opp_id, data=data)
    return present(db, _reload(db, opp_id, user), user, _lang(lang))


@router.post("/opportunities/{opp_id}/submit", response_model=OpportunityOut)
def submit_opportunity(opp_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> OpportunityOut:
    """Send a draft to platform staff for review."""
    opportunity_service.submit(db, user=user, opp_id=opp_id)
    return present(db, _reload(db, opp_id, user), user, _lang(lang))


@router.post("/opportunities/{opp_id}/review", response_model=OpportunityOut)
def review_opportunity(
    opp_id: int, data: ReviewIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OpportunityOut:
    """Approve (publish), return with a comment, or reject (platform staff)."""
    opportunity_service.review(db, user=user, opp_id=opp_id, data=data)
    return present(db, _reload(db, opp_id, user), user, _lang(lang))


@router.post("/opportunities/{opp_id}/close", response_model=OpportunityOut)
def close_opportunity(opp_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> OpportunityOut:
    opportunity_service.close(db, user=user, opp_id=opp_id)
    return present(db, _reload(db, opp_id, user), user, _lang(lang))


@router.post("/opportunities/{opp_id}/renew", response_model=OpportunityOut)
def renew_opportunity(
    opp_id: int, data: RenewIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OpportunityOut:
    """Publish an expired or closed opportunity again, with a new deadline."""
    opportunity_service.renew(db, user=user, opp_id=opp_id, deadline=data.deadline)
    return present(db, _reload(db, opp_id, user), user, _lang(lang))


# Expressions of interest -----------------------------------------------------------------------


@router.post(
    "/opportunities/{opp_id}/interests", response_model=InterestOut, status_code=status.HTTP_201_CREATED
)
def send_interest(opp_id: int, data: InterestIn, db: DbSession, user: CurrentUser) -> InterestOut:
    """Express your organisation's interest; contacts open on both sides once the owner accepts."""
    eoi = opportunity_service.send_interest(
        db, user=user, opp_id=opp_id, from_org_id=data.from_organisation_id, message=data.message
    )
    return interest_out(db, eoi, user)


@router.post(
    "/organisations/{org_id}/interests", response_model=InterestOut, status_code=status.HTTP_201_CREATED
)
def contact_organisation(org_id: int, data: InterestIn, db: DbSession, user: CurrentUser) -> InterestOut:
    """Express interest in an organisation itself (a match or a directory profile); the same rules apply."""
    eoi = opportunity_service.contact_organisation(
        db, user=user, to_org_id=org_id, from_org_id=data.from_organisation_id, message=data.message
    )
    return interest_out(db, eoi, user)


@router.get("/interests")
def list_interests(db: DbSession, user: CurrentUser) -> dict[str, list[InterestOut]]:
    """Expressions of interest your organisations received and sent."""
    received, sent = opportunity_service.interests(db, user=user)
    return {
        "received": [interest_out(db, e, user) for e in received],
        "sent": [interest_out(db, e, user) for e in sent],
    }


@router.post("/interests/{eoi_id}/accept", response_model=InterestOut)
def accept_interest(eoi_id: int, db: DbSession, user: CurrentUser) -> InterestOut:
    return interest_out(db, opportunity_service.answer(db, user=user, eoi_id=eoi_id, accept=True), user)


@router.post("/interests/{eoi_id}/decline", response_model=InterestOut)
def decline_interest(eoi_id: int, db: DbSession, user: CurrentUser) -> InterestOut:
    return interest_out(db, opportunity_service.answer(db, user=user, eoi_id=eoi_id, accept=False), user)


# Notifications ---------------------------------------------------------------------------------


# Matching --------------------------------------------------------------------------------------
