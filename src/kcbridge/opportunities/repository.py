"""Queries of the opportunities domain; who may read what is decided here, once for every caller:
`readable_statement` (drafts and reviews), `received_interests` / `sent_interests`, `owners_shown`
(anonymous publishers) and `accepted_partner_org_ids` (the contact grant the app gives the directory)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, exists, or_, select, union
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.access import STAFF_ROLES, public_or_own
from kcbridge.accounts.access import is_staff as is_staff
from kcbridge.accounts.models import Membership, User
from kcbridge.directory.models import Organisation
from kcbridge.opportunities.models import (
    ExpressionOfInterest,
    Opportunity,
    OpportunitySector,
    OpportunityText,
)

PUBLIC_STATUSES = ("published", "expired", "closed")


def _full() -> Select[Any]:
    return select(Opportunity).options(
        selectinload(Opportunity.texts),
        selectinload(Opportunity.sector_rows),
        selectinload(Opportunity.organisation),
    )


def org_ids_of(db: Session, user_id: int) -> list[int]:
    """Live organisations the user belongs to."""
    return list(
        db.scalars(
            select(Membership.organisation_id)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.user_id == user_id, Organisation.deleted_at.is_(None))
            .order_by(Membership.organisation_id)
        )
    )


def member_user_ids(db: Session, org_id: int) -> list[int]:
    return list(db.scalars(select(Membership.user_id).where(Membership.organisation_id == org_id)))


# Access rules ---------------------------------------------------------------------------------


def readable_statement(user: User | None) -> Select[Any]:
    """Opportunities `user` may read: public ones (published, expired, closed) for everyone, drafts and
    reviews only for members of the publishing organisation and platform staff; live publishers only."""
    stmt = _full().join(Organisation).where(Organisation.deleted_at.is_(None))
    return public_or_own(stmt, user, Opportunity.status.in_(PUBLIC_STATUSES), Opportunity.organisation_id)


def is_member(db: Session, user: User | None, org_id: int) -> bool:
    return (
        user is not None
        and db.scalar(
            select(Membership.id).where(Membership.user_id == user.id, Membership.organisation_id == org_id)
        )
        is not None
    )


def may_manage(db: Session, user: User | None, opp: Opportunity) -> bool:
    """Members of the publishing organisation and administrators change an opportunity."""
    return user is not None and (user.is_admin or is_member(db, user, opp.organisation_id))


def may_review(user: User | None) -> bool:
    """Platform staff review opportunities."""
    return is_staff(user)


def accepted_partner_org_ids(user_id: int) -> Select[Any]:
    """Organisations on the other side of an accepted expression of interest with one of the user's: each
    side sees the other's contact people (and an anonymous publisher's name)."""
    eoi = ExpressionOfInterest
    mine = select(Membership.organisation_id).where(Membership.user_id == user_id)
    other = case((eoi.from_organisation_id.in_(mine), eoi.to_organisation_id), else_=eoi.from_organisation_id)
    return select(other).where(
        eoi.status == "accepted", or_(eoi.from_organisation_id.in_(mine), eoi.to_organisation_id.in_(mine))
    )


def owners_shown(db: Session, user: User | None, opps: Sequence[Opportunity]) -> set[int]:
    """Ids of `opps` whose publisher `user` may see: all but anonymous ones, which name their organisation
    only to its members, platform staff and accepted partners (one query for a page)."""
    anonymous = {o.organisation_id for o in opps if o.anonymous}
    known: set[int] = set()
    if anonymous and is_staff(user):
        known = anonymous
    elif anonymous and user is not None:
        ids = union(
            select(Membership.organisation_id).where(Membership.user_id == user.id),
            accepted_partner_org_ids(user.id),
        ).subquery()
        known = set(db.scalars(select(ids.c[0]).where(ids.c[0].in_(anonymous))))
    return {o.id for o in opps if not o.anonymous or o.organisation_id in known}


def get(db: Session, opp_id: int, user: User | None) -> Opportunity | None:
    """The opportunity if `user` may read it."""
    return db.scalar(readable_statement(user).where(Opportunity.id == opp_id))


def get_many(db: Session, ids: Sequence[int]) -> dict[int, Opportunity]:
    if not ids:
        return {}
    return {o.id: o for o in db.scalars(_full().where(Opportunity.id.in_(ids)))}


def board(
    db: Session,
    *,
    opp_types: Sequence[str] = (),
    sectors: Sequence[str] = (),
    coop_types: Sequence[str] = (),
    country: str | None = None,
    organisation_id: int | None = None,
    statuses: Sequence[str] = ("published",),
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[Opportunity], int]:
    """Published opportunities, newest first, filtered; `country` is the publisher's country."""
    stmt = (
        select(Opportunity.id)
        .join(Organisation)
        .where(Opportunity.status.in_(statuses), Organisation.deleted_at.is_(None))
    )
    if opp_types:
        stmt = stmt.where(Opportunity.opp_type.in_(opp_types))
    if sectors:
        stmt = stmt.where(
            exists().where(
                OpportunitySector.opportunity_id == Opportunity.id, OpportunitySector.sector.in_(sectors)
            )
        )
    if country:
        stmt = stmt.where(Organisation.country == country)
    if organisation_id is not None:
        stmt = stmt.where(Opportunity.organisation_id == organisation_id)
    ids = list(db.scalars(stmt.order_by(Opportunity.published_at.desc(), Opportunity.id.desc())))
    if coop_types:  # a JSON list: filtered here rather than in dialect-specific SQL
        wanted = set(coop_types)
        rows = db.execute(select(Opportunity.id, Opportunity.coop_types).where(Opportunity.id.in_(ids)))
        keep = {i for i, c in rows if wanted & set(c or ())}
        ids = [i for i in ids if i in keep]
    page = ids[offset : offset + limit]
    found = get_many(db, page)
    return [found[i] for i in page if i in found], len(ids)


