"""Queries of the directory domain. Access rules are statements here (`readable_people`,
`editable_org_ids`, `managed_org_ids`), so pages, API routes and jobs share one rule each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Select,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
    update,
)
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import MemberRole, Membership, User
from kcbridge.directory.models import Organisation, OrgLogo, OrgSector, OrgText, Person

ContactGrant = Callable[[int], Select[Any]]
"""user id → a statement of the ids of organisations whose contact people that user may also read."""
_contact_grants: dict[str, ContactGrant] = {}


# Access rules ---------------------------------------------------------------------------------


def grant_contacts(name: str, rule: ContactGrant) -> None:
    """Lets a domain above open contact people, e.g. opportunities: both sides of an accepted
    expression of interest (idempotent per name)."""
    _contact_grants[name] = rule


def member_org_ids(user_id: int) -> Select[Any]:
    """Ids of the organisations the user belongs to."""
    return select(Membership.organisation_id).where(Membership.user_id == user_id)


def contact_org_ids(user: User) -> Select[Any] | CompoundSelect:
    """Ids of the organisations whose contact people `user` may read: their own and those a grant opens
    (administrators read every organisation's: see readable_people)."""
    parts = [member_org_ids(user.id), *(rule(user.id) for rule in _contact_grants.values())]
    return union(*parts) if len(parts) > 1 else parts[0]


def readable_people(user: User | None) -> Select[Any]:
    """Contact people `user` may read: of their organisations and of accepted partners; administrators
    read all, anonymous visitors none."""
    stmt = select(Person)
    if user is None:
        return stmt.where(false())
    if user.is_admin:
        return stmt
    return stmt.where(Person.organisation_id.in_(contact_org_ids(user)))


def people_of(db: Session, user: User | None, org_id: int) -> list[Person] | None:
    """The contact people of an organisation as `user` may read them; None when they are hidden from them."""
    return people_among(db, user, [org_id]).get(org_id)


def people_among(db: Session, user: User | None, org_ids: Sequence[int]) -> dict[int, list[Person]]:
    """{organisation id: its contact people} for those of `org_ids` whose people `user` may read (an
    organisation left out hides them; an empty list means it has none). Two queries for a page."""
    readable = contacts_readable_among(db, user, org_ids)
    out: dict[int, list[Person]] = {i: [] for i in org_ids if i in readable}
    if out:
        stmt = readable_people(user).where(Person.organisation_id.in_(list(out))).order_by(Person.id)
        for person in db.scalars(stmt):
            out[person.organisation_id].append(person)
    return out


def all_people(db: Session, org_id: int) -> list[Person]:
    """Every contact person of an organisation, unfiltered: for the operator's import, never for a reader."""
    return list(db.scalars(select(Person).where(Person.organisation_id == org_id).order_by(Person.id)))


def may_read_contacts(db: Session, user: User | None, org_id: int) -> bool:
    if user is None:
        return False
    if user.is_admin:
        return True
    ids = contact_org_ids(user).subquery()
    return db.scalar(select(ids.c[0]).where(ids.c[0] == org_id).limit(1)) is not None


def contacts_readable_among(db: Session, user: User | None, org_ids: Sequence[int]) -> set[int]:
    """Which of `org_ids` show their contact people to `user` (one query for a page of results)."""
    if user is None or not org_ids:
        return set()
    if user.is_admin:
        return set(org_ids)
    ids = contact_org_ids(user).subquery()
    return set(db.scalars(select(ids.c[0]).where(ids.c[0].in_(list(org_ids)))))


def editable_org_ids(user: User) -> Select[Any]:
    """Organisations the user may change (profile, people, logo): the ones they belong to."""
    return member_org_ids(user.id)


def managed_org_ids(user: User) -> Select[Any]:
    """Organisations whose members the user manages and which they may delete: the ones they own."""
    return member_org_ids(user.id).where(Membership.role == MemberRole.OWNER.value)


def may_edit(db: Session, user: User | None, org_id: int) -> bool:
    """Members and administrators change an organisation."""
    if user is None:
        return False
    return user.is_admin or _in(db, editable_org_ids(user), org_id)


def may_manage(db: Session, user: User | None, org_id: int) -> bool:
    """Owners and administrators delete an organisation and manage its members."""
    if user is None:
        return False
    return user.is_admin or _in(db, managed_org_ids(user), org_id)


def _in(db: Session, ids: Select[Any], org_id: int) -> bool:
    return db.scalar(ids.where(Membership.organisation_id == org_id).limit(1)) is not None


# Organisations --------------------------------------------------------------------------------


def _full(people: bool = False) -> Select[Any]:
    loads = [selectinload(Organisation.texts), selectinload(Organisation.sector_rows)]
    if people:
        loads.append(selectinload(Organisation.people))
    return select(Organisation).options(*loads)


def get(db: Session, org_id: int) -> Organisation | None:
    return db.scalar(_full().where(Organisation.id == org_id, Organisation.deleted_at.is_(None)))


def get_many(db: Session, ids: Sequence[int], *, people: bool = False) -> list[Organisation]:
    """Organisations in the order of `ids` (search results keep their rank). Contact people are not loaded
    (reading `org.people` raises): readers get them through `readable_people`; only the operator's export
    passes people=True for every person, unfiltered."""
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


def unchanged_live(db: Session, revision: int) -> tuple[int, int]:
    """Count and id sum of the live organisations not changed after `revision` (a snapshot's check)."""
    o = Organisation
    count, id_sum = db.execute(
        select(func.count(), func.coalesce(func.sum(o.id), 0)).where(
            o.revision <= revision, o.deleted_at.is_(None)
        )
    ).one()
    return int(count), int(id_sum)


def updated_at_of(db: Session, ids: Sequence[int]) -> dict[int, datetime | None]:
    if not ids:
        return {}
    rows = db.execute(select(Organisation.id, Organisation.updated_at).where(Organisation.id.in_(ids)))
    return {oid: when for oid, when in rows}


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
