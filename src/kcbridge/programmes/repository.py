"""Queries of the programmes domain; who may read what is decided here, once for every caller."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, String, exists, or_, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.access import is_staff as is_staff
from kcbridge.accounts.access import public_or_own
from kcbridge.accounts.models import Membership, User
from kcbridge.directory.models import Organisation
from kcbridge.kit import revisions
from kcbridge.programmes.eligibility import Rules
from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText

PUBLIC_STATUSES = ("published", "closed")
CLOSED_RECENTLY_DAYS = 30  # programmes closed this recently still show as near misses ("closed on …")


def _full() -> Select[Any]:
    return select(Programme).options(
        selectinload(Programme.texts),
        selectinload(Programme.sector_rows),
        selectinload(Programme.organisation),
    )


def readable_statement(user: User | None) -> Select[Any]:
    """Programmes `user` may read: published and closed ones for everyone, drafts only for members of the
    operating organisation and platform staff; live operators only."""
    stmt = _full().join(Organisation).where(Organisation.deleted_at.is_(None))
    return public_or_own(stmt, user, Programme.status.in_(PUBLIC_STATUSES), Programme.organisation_id)


def may_manage(db: Session, user: User | None, p: Programme) -> bool:
    """Members of the operating organisation and platform staff change a programme."""
    if user is None:
        return False
    member = select(Membership.id).where(
        Membership.user_id == user.id, Membership.organisation_id == p.organisation_id
    )
    return is_staff(user) or db.scalar(member.limit(1)) is not None


def get(db: Session, prog_id: int, user: User | None) -> Programme | None:
    """The programme if `user` may read it."""
    return db.scalar(readable_statement(user).where(Programme.id == prog_id))


def get_many(db: Session, ids: Sequence[int]) -> dict[int, Programme]:
    if not ids:
        return {}
    return {p.id: p for p in db.scalars(_full().where(Programme.id.in_(ids)))}


def of_organisations(db: Session, org_ids: Sequence[int]) -> list[Programme]:
    if not org_ids:
        return []
    stmt = _full().where(Programme.organisation_id.in_(org_ids)).order_by(Programme.id.desc())
    return list(db.scalars(stmt))


@dataclass(frozen=True, slots=True)
class Row:
    """A programme's finder-relevant facts as plain data (no ORM object per candidate)."""

    rules: Rules
    organisation_id: int
    prog_type: str = ""


def rows(
    db: Session,
    *,
    prog_types: Sequence[str] = (),
    country: str | None = None,
    city: str | None = None,
    q: str | None = None,
    organisation_id: int | None = None,
    statuses: Sequence[str] = ("published",),
    deadline_from: date | None = None,
) -> list[Row]:
    """Candidates narrowed in SQL (type, place, words, deadline); eligibility lists are checked by the
    caller on the plain rows. `deadline_from` keeps rolling programmes and those due on or after it."""
    stmt = (
        select(
            Programme.id,
            Programme.organisation_id,
            Programme.prog_type,
            Programme.country,
            Programme.city,
            Programme.format,
            type_coerce(Programme.stages, String).label("stages"),
            type_coerce(Programme.nationalities, String).label("nationalities"),
            type_coerce(Programme.org_types, String).label("org_types"),
            Programme.opens_on,
            Programme.deadline,
        )
        .join(Organisation, Organisation.id == Programme.organisation_id)
        .where(Programme.status.in_(statuses), Organisation.deleted_at.is_(None))
    )
    if prog_types:
        stmt = stmt.where(Programme.prog_type.in_(prog_types))
    if country:
        stmt = stmt.where(Programme.country == country)
    if city:
        stmt = stmt.where(Programme.city.icontains(city.strip(), autoescape=True))
    if organisation_id is not None:
        stmt = stmt.where(Programme.organisation_id == organisation_id)
    if deadline_from is not None:
        stmt = stmt.where(or_(Programme.deadline.is_(None), Programme.deadline >= deadline_from))
    if q and q.strip():
        words = [w for w in q.split() if w][:6]
        for word in words:
            in_text = exists().where(
                ProgrammeText.programme_id == Programme.id,
                or_(
                    ProgrammeText.title.icontains(word, autoescape=True),
                    ProgrammeText.description.icontains(word, autoescape=True),
                    ProgrammeText.benefits.icontains(word, autoescape=True),
                ),
            )
            in_name = or_(
                *(
                    col.icontains(word, autoescape=True)
                    for col in (Organisation.name_ko, Organisation.name_zh, Organisation.name_en)
                )
            )
            stmt = stmt.where(or_(in_text, in_name))
    found = db.execute(stmt).all()
    sectors: dict[int, list[str]] = {}
    if found:
        ids = stmt.with_only_columns(Programme.id)
        for pid, sector in db.execute(
            select(ProgrammeSector.programme_id, ProgrammeSector.sector).where(
                ProgrammeSector.programme_id.in_(ids)
            )
        ):
            sectors.setdefault(pid, []).append(sector)
    return [
        Row(
            Rules(
                id=r.id,
                country=r.country,
                city=r.city or "",
                format=r.format,
                sectors=tuple(sorted(sectors.get(r.id, ()))),
                stages=_codes(r.stages),
                nationalities=_codes(r.nationalities),
                org_types=_codes(r.org_types),
                opens_on=r.opens_on,
                deadline=r.deadline,
            ),
            r.organisation_id,
            r.prog_type,
        )
        for r in found
    ]


def rules_of(p: Programme) -> Rules:
    """A loaded programme's eligibility as plain data."""
    return Rules(
        id=p.id,
        country=p.country,
        city=p.city or "",
        format=p.format,
        sectors=tuple(p.sectors),
        stages=tuple(p.stages or ()),
        nationalities=tuple(p.nationalities or ()),
        org_types=tuple(p.org_types or ()),
        opens_on=p.opens_on,
        deadline=p.deadline,
    )


@lru_cache(maxsize=512)
def _parsed(raw: str) -> tuple[str, ...]:
    return tuple(json.loads(raw) or ())


def _codes(value: Any) -> tuple[str, ...]:
    """A JSON list column read raw: few distinct lists recur, so each is parsed once (SQLite hands the
    text, psycopg the decoded list)."""
    if value is None:
        return ()
    return _parsed(value) if isinstance(value, str) else tuple(value)


FEED = "programme"
_published: tuple[tuple[int, int], list[Row]] | None = None


def bump(db: Session) -> None:
    """Tells every process that programmes changed (their cached finder rows are read again)."""
    revisions.next_revision(db, FEED)


def published_rows(db: Session) -> list[Row]:
    """Every published programme of a live operator as plain rows, kept per process until a programme or
    an organisation changes: the two feeds cost one indexed row each, the rows a full read."""
    global _published
    key = (revisions.current_revision(db, FEED), revisions.current_revision(db))
    cached = _published
    if cached is not None and cached[0] == key:
        return cached[1]
    found = rows(db)
    _published = (key, found)
    return found


def forget_published() -> None:
    global _published
    _published = None


def recent_cutoff(today: date) -> date:
    return today - timedelta(days=CLOSED_RECENTLY_DAYS)


def member_org_ids(db: Session, user_id: int) -> list[int]:
    """Live organisations the user belongs to."""
    return list(
        db.scalars(
            select(Membership.organisation_id)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.user_id == user_id, Organisation.deleted_at.is_(None))
            .order_by(Membership.organisation_id)
        )
    )


# Embeddings -----------------------------------------------------------------------------------
