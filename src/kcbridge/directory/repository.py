"""Queries of the directory domain; access rules are expressed here so every caller shares them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, literal, or_, select, union_all, update
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, User
from kcbridge.directory.models import Organisation, OrgLogo, OrgSector, OrgText, Person


def _full(people: bool = True) -> Select[Any]:
    loads = [selectinload(Organisation.texts), selectinload(Organisation.sector_rows)]
    if people:
        loads.append(selectinload(Organisation.people))
    return select(Organisation).options(*loads)


def get(db: Session, org_id: int) -> Organisation | None:
    return db.scalar(_full().where(Organisation.id == org_id, Organisation.deleted_at.is_(None)))


def get_many(db: Session, ids: Sequence[int], *, people: bool = True) -> list[Organisation]:
    """Organisations in the order of `ids` (search results keep their rank). Lists that show no contact
    people pass people=False and save a query (reading `org.people` then raises)."""
    if not ids:
        return []
    stmt = _full(people).where(Organisation.id.in_(ids), Organisation.deleted_at.is_(None))
    rows = {o.id: o for o in db.scalars(stmt)}
    return [rows[i] for i in ids if i in rows]


def of_user(db: Session, user_id: int) -> list[tuple[Organisation, str]]:
    stmt = (
        _full()
        .add_columns(Membership.role)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user_id, Organisation.deleted_at.is_(None))
        .order_by(Organisation.id)
    )
    return [(o, r) for o, r in db.execute(stmt).all()]


def member_role(db: Session, user_id: int, org_id: int) -> str | None:
    return db.scalar(
        select(Membership.role).where(Membership.user_id == user_id, Membership.organisation_id == org_id)
    )


def same_name(
    db: Session, *, country: str, names: Iterable[str], exclude_id: int | None = None
) -> list[Organisation]:
    """Live organisations of `country` carrying any of `names` (case-insensitive)."""
    lowered = [n.strip().lower() for n in names if n and n.strip()]
    if not lowered:
        return []
    cond = or_(
        *(
            func.lower(col).in_(lowered)
            for col in (Organisation.name_ko, Organisation.name_zh, Organisation.name_en)
        )
    )
    stmt = select(Organisation).where(
        cond, Organisation.country == country, Organisation.deleted_at.is_(None)
    )
    if exclude_id is not None:
        stmt = stmt.where(Organisation.id != exclude_id)
    return list(db.scalars(stmt.limit(5)))


def search_rows(
    db: Session, *, after_revision: int = 0, batch: int = 5000
) -> Iterable[tuple[Any, list[str], list[str]]]:
    """Plain rows for the search index, streamed (names, type, place, texts, sectors, revision, deleted)."""
    last_id = 0
    while True:
        orgs = db.execute(
            select(
                Organisation.id,
                Organisation.name_ko,
                Organisation.name_zh,
                Organisation.name_en,
                Organisation.org_type,
                Organisation.country,
                Organisation.city,
                Organisation.updated_at,
                Organisation.revision,
                Organisation.deleted_at,
            )
            .where(Organisation.revision > after_revision, Organisation.id > last_id)
            .order_by(Organisation.id)
            .limit(batch)
        ).all()
        if not orgs:
            return
        ids = [o.id for o in orgs]
        texts: dict[int, list[str]] = {}
        for t in db.execute(
            select(OrgText.organisation_id, OrgText.description, OrgText.offer, OrgText.seek).where(
                OrgText.organisation_id.in_(ids)
            )
        ):
            texts.setdefault(t[0], []).extend(t[1:])
        sectors: dict[int, list[str]] = {}
        for oid, sector in db.execute(
            select(OrgSector.organisation_id, OrgSector.sector).where(OrgSector.organisation_id.in_(ids))
        ):
            sectors.setdefault(oid, []).append(sector)
        for o in orgs:
            yield o, texts.get(o.id, []), sectors.get(o.id, [])
        last_id = ids[-1]


def logo(db: Session, org_id: int) -> OrgLogo | None:
    return db.get(OrgLogo, org_id)


def has_logo(db: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    return set(db.scalars(select(OrgLogo.organisation_id).where(OrgLogo.organisation_id.in_(ids))))


def person(db: Session, person_id: int) -> Person | None:
    return db.get(Person, person_id)


def touch(db: Session, org_id: int, revision: int, when: datetime) -> None:
    db.execute(
        update(Organisation).where(Organisation.id == org_id).values(revision=revision, updated_at=when)
    )


def counts(db: Session) -> dict[str, int]:
    rows = db.execute(
        select(Organisation.country, func.count())
        .where(Organisation.deleted_at.is_(None))
        .group_by(Organisation.country)
    ).all()
    return {c: int(n) for c, n in rows}


def members(db: Session, org_id: int) -> list[tuple[Any, str]]:
    """(user, role) of everyone in an organisation, owners first."""
    stmt = (
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == org_id)
        .order_by(Membership.role.desc(), User.display_name)
    )
    return [(u, r) for u, r in db.execute(stmt).all()]


def membership_of(db: Session, user_id: int, org_id: int) -> Membership | None:
    return db.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.organisation_id == org_id)
    )


def list_rows(db: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """A result page as plain dicts in the order of `ids`: the public listing's hot path builds no ORM
    objects (names, facts, texts by language, sectors, whether a logo exists)."""
    if not ids:
        return []
    o = Organisation
    logo_exists = exists().where(OrgLogo.organisation_id == o.id).label("has_logo")
    rows = {
        r.id: dict(r._mapping, texts={}, sectors=[])
        for r in db.execute(
            select(
                o.id,
                o.name_ko,
                o.name_zh,
                o.name_en,
                o.org_type,
                o.size,
                o.stage,
                o.country,
                o.city,
                o.founded_year,
                o.website,
                logo_exists,
            ).where(o.id.in_(ids), o.deleted_at.is_(None))
        )
    }
    # Texts and sectors in one round trip: (id, kind, lang or sector, description, offer, seek).
    texts = select(
        OrgText.organisation_id, literal("t"), OrgText.lang, OrgText.description, OrgText.offer, OrgText.seek
    ).where(OrgText.organisation_id.in_(list(rows)))
    sectors = select(
        OrgSector.organisation_id, literal("s"), OrgSector.sector, literal(""), literal(""), literal("")
    ).where(OrgSector.organisation_id.in_(list(rows)))
    for oid, kind, key, description, offer, seek in sorted(db.execute(union_all(texts, sectors)).all()):
        if kind == "t":
            rows[oid]["texts"][key] = {"description": description, "offer": offer, "seek": seek}
        else:
            rows[oid]["sectors"].append(key)
    return [rows[i] for i in ids if i in rows]