def of_organisations(db: Session, org_ids: Sequence[int]) -> list[Opportunity]:
    if not org_ids:
        return []
    stmt = _full().where(Opportunity.organisation_id.in_(org_ids)).order_by(Opportunity.id.desc())
    return list(db.scalars(stmt))


def review_queue(db: Session) -> list[Opportunity]:
    stmt = _full().where(Opportunity.status == "in_review").order_by(Opportunity.updated_at)
    return list(db.scalars(stmt))


def due_for_expiry(db: Session, today: date) -> list[int]:
    """Opportunities still stored as published whose deadline passed (the expiry job stores them)."""
    stmt = select(Opportunity.id).where(
        Opportunity.stored_status == "published", Opportunity.deadline < today
    )
    return list(db.scalars(stmt))


# Expressions of interest ----------------------------------------------------------------------


def _eoi_loaded() -> Select[Any]:
    return select(ExpressionOfInterest).options(
        selectinload(ExpressionOfInterest.opportunity).selectinload(Opportunity.texts),
        selectinload(ExpressionOfInterest.opportunity).selectinload(Opportunity.organisation),
        selectinload(ExpressionOfInterest.to_organisation),
        selectinload(ExpressionOfInterest.from_organisation),
    )


def eoi(db: Session, eoi_id: int, *, lock: bool = False) -> ExpressionOfInterest | None:
    """One expression; `lock`: its row locked until the commit (PostgreSQL), for an answer that must
    see the status the other answers left, not the one read before them."""
    q = _eoi_loaded().where(ExpressionOfInterest.id == eoi_id)
    if lock:
        q = q.with_for_update(of=ExpressionOfInterest).execution_options(populate_existing=True)
    return db.scalar(q)


def open_eoi(
    db: Session, from_org: int, *, opp_id: int | None = None, to_org: int | None = None
) -> ExpressionOfInterest | None:
    """A pending or accepted expression from this organisation to this opportunity (or, without one,
    to this organisation's profile)."""
    target = (
        ExpressionOfInterest.opportunity_id == opp_id
        if opp_id is not None
        else (ExpressionOfInterest.to_organisation_id == to_org)
        & ExpressionOfInterest.opportunity_id.is_(None)
    )
    return db.scalar(
        _eoi_loaded().where(
            ExpressionOfInterest.from_organisation_id == from_org,
            target,
            ExpressionOfInterest.status.in_(("pending", "accepted")),
        )
    )


def interests_of(db: Session, user: User) -> tuple[list[ExpressionOfInterest], list[ExpressionOfInterest]]:
    """(received, sent): the expressions of interest a user reads, those of their live organisations."""
    return eois_for(db, org_ids_of(db, user.id))


def eois_for(
    db: Session, org_ids: Sequence[int]
) -> tuple[list[ExpressionOfInterest], list[ExpressionOfInterest]]:
    """(received, sent) by the given organisations, newest first."""
    if not org_ids:
        return [], []
    base = _eoi_loaded()
    order = (ExpressionOfInterest.created_at.desc(), ExpressionOfInterest.id.desc())
    received = db.scalars(base.where(ExpressionOfInterest.to_organisation_id.in_(org_ids)).order_by(*order))
    sent = db.scalars(base.where(ExpressionOfInterest.from_organisation_id.in_(org_ids)).order_by(*order))
    return list(received), list(sent)


def eois_of_opportunity(db: Session, opp_id: int) -> list[ExpressionOfInterest]:
    return list(
        db.scalars(
            select(ExpressionOfInterest)
            .where(ExpressionOfInterest.opportunity_id == opp_id)
            .options(selectinload(ExpressionOfInterest.from_organisation))
            .order_by(ExpressionOfInterest.id.desc())
        )
    )


def stale_pending(db: Session, before: datetime) -> list[ExpressionOfInterest]:
    """Expressions still stored as pending and sent before `before` (the expiry job stores them)."""
    eoi = ExpressionOfInterest
    return list(db.scalars(_eoi_loaded().where(eoi.stored_status == "pending", eoi.created_at < before)))


def accepted_between(db: Session, user_id: int, org_id: int) -> bool:
    """Whether one of the user's organisations and `org_id` share an accepted expression of interest."""
    partners = accepted_partner_org_ids(user_id).subquery()
    return db.scalar(select(partners.c[0]).where(partners.c[0] == org_id).limit(1)) is not None


# Notifications --------------------------------------------------------------------------------


# Embeddings -----------------------------------------------------------------------------------


def texts_of(db: Session, opp_ids: Sequence[int]) -> dict[int, list[OpportunityText]]:
    out: dict[int, list[OpportunityText]] = {}
    if opp_ids:
        for t in db.scalars(select(OpportunityText).where(OpportunityText.opportunity_id.in_(opp_ids))):
            out.setdefault(t.opportunity_id, []).append(t)
    return out


def staff_user_ids(db: Session) -> list[int]:
    return list(db.scalars(select(User.id).where(User.role.in_(STAFF_ROLES), User.is_active.is_(True))))
